import COpenBLAS

/// Row-major `C = alpha · op(A) · op(B) + beta · C` through `cblas_sgemm`; transposes are flags,
/// never copies. `op(A)` is m×k, `op(B)` is k×n, C is m×n; lda/ldb/ldc are row strides.
@inline(__always)
func sgemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
    _ = BLASKernels.selected
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0 ..< m { (c + i * ldc).update(repeating: 0, count: n) } }
        return
    }
    cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
