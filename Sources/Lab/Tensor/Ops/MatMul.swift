import CKernels

/// Matrix products through `cblas_sgemm` with transposes as flags.

/// `op(a) · op(b)` over the last two dimensions. `a` is [..., M, K] ([..., K, M] if
/// `transposeA`), `b` is [K, N] ([N, K] if `transposeB`) or batched [..., K, N] with the same
/// leading dimensions as `a`. A 2-D `b` with untransposed batched `a` is one GEMM.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank >= 2 && b.rank >= 2, "matmul needs matrices: \(a.shape), \(b.shape)")
    let ar = a.shape[a.rank - 2], ac = a.shape[a.rank - 1]
    let br = b.shape[b.rank - 2], bc = b.shape[b.rank - 1]
    let m = transposeA ? ac : ar, k = transposeA ? ar : ac
    let kb = transposeB ? bc : br, n = transposeB ? br : bc
    precondition(k == kb, "matmul inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
    let batchA = a.shape.dropLast(2).reduce(1, *)
    let batchB = b.shape.dropLast(2).reduce(1, *)
    precondition(batchB == 1 || batchB == batchA, "matmul batch dimensions differ: \(a.shape), \(b.shape)")
    let y = Tensor(uninitialized: Array(a.shape.dropLast(2)) + [m, n])
    let sa = ar * ac, sb = batchB == 1 ? 0 : br * bc, sy = m * n
    let pa = a.data, pb = b.data, py = y.data
    if batchB == 1 && !transposeA {  // fold the batch into M
        sgemm(transB: transposeB, m: batchA * m, n: n, k: k, pa, lda: ac, pb, ldb: bc, py, ldc: n)
    } else {
        for i in 0 ..< batchA {
            sgemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, pa + i * sa, lda: ac, pb + i * sb, ldb: bc, py + i * sy, ldc: n)
        }
    }
    y.recordBackward([a, b]) { gy in
        // dA = dY · op(B)ᵀ (A untransposed) or op(B) · dYᵀ (A transposed).
        a.accumulateGrad { ga, fresh in
            let beta: Float = fresh ? 0 : 1
            if batchB == 1 && !transposeA {
                sgemm(transB: !transposeB, m: batchA * m, n: k, k: n, gy, lda: n, pb, ldb: bc, beta: beta, ga, ldc: ac)
            } else {
                for i in 0 ..< batchA {
                    if transposeA {
                        sgemm(transA: transposeB, transB: true, m: k, n: m, k: n, pb + i * sb, lda: bc, gy + i * sy, ldb: n, beta: beta, ga + i * sa, ldc: ac)
                    } else {
                        sgemm(transB: !transposeB, m: m, n: k, k: n, gy + i * sy, lda: n, pb + i * sb, ldb: bc, beta: beta, ga + i * sa, ldc: ac)
                    }
                }
            }
        }
        // dB = op(A)ᵀ · dY (B untransposed) or dYᵀ · op(A) (B transposed); summed over the batch if B is shared.
        b.accumulateGrad { gb, fresh in
            if batchB == 1 && !transposeA {
                if transposeB {
                    sgemm(transA: true, m: n, n: k, k: batchA * m, gy, lda: n, pa, ldb: ac, beta: fresh ? 0 : 1, gb, ldc: bc)
                } else {
                    sgemm(transA: true, m: k, n: n, k: batchA * m, pa, lda: ac, gy, ldb: n, beta: fresh ? 0 : 1, gb, ldc: bc)
                }
                return
            }
            for i in 0 ..< batchA {
                let beta: Float = (fresh && (batchB != 1 || i == 0)) ? 0 : 1
                let dst = gb + i * sb
                if transposeB {
                    sgemm(transA: true, transB: transposeA, m: n, n: k, k: m, gy + i * sy, lda: n, pa + i * sa, ldb: ac, beta: beta, dst, ldc: bc)
                } else {
                    sgemm(transA: !transposeA, m: k, n: n, k: m, pa + i * sa, lda: ac, gy + i * sy, ldb: n, beta: beta, dst, ldc: bc)
                }
            }
        }
    }
    return y
}

/// PyTorch `nn.functional.linear`: `x · wᵀ + bias`. x [..., in], weight [out, in], bias [out].
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
    let din = weight.shape[1], dout = weight.shape[0]
    precondition(x.shape.last == din, "linear: input \(x.shape) vs weight \(weight.shape)")
    let rows = x.count / din
    let y = Tensor(uninitialized: Array(x.shape.dropLast()) + [dout])
    let px = x.data, pw = weight.data, py = y.data
    if let bias {
        let pb = bias.data
        parallelFor(rows, costPerItem: dout) { r in for row in r { (py + row * dout).update(from: pb, count: dout) } }
    }
    sgemm(transB: true, m: rows, n: dout, k: din, px, lda: din, pw, ldb: din, beta: bias == nil ? 0 : 1, py, ldc: dout)
    y.recordBackward([x, weight] + (bias.map { [$0] } ?? [])) { gy in
        // dX [rows, in] = dY [rows, out] · W [out, in]
        let dx = x.gradBuffer().map { gx, fresh in
            GemmCall(m: rows, n: din, k: dout, a: gy, lda: dout, b: pw, ldb: din, beta: fresh ? 0 : 1, c: gx, ldc: din)
        }
        // dW [out, in] = dYᵀ · X
        let dw = weight.gradBuffer().map { gw, fresh in
            GemmCall(transA: true, m: dout, n: din, k: rows, a: gy, lda: dout, b: px, ldb: din, beta: fresh ? 0 : 1, c: gw, ldc: din)
        }
        // One pool job: dW whole on one thread, dX in row blocks on the other.
        if let dw, let dx, x !== weight { sgemm(whole: dw, beside: dx) } else { dx?.run(); dw?.run() }
        bias?.accumulateGrad { gb, fresh in columnSums(gy, rows: rows, columns: dout, into: gb, fresh: fresh) }
    }
    return y
}

/// gb[j] (+)= Σ_r g[r, j]. Threads take disjoint blocks of columns; each column is summed over
/// the rows in order, so the result does not depend on the thread count.
func columnSums(_ g: UnsafePointer<Float>, rows: Int, columns: Int, into gb: UnsafeMutablePointer<Float>, fresh: Bool) {
    let blocks = (columns + 15) / 16
    parallelFor(blocks, costPerItem: 16 * rows) { br in
        ck_column_sums(g, rows, columns, br.lowerBound * 16, min(columns, br.upperBound * 16), gb, fresh ? 0 : 1)
    }
}
