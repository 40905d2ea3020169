import ArgumentParser
import Foundation
import Lab

/// `ablations bench train-step`: samples/s and peak memory of one full training step, next to
/// the committed PyTorch script run on the same machine in the same invocation.
struct BenchTrainStepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-step",
        abstract: "Training-step throughput (forward, BCE, backward, AdamW) vs PyTorch on the same machine.")

    @Option(help: "effnet-b0 or vit-tiny.") var model: String
    @Option(help: "Batch size.") var batch = 32
    @Option(help: "Threads for OpenBLAS, the engine and PyTorch (default: all cores).") var threads: Int?
    @Option(help: "Timed steps after one warm-up step.") var steps = 5
    @Option(help: "Python interpreter with torch for the reference run.") var python = "python3"
    @Flag(help: "Skip the PyTorch reference.") var noReference = false

    func run() throws {
        try reportingInputErrors {
            guard let which = TrainStepBenchmark.Model(rawValue: model) else {
                throw InputError(file: "--model", "expected one of \(TrainStepBenchmark.Model.allCases.map(\.rawValue).joined(separator: ", ")), got '\(model)'")
            }
            Threads.configure(threads)
            let n = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            print("train-step \(model): batch \(batch), \(n) thread(s), \(steps) timed step(s) after 1 warm-up, OpenBLAS core \(BLASKernels.coreName)")
            let ours = TrainStepBenchmark.run(which, batch: batch, steps: steps)
            print(String(format: "  birdlab  %8.2f samples/s  (median step %.3f s, CPU %.3f s/step)  peak RSS %7.0f MiB  params %d",
                         ours.samplesPerSecond, Double(batch) / ours.samplesPerSecond, ours.cpuSecondsPerStep, ours.peakRSSMiB, ours.parameterCount))
            guard !noReference else { return }
            guard let torch = runReference(threads: n) else {
                print("  pytorch  unavailable (\(python) with torch not found or the script failed); no ratio")
                return
            }
            print(String(format: "  pytorch  %8.2f samples/s  (median step %.3f s, CPU %.3f s/step)  peak RSS %7.0f MiB  (torch %@)",
                         torch.samples, Double(batch) / torch.samples, torch.cpu, torch.peak, torch.version))
            print(String(format: "  ratio    %8.2f× speed (wall), %.2f× (CPU time), %.2f× peak memory (birdlab / pytorch)",
                         ours.samplesPerSecond / torch.samples, torch.cpu / ours.cpuSecondsPerStep, ours.peakRSSMiB / torch.peak))
        }
    }

    /// Runs Fixtures/reference/models/bench_train_step.py; nil when python/torch is missing.
    private func runReference(threads n: Int) -> (samples: Double, peak: Double, cpu: Double, version: String)? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/reference/models/bench_train_step.py")
        guard FileManager.default.fileExists(atPath: script.path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, "--model", model, "--batch", String(batch), "--threads", String(n), "--steps", String(steps)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let samples = json["samples_per_s"] as? Double, let peak = json["peak_rss_mib"] as? Double,
              let cpu = json["cpu_seconds_per_step"] as? Double
        else { return nil }
        return (samples, peak, cpu, json["torch"] as? String ?? "?")
    }
}
