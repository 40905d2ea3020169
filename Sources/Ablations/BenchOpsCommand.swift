import ArgumentParser
import Foundation
import Lab

/// `ablations bench ops [--threads N]`: GFLOP/s of the tensor engine's GEMM-bound ops next to raw
/// sgemm on the same shapes, direct kernels' speed, and memory over 1,000 training steps.
struct BenchOpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ops", abstract: "Tensor-engine op throughput vs raw sgemm, and steady-state memory.")

    @Option(help: "Threads for the engine's loops and matrix products (default: all cores).")
    var threads: Int?

    @Option(help: "Batch size of the op shapes.")
    var batch = 32

    @Option(help: "Training steps of the memory run.")
    var steps = 1000

    @Option(help: "Which parts to run: all, gemm, direct, memory.")
    var part = "all"

    func run() throws {
        try reportingInputErrors {
            Threads.configure(threads)
            print("threads: \(Threads.count)   batch: \(batch)   OpenBLAS core: \(BLASKernels.coreName)")
            print("")
            if part == "all" || part == "gemm" {
            print("GEMM-bound ops (GFLOP/s of the op's GEMM flops; sgemm = the same GEMM calls alone)")
            print(pad("op", 38) + pad("GFLOP", 9) + pad("op ms", 10) + pad("op GF/s", 10) + pad("sgemm GF/s", 12) + "op/sgemm")
            for r in OpsBenchmark.gemmRows(batch: batch) {
                print(pad(r.name, 38) + pad(f(r.gflop, 3), 9) + pad(f(r.opSeconds * 1e3, 1), 10) + pad(f(r.opGFLOPs, 1), 10) + pad(f(r.sgemmGFLOPs, 1), 12) + f(r.ratio * 100, 0) + " %")
            }
            print("")
            }
            if part == "all" || part == "direct" {
            print("Direct kernels")
            print(pad("op", 38) + pad("fwd ms", 10) + pad("bwd ms", 10) + "fwd GFLOP/s")
            for r in OpsBenchmark.directRows(batch: batch) {
                print(pad(r.name, 38) + pad(f(r.forward * 1e3, 1), 10) + pad(f(r.backward * 1e3, 1), 10) + (r.gflop > 0 ? f(r.gflop / r.forward, 1) : "-"))
            }
            print("")
            }
            if part == "all" || part == "memory" {
            BufferPool.shared.trim()
            print("Memory over \(steps) training steps (conv + BN-SiLU + depthwise + attention + AdamW, batch 16)")
            print(pad("step", 8) + pad("RSS MiB", 10) + pad("pool MiB", 10) + pad("pool peak MiB", 15) + "system allocations")
            for m in OpsBenchmark.memoryRun(steps: steps) {
                print(pad(String(m.step), 8) + pad(f(mib(m.rss), 1), 10) + pad(f(mib(m.poolBytes), 2), 10) + pad(f(mib(m.highWater), 2), 15) + String(m.allocations))
            }
            }
        }
    }

    private func mib(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
    private func f(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
