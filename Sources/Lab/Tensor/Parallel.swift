
import COpenBLAS
import Foundation

/// Thread count for OpenBLAS and for the engine's own parallel loops.
public enum Threads {
    nonisolated(unsafe) public private(set) static var count: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Sets OpenBLAS's thread count and the width of `parallelFor` (nil: all cores).
    public static func configure(_ n: Int?) {
        count = max(1, n ?? ProcessInfo.processInfo.activeProcessorCount)
        _ = BLASKernels.selected
        openblas_set_num_threads(Int32(count))
    }
}

/// Runs `body` over `0..<n` split into at most `Threads.count` contiguous chunks, in parallel when
/// the work (`n * costPerItem`, roughly in flops) is worth a thread hop.
@inline(__always)
func parallelFor(_ n: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
    let threads = Threads.count
    if threads <= 1 || n < 2 || n * costPerItem < 32_768 {
        if n > 0 { body(0 ..< n) }
        return
    }
    let chunks = min(threads, n)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = n * c / chunks, hi = n * (c + 1) / chunks
        if lo < hi { body(lo ..< hi) }
    }
}

/// Runs `body(chunk)` for chunk in 0..<n on the Dispatch pool (inline when n ≤ 1).
enum DispatchQueueApply {
    static func run(_ n: Int, _ body: (Int) -> Void) {
        if n <= 1 { if n == 1 { body(0) }; return }
        DispatchQueue.concurrentPerform(iterations: n, execute: body)
    }
}
