import CKernels
import COpenBLAS

/// Row-major `C = alpha · op(A) · op(B) + beta · C` through `cblas_sgemm`; transposes are flags,
/// never copies. `op(A)` is m×k, `op(B)` is k×n, C is m×n; lda/ldb/ldc are row strides.
///
/// With more than one thread, a product of at least two `GemmSplit.minimumPartFlops` runs as
/// single-threaded OpenBLAS calls on blocks of C's rows (or, for short wide C, columns), claimed
/// by the engine's pool: a few blocks per thread, so a thread that the machine slows down does not
/// hold up the others. Inside a pool job (e.g. attention's per-head products) a product stays
/// one call. Block edges depend on the shape and the thread count only, so a run is reproducible
/// for a given thread count.
@inline(__always)
func sgemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
    GemmCall(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc).run()
}

/// One `sgemm` call's arguments (row-major, see `sgemm`).
struct GemmCall {
    var transA = false, transB = false
    var m: Int, n: Int, k: Int
    var alpha: Float = 1
    var a: UnsafePointer<Float>, lda: Int
    var b: UnsafePointer<Float>, ldb: Int
    var beta: Float = 0
    var c: UnsafeMutablePointer<Float>, ldc: Int

    /// The whole product (`sgemm`): split over the pool when large and not inside a pool job.
    func run() {
        _ = BLASKernels.selected
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { for i in 0 ..< m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let split = GemmSplit(m: m, n: n, k: k, threads: ck_pool_in_job() != 0 ? 1 : Threads.count)
        if split.parts <= 1 {
            run(0, m, byRows: true)
            return
        }
        poolRun(split.parts) { p, _ in run(split.edge(p), split.edge(p + 1), byRows: split.byRows) }
    }

    /// Rows `lo..<hi` of op(A) and C (`byRows`) or columns `lo..<hi` of op(B) and C, as one OpenBLAS call.
    func run(_ lo: Int, _ hi: Int, byRows: Bool) {
        if hi <= lo { return }
        if byRows {
            cblasSgemm(transA, transB, hi - lo, n, k, alpha, transA ? a + lo : a + lo * lda, lda, b, ldb, beta, c + lo * ldc, ldc)
        } else {
            cblasSgemm(transA, transB, m, hi - lo, k, alpha, a, lda, transB ? b + lo * ldb : b + lo, ldb, beta, c + lo, ldc)
        }
    }
}

/// Two independent products as one pool job — a Linear layer's (or a 1×1 convolution's) weight
/// and input gradients on two threads: `whole` as a single OpenBLAS call on the first thread to claim it, `split` in
/// blocks (four per thread) that the other thread, and then the first, take in turn. The threads
/// finish within a block of each other, where splitting each product on its own leaves one
/// waiting at the end of each; and `whole` (the weight gradient, whose long shared operand every
/// block would re-pack) stays one call. Used when `whole` is at most one thread's share of the
/// work; otherwise each product goes through `sgemm` in turn. Either way each element of C is
/// computed as `sgemm` computes it, so results do not depend on the thread count.
func sgemm(whole: GemmCall, beside split: GemmCall) {
    _ = BLASKernels.selected
    let threads = ck_pool_in_job() != 0 ? 1 : Threads.count
    let wholeFlops = 2 * whole.m * whole.n * whole.k, flops = wholeFlops + 2 * split.m * split.n * split.k
    if threads <= 1 || wholeFlops * threads > flops || flops < 2 * GemmSplit.minimumPartFlops
        || min(whole.m, whole.n, whole.k, split.m, split.n, split.k) == 0 {
        whole.run()
        split.run()
        return
    }
    let blocks = GemmSplit(m: split.m, n: split.n, k: split.k, threads: threads, blocksPerThread: 4)
    poolRun(1 + blocks.parts) { item, _ in
        if item == 0 { whole.run(0, whole.m, byRows: true) }
        else { split.run(blocks.edge(item - 1), blocks.edge(item), byRows: blocks.byRows) }
    }
}

@inline(__always)
private func cblasSgemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
) {
    cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// How `sgemm` divides C among the pool's threads: into `parts` blocks of rows (or columns),
/// edges on multiples of `alignment`.
struct GemmSplit {
    /// Smallest block worth a thread hop, in flops (≈ 20 µs of one core).
    static let minimumPartFlops = 1 << 21
    static let blocksPerThread = 2
    static let alignment = 64

    let parts: Int
    let byRows: Bool
    let length: Int

    init(m: Int, n: Int, k: Int, threads: Int, blocksPerThread: Int = GemmSplit.blocksPerThread) {
        byRows = m >= n
        length = byRows ? m : n
        let flops = 2 * m * n * k
        parts = threads <= 1 ? 1
            : max(1, min(blocksPerThread * threads, length / GemmSplit.alignment, flops / GemmSplit.minimumPartFlops))
    }

    /// Start of block `p` (block `parts` starts at `length`).
    func edge(_ p: Int) -> Int {
        if p >= parts { return length }
        let unit = GemmSplit.alignment
        return min(length, (length * p / parts + unit / 2) / unit * unit)
    }
}
