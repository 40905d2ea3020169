/// Multi-head scaled dot-product self-attention on packed projections.
///
/// qkv [B, T, 3·D] is the output of the `qkv` Linear (timm layout: q, k, v blocks of D, each
/// split into `heads` heads of D/heads); returns the heads' outputs side by side, [B, T, D]
/// (feed it to the `proj` Linear). softmax(q·kᵀ/√dh)·v per (batch, head) with GEMMs reading
/// the packed layout through leading dimensions (no copies); the pool takes one (batch, head) at a
/// time, each product a single OpenBLAS call. Saves the attention probabilities.
public func attention(qkv: Tensor, heads: Int) -> Tensor {
    precondition(qkv.rank == 3 && qkv.shape[2] % (3 * heads) == 0, "attention: qkv \(qkv.shape), \(heads) heads")
    let b = qkv.shape[0], t = qkv.shape[1], d = qkv.shape[2] / 3, dh = d / heads
    let scale = 1 / Float(dh).squareRoot()
    let y = Tensor(uninitialized: [b, t, d])
    let probs = Storage(count: b * heads * t * t)  // [B, H, T, T]
    let px = qkv.data, py = y.data, pp = probs.pointer
    let ld = 3 * d
    poolRun(b * heads) { bh, _ in
        let i = bh / heads, h = bh % heads
        let q = px + i * t * ld + h * dh, k = q + d, v = q + 2 * d
        let p = pp + bh * t * t
        sgemm(transB: true, m: t, n: t, k: dh, alpha: scale, q, lda: ld, k, ldb: ld, p, ldc: t)
        softmaxRows(p, p, rows: t, d: t, serial: true)
        sgemm(m: t, n: dh, k: t, p, lda: t, v, ldb: ld, py + i * t * d + h * dh, ldc: d)
    }
    y.recordBackward([qkv]) { gy in
        let pp = probs.pointer  // keeps the saved probabilities alive with the closure
        qkv.accumulateGrad { gx, fresh in
            let beta: Float = fresh ? 0 : 1
            let scratch = Storage(count: Threads.count * t * t)
            poolRun(b * heads) { bh, worker in
                let i = bh / heads, h = bh % heads
                let q = px + i * t * ld + h * dh, k = q + d, v = q + 2 * d
                let gq = gx + i * t * ld + h * dh, gk = gq + d, gv = gq + 2 * d
                let go = gy + i * t * d + h * dh
                let p = pp + bh * t * t, ds = scratch.pointer + worker * t * t
                sgemm(transB: true, m: t, n: t, k: dh, go, lda: d, v, ldb: ld, ds, ldc: t)          // dP = dO·Vᵀ
                softmaxBackwardRows(p, ds, ds, rows: t, d: t, fresh: true, serial: true)         // dS
                sgemm(m: t, n: dh, k: t, alpha: scale, ds, lda: t, k, ldb: ld, beta: beta, gq, ldc: ld)        // dQ = s·dS·K
                sgemm(transA: true, m: t, n: dh, k: t, alpha: scale, ds, lda: t, q, ldb: ld, beta: beta, gk, ldc: ld)  // dK = s·dSᵀ·Q
                sgemm(transA: true, m: t, n: dh, k: t, p, lda: t, go, ldb: d, beta: beta, gv, ldc: ld)      // dV = Pᵀ·dO
            }
        }
    }
    return y
}
