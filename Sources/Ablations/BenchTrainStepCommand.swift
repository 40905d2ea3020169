import ArgumentParser
import Foundation
import Lab

/// `ablations bench train-step`: samples/s and peak memory of one full training step, against
/// the committed PyTorch script on the same machine, the two sides' steps alternating.
struct BenchTrainStepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-step",
        abstract: "Training-step throughput (forward, BCE, backward, AdamW) vs PyTorch on the same machine.",
        discussion: """
            Birdlab and PyTorch (Fixtures/reference/models/bench_train_step.py --serve, a second process) take \
            their steps in turn — birdlab then PyTorch, then PyTorch then birdlab, and so on — after one warm-up \
            step each. Each pair of neighbouring steps gives one speed ratio; the median of those ratios is \
            the figure of record, so a machine whose speed drifts (shared hosts) slows both sides of a pair alike.
            """)

    @Option(help: "effnet-b0, vit-tiny, or the default suite's models vit-default, effnet-default.") var model: String
    @Option(help: "Batch size.") var batch = 32
    @Option(help: "Threads for the engine (its loops and matrix products) and for PyTorch (default: all cores).") var threads: Int?
    @Option(help: "Timed steps per side after one warm-up step each.") var steps = 8
    @Option(help: "Python interpreter with torch for the reference run.") var python = "python3"
    @Flag(help: "Skip the PyTorch reference.") var noReference = false

    func run() throws {
        try reportingInputErrors {
            guard let which = TrainStepBenchmark.Model(rawValue: model) else {
                throw InputError(file: "--model", "expected one of \(TrainStepBenchmark.Model.allCases.map(\.rawValue).joined(separator: ", ")), got '\(model)'")
            }
            guard steps >= 1 else { throw InputError(file: "--steps", "expected at least 1 timed step, got \(steps)") }
            Threads.configure(threads)
            let n = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            var why = ""
            let torch = noReference ? nil : TorchStepServer(python: python, model: model, batch: batch, threads: n, why: &why)
            print("train-step \(model): batch \(batch), \(n) thread(s), \(steps) timed step(s) per side after 1 warm-up, OpenBLAS core \(BLASKernels.coreName)"
                  + (torch == nil ? "" : ", alternating with PyTorch"))
            let session = TrainStepBenchmark.Session(which, batch: batch)
            let (ours, theirs) = alternate(session, torch)
            let peak = TrainStepBenchmark.peakResidentMiB()
            print(line("birdlab", ours, peak: peak) + "  params \(session.parameterCount)")
            guard let torch else {
                if !noReference { print("  pytorch  unavailable: \(why); no ratio") }
                return
            }
            let theirPeak = torch.finish() ?? .nan
            guard theirs.count == ours.count else {
                print("  pytorch  stopped answering after \(theirs.count) step(s); no ratio")
                return
            }
            print(line("pytorch", theirs, peak: theirPeak) + "  (torch \(torch.torchVersion))")
            let ratios = zip(ours, theirs).map { $1.seconds / $0.seconds }.sorted()
            let cpuRatios = zip(ours, theirs).map { $1.cpuSeconds / $0.cpuSeconds }
            print(String(format: "  ratio    %8.2f× speed (median of %d paired steps, range %.2f–%.2f×), %.2f× CPU time, %.2f× peak memory (birdlab / pytorch)",
                         TrainStepBenchmark.median(ratios), ratios.count, ratios.first ?? .nan, ratios.last ?? .nan,
                         TrainStepBenchmark.median(cpuRatios), peak / theirPeak))
        }
    }

    /// Warm-up step each, then `steps` timed steps each, the order swapping every pair (also used by `bench all`).
    func alternate(_ session: TrainStepBenchmark.Session, _ torch: TorchStepServer?) -> ([TrainStepBenchmark.StepTime], [TrainStepBenchmark.StepTime]) {
        var ours: [TrainStepBenchmark.StepTime] = [], theirs: [TrainStepBenchmark.StepTime] = []
        let progress = Progress("train-step \(model)", total: (steps + 1) * (torch == nil ? 1 : 2))
        var torchAlive = torch != nil
        for i in 0 ... steps {
            let sides = i % 2 == 0 ? [true, false] : [false, true]  // true: birdlab
            for isOurs in sides {
                if isOurs {
                    let t = session.step()
                    if i > 0 { ours.append(t) }
                } else if torchAlive, let torch {
                    Thread.sleep(forTimeInterval: 0.05)  // let the other side's threads go idle
                    guard let t = torch.step() else { torchAlive = false; continue }
                    if i > 0 { theirs.append(t) }
                    Thread.sleep(forTimeInterval: 0.05)
                } else { continue }
                progress.advance()
            }
        }
        progress.finish()
        return (ours, theirs)
    }

    private func line(_ name: String, _ times: [TrainStepBenchmark.StepTime], peak: Double) -> String {
        let wall = TrainStepBenchmark.median(times.map(\.seconds)), cpu = TrainStepBenchmark.median(times.map(\.cpuSeconds))
        return String(format: "  %@  %8.2f samples/s  (median step %.3f s, CPU %.3f s/step)  peak RSS %7.0f MiB",
                      name.padding(toLength: 7, withPad: " ", startingAt: 0), Double(batch) / wall, wall, cpu, peak)
    }
}
