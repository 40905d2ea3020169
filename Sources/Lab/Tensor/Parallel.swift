import CKernels
import Foundation

/// Thread count of the engine's pool: its parallel loops and its matrix products.
public enum Threads {
    nonisolated(unsafe) public private(set) static var count: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Sets the pool's width (nil: all cores). OpenBLAS itself stays single-threaded: large
    /// products are split into blocks that the pool's threads multiply side by side (`sgemm`),
    /// so one set of threads does all the work and the results do not depend on the count.
    public static func configure(_ n: Int?) {
        count = max(1, n ?? ProcessInfo.processInfo.activeProcessorCount)
        _ = BLASKernels.selected
    }
}

/// Runs `body(item, worker)` for item in 0..<n on the calling thread (worker 0) and up to
/// `width − 1` pool threads (workers 1…), items claimed in order. Runs everything on the caller
/// when called from inside another pool job (see `ck_pool_run`).
func poolRun(_ n: Int, width: Int = Threads.count, _ body: (Int, Int) -> Void) {
    if n <= 0 { return }
    withoutActuallyEscaping(body) { body in
        withUnsafePointer(to: body) { p in
            ck_pool_run(n, width, { context, item, worker in
                context!.assumingMemoryBound(to: ((Int, Int) -> Void).self).pointee(item, worker)
            }, UnsafeMutableRawPointer(mutating: p))
        }
    }
}

/// Runs `body` over `0..<n` split into at most `Threads.count` contiguous chunks (fixed by n and
/// the count, whichever thread runs them), in parallel when the work (`n * costPerItem`, roughly
/// in flops) is worth a thread hop.
@inline(__always)
func parallelFor(_ n: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
    let threads = Threads.count
    if threads <= 1 || n < 2 || n * costPerItem < 32_768 {
        if n > 0 { body(0 ..< n) }
        return
    }
    let chunks = min(threads, n)
    poolRun(chunks) { c, _ in
        let lo = n * c / chunks, hi = n * (c + 1) / chunks
        if lo < hi { body(lo ..< hi) }
    }
}
