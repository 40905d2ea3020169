import Foundation
import Lab

/// The PyTorch side of `bench train-step`: Fixtures/reference/models/bench_train_step.py running
/// with `--serve`, which takes one training step per "step" line and answers with its times.
final class TorchStepServer {
    private(set) var torchVersion = "?"
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private lazy var lines = JSONLines(output)

    /// Starts the script and waits until its model is built; nil when python, torch or the script
    /// is missing or the script fails to start (`why` says which).
    init?(python: String, model: String, batch: Int, threads: Int, why: inout String) {
        let script = CodeVersion.sourceRoot.appendingPathComponent("Fixtures/reference/models/bench_train_step.py")
        guard FileManager.default.fileExists(atPath: script.path) else { why = "\(script.path) not found"; return nil }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, "--serve", "--model", model, "--batch", String(batch), "--threads", String(threads)]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { why = "cannot start \(python): \(error)"; return nil }
        guard let ready = lines.object(), ready["ready"] as? Bool == true else {
            process.terminate()
            why = "\(python) \(script.lastPathComponent) --serve did not start (is torch installed?)"
            return nil
        }
        torchVersion = ready["torch"] as? String ?? "?"
    }

    /// One PyTorch step; nil if the script stopped answering.
    func step() -> TrainStepBenchmark.StepTime? {
        input.fileHandleForWriting.write(Data("step\n".utf8))
        guard let answer = lines.object(), let seconds = answer["seconds"] as? Double,
              let cpu = answer["cpu_seconds"] as? Double else { return nil }
        return .init(seconds: seconds, cpuSeconds: cpu)
    }

    /// Closes the script's input and returns its peak resident set, MiB.
    func finish() -> Double? {
        try? input.fileHandleForWriting.close()
        let peak = lines.object()?["peak_rss_mib"] as? Double
        process.waitUntilExit()
        return peak
    }


}
