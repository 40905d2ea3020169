import CKernels

/// Layer normalisation over the last dimension: y = (x − μ)/√(σ² + eps) · γ + β.
/// x [..., D], gamma/beta [D]. Saves per-row mean and 1/σ. Rows run in parallel (C kernels in
/// Sources/CKernels); γ and β gradients are split by columns, each summed over the rows in
/// order, so no result depends on the thread count.
public func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Float = 1e-5) -> Tensor {
    let d = x.shape.last!
    precondition(gamma.count == d && beta.count == d, "layerNorm: \(x.shape) with γ \(gamma.shape)")
    let rows = x.count / d
    let y = Tensor(uninitialized: x.shape)
    let stats = Storage(count: 2 * rows)  // mean, rstd per row
    let px = x.data, py = y.data, pg = gamma.data, pb = beta.data, ps = stats.pointer
    parallelFor(rows, costPerItem: 4 * d) { r in
        ck_layernorm_rows(px + r.lowerBound * d, py + r.lowerBound * d, r.count, d, pg, pb, eps, ps + 2 * r.lowerBound)
    }
    y.recordBackward([x, gamma, beta]) { gy in
        let ps = stats.pointer  // keeps the saved statistics alive with the closure
        x.accumulateGrad { gx, fresh in
            parallelFor(rows, costPerItem: 6 * d) { r in
                let o = r.lowerBound * d
                ck_layernorm_backward_rows(px + o, gy + o, pg, ps + 2 * r.lowerBound, gx + o, r.count, d, fresh ? 0 : 1)
            }
        }
        guard gamma.requiresGrad || beta.requiresGrad else { return }
        let sums = Storage(count: 2 * d)  // dγ, dβ of this call
        let dg = sums.pointer, db = sums.pointer + d
        parallelFor((d + 15) / 16, costPerItem: 16 * 3 * rows) { br in
            ck_layernorm_param_grads(px, gy, ps, rows, d, br.lowerBound * 16, min(d, br.upperBound * 16), dg, db)
        }
        gamma.accumulateGrad { g, fresh in for i in 0 ..< d { g[i] = (fresh ? 0 : g[i]) + dg[i] } }
        beta.accumulateGrad { g, fresh in for i in 0 ..< d { g[i] = (fresh ? 0 : g[i]) + db[i] } }
    }
    return y
}
