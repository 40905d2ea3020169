/// Batch normalisation over channel 1 of x [B, C, ...] (PyTorch `batch_norm`).
///
/// Training: normalises with the batch mean and biased variance, then updates the running
/// statistics in place: running = (1 − momentum)·running + momentum·batch, with the unbiased
/// variance (n/(n−1)) as PyTorch does. Inference: uses the running statistics.
/// `activation: .silu` fuses SiLU after the affine step (one pass, one saved tensor fewer).
public func batchNorm(
    _ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor,
    training: Bool, momentum: Float = 0.1, eps: Float = 1e-5, activation: FusedActivation = .none
) -> Tensor {
    let b = x.shape[0], c = x.shape[1], inner = x.count / max(b * c, 1)
    let n = b * inner
    let y = Tensor(uninitialized: x.shape)
    let stats = Storage(count: 2 * c)  // mean, 1/σ used for normalisation
    let px = x.data, py = y.data, pg = gamma.data, pb = beta.data, ps = stats.pointer
    let rm = runningMean.data, rv = runningVar.data
    parallelFor(c, costPerItem: 4 * n) { r in
        for ch in r {
            var mu: Float, rstd: Float
            if training {
                var s = 0.0
                for i in 0 ..< b { s += Double(vsum(px + (i * c + ch) * inner, inner)) }
                mu = Float(s / Double(n))
                var q = 0.0
                for i in 0 ..< b { q += Double(vsumSquaredDeviation(px + (i * c + ch) * inner, mu, inner)) }
                let varB = q / Double(n)
                rstd = Float(1 / (varB + Double(eps)).squareRoot())
                rm[ch] = (1 - momentum) * rm[ch] + momentum * mu
                rv[ch] = (1 - momentum) * rv[ch] + momentum * Float(varB * Double(n) / Double(max(n - 1, 1)))
            } else {
                mu = rm[ch]; rstd = 1 / (rv[ch] + eps).squareRoot()
            }
            ps[2 * ch] = mu; ps[2 * ch + 1] = rstd
            let scale = pg[ch] * rstd, shift = pb[ch] - mu * scale
            for i in 0 ..< b {
                let v = px + (i * c + ch) * inner, o = py + (i * c + ch) * inner
                switch activation {
                case .none: for k in 0 ..< inner { o[k] = v[k] * scale + shift }
                case .silu: for k in 0 ..< inner { let z = v[k] * scale + shift; o[k] = z * fastSigmoid(z) }
                }
            }
        }
    }
    y.recordBackward([x, gamma, beta]) { gy in
        let ps = stats.pointer  // keeps the saved statistics alive with the closure
        var gx: UnsafeMutablePointer<Float>? = nil, gg: UnsafeMutablePointer<Float>? = nil, gbt: UnsafeMutablePointer<Float>? = nil
        var fx = false, fg = false, fb = false
        x.accumulateGrad { p, f in gx = p; fx = f }
        gamma.accumulateGrad { p, f in gg = p; fg = f }
        beta.accumulateGrad { p, f in gbt = p; fb = f }
        parallelFor(c, costPerItem: 6 * n) { r in
            // Upstream gradient w.r.t. the normalised-affine output z, per channel ([B, inner]).
            let scratch = activation == .none ? nil : Storage(count: n)
            let dzBuffer = scratch?.pointer
            for ch in r {
                let mu = ps[2 * ch], rstd = ps[2 * ch + 1]
                let scale = pg[ch] * rstd, shift = pb[ch] - mu * scale
                var sumDz = 0.0, sumDzXc = 0.0
                for i in 0 ..< b {
                    let v = px + (i * c + ch) * inner, g = gy + (i * c + ch) * inner
                    var dz = UnsafePointer(g)
                    if let buf = dzBuffer {
                        let d = buf + i * inner
                        for k in 0 ..< inner {
                            let z = v[k] * scale + shift, s = fastSigmoid(z)
                            d[k] = g[k] * s * (1 + z * (1 - s))
                        }
                        dz = UnsafePointer(d)
                    }
                    sumDz += Double(vsum(dz, inner)); sumDzXc += Double(vdotCentered(dz, v, mu, inner))
                }
                let sumDzXhat = sumDzXc * Double(rstd)
                if let gg { gg[ch] = (fg ? 0 : gg[ch]) + Float(sumDzXhat) }
                if let gbt { gbt[ch] = (fb ? 0 : gbt[ch]) + Float(sumDz) }
                guard let gx else { continue }
                // Training: dx = γ/σ · (dz − mean(dz) − x̂ · mean(dz·x̂)); inference: dx = γ/σ · dz.
                let mDz = training ? Float(sumDz / Double(n)) : 0
                let k2 = training ? Float(sumDzXhat / Double(n)) * rstd : 0
                for i in 0 ..< b {
                    let v = px + (i * c + ch) * inner, o = gx + (i * c + ch) * inner
                    let dz = dzBuffer.map { UnsafePointer($0 + i * inner) } ?? UnsafePointer(gy + (i * c + ch) * inner)
                    if fx { for k in 0 ..< inner { o[k] = scale * (dz[k] - mDz - (v[k] - mu) * k2) } }
                    else { for k in 0 ..< inner { o[k] += scale * (dz[k] - mDz - (v[k] - mu) * k2) } }
                }
            }
            withExtendedLifetime(scratch) {}
        }
    }
    return y
}

/// An activation fused into a normalisation kernel.
public enum FusedActivation: Sendable { case none, silu }
