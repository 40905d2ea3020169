/// Layer normalisation over the last dimension: y = (x − μ)/√(σ² + eps) · γ + β.
/// x [..., D], gamma/beta [D]. Saves per-row mean and 1/σ.
public func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Float = 1e-5) -> Tensor {
    let d = x.shape.last!
    precondition(gamma.count == d && beta.count == d, "layerNorm: \(x.shape) with γ \(gamma.shape)")
    let rows = x.count / d
    let y = Tensor(uninitialized: x.shape)
    let stats = Storage(count: 2 * rows)  // mean, rstd per row
    let px = x.data, py = y.data, pg = gamma.data, pb = beta.data, ps = stats.pointer
    parallelFor(rows, costPerItem: 4 * d) { r in
        for row in r {
            let v = px + row * d, out = py + row * d
            let mu = vsum(v, d) / Float(d)
            let q = vsumSquaredDeviation(v, mu, d)
            let rstd = 1 / (q / Float(d) + eps).squareRoot()
            for i in 0 ..< d { out[i] = (v[i] - mu) * rstd * pg[i] + pb[i] }
            ps[2 * row] = mu; ps[2 * row + 1] = rstd
        }
    }
    y.recordBackward([x, gamma, beta]) { gy in
        let ps = stats.pointer
        if x.requiresGrad {
            x.accumulateGrad { gx, fresh in
                parallelFor(rows, costPerItem: 6 * d) { r in
                    for row in r {
                        let v = px + row * d, g = gy + row * d, out = gx + row * d
                        let mu = ps[2 * row], rstd = ps[2 * row + 1]
                        // mean(dx̂) and mean(dx̂·x̂) with dx̂ = g·γ
                        var acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), i = 0
                        let muv = SIMD8<Float>(repeating: mu)
                        while i + 8 <= d {
                            let dxh = load8(g + i) * load8(pg + i)
                            acc1 += dxh; acc2 += dxh * (load8(v + i) - muv); i += 8
                        }
                        var sg = acc1.sum(), sgx = acc2.sum()
                        while i < d { let dxh = g[i] * pg[i]; sg += dxh; sgx += dxh * (v[i] - mu); i += 1 }
                        sg /= Float(d); sgx = sgx * rstd / Float(d)
                        for i in 0 ..< d {
                            let xh = (v[i] - mu) * rstd
                            let val = rstd * (g[i] * pg[i] - sg - xh * sgx)
                            if fresh { out[i] = val } else { out[i] += val }
                        }
                    }
                }
            }
        }
        if gamma.requiresGrad || beta.requiresGrad {
            let partial = Tensor(zeros: [Threads.count, 2, d])  // per-thread dγ, dβ
            let pp = partial.data, chunks = Threads.count
            DispatchQueueApply.run(chunks) { c in
                let lo = rows * c / chunks, hi = rows * (c + 1) / chunks
                let dg = pp + c * 2 * d, db = dg + d
                for row in lo ..< hi {
                    let v = px + row * d, g = gy + row * d
                    let mu = ps[2 * row], rstd = ps[2 * row + 1]
                    for i in 0 ..< d { dg[i] += g[i] * (v[i] - mu) * rstd; db[i] += g[i] }
                }
            }
            for c in 1 ..< max(chunks, 1) where chunks > 1 {
                for i in 0 ..< 2 * d { pp[i] += pp[c * 2 * d + i] }
            }
            gamma.accumulateGrad { g, fresh in for i in 0 ..< d { g[i] = (fresh ? 0 : g[i]) + pp[i] } }
            beta.accumulateGrad { g, fresh in for i in 0 ..< d { g[i] = (fresh ? 0 : g[i]) + pp[d + i] } }
        }
    }
    return y
}
