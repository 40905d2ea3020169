import CKernels

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
                for i in 0 ..< b { s += Double(ck_sum(px + (i * c + ch) * inner, inner)) }
                mu = Float(s / Double(n))
                var q = 0.0
                for i in 0 ..< b { q += Double(ck_sum_squared_deviation(px + (i * c + ch) * inner, mu, inner)) }
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
                ck_affine(v, o, inner, scale, shift, activation == .silu ? 1 : 0)
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
                    // One pass: dz (written for the fused SiLU), Σ dz and Σ dz·(x − μ).
                    var sums: (Float, Float) = (0, 0)
                    withUnsafeMutablePointer(to: &sums) {
                        $0.withMemoryRebound(to: Float.self, capacity: 2) { sp in
                            ck_batchnorm_backward_sums(v, g, dzBuffer.map { $0 + i * inner }, inner, scale, shift, mu, dzBuffer == nil ? 0 : 1, sp)
                        }
                    }
                    sumDz += Double(sums.0); sumDzXc += Double(sums.1)
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
                    ck_batchnorm_input_grad(v, dz, o, inner, scale, mu, mDz, k2, fx ? 0 : 1)
                }
            }
            withExtendedLifetime(scratch) {}
        }
    }
    return y
}

/// An activation fused into a normalisation kernel.
public enum FusedActivation: Sendable { case none, silu }
