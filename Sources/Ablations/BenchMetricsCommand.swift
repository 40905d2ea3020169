import ArgumentParser
import Foundation
import Lab

/// `ablations bench metrics`: samples F1 + micro F1 + macro ROC-AUC + cmAP, Swift vs scikit-learn.
struct BenchMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Time samples F1, micro F1, macro ROC-AUC and cmAP against scikit-learn on the same random data.")

    @Option(help: "Rows (clips).") var rows = 10_000
    @Option(help: "Classes (species).") var classes = 206
    @Option(help: "Timed runs per side (median reported).") var runs = 7
    @Option(help: "Seed of the random data.") var seed: UInt64 = 1
    @Option(help: "Python interpreter with scikit-learn.") var python = "python3"
    @Flag(help: "Also time the Swift parts separately (one thread).") var parts = false

    func run() throws {
        let (targets, scores) = MetricsBench.randomCase(rows: rows, classes: classes, seed: seed)
        let swift = MetricsBench.timeSwift(targets: targets, scores: scores, runs: runs)
        let s = swift.summary
        print("data: \(rows) rows × \(classes) classes, seed \(seed); median of \(runs) runs; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("Swift   all four metrics: \(milliseconds(swift.seconds))")
        if parts {
            let p = MetricsBench.timeParts(targets: targets, scores: scores, runs: runs)
            print("Swift   parts, one thread: samples F1 \(milliseconds(p.samplesF1)), micro F1 \(milliseconds(p.microF1)), per-class AUC + AP \(milliseconds(p.rankings))")
        }
        guard let reference = try? sklearn(targets: targets, scores: scores) else {
            print("scikit-learn: not available (\(python) with scikit-learn not found or failed); no ratio")
            return
        }
        let total = reference["total_s"] as? Double ?? .nan
        let parts = ["samples_f1_s", "micro_f1_s", "macro_auc_s", "cmap_s"].map { reference[$0] as? Double ?? .nan }
        print("sklearn all four metrics: \(milliseconds(total))  (samples F1 \(milliseconds(parts[0])), micro F1 \(milliseconds(parts[1])), macro AUC \(milliseconds(parts[2])), cmAP \(milliseconds(parts[3])); scikit-learn \(reference["sklearn"] ?? "?"))")
        print(String(format: "ratio: Swift is %.1f× faster than scikit-learn (target ≥ 10×)", total / swift.seconds))
        let pairs: [(String, Double?, String)] = [("samples F1", s.samplesF1, "samples_f1"), ("micro F1", s.microF1, "micro_f1"),
                                                  ("macro AUC", s.macroAUC, "macro_auc"), ("cmAP", s.cmAP, "cmap")]
        let differences = pairs.map { abs(($0.1 ?? .nan) - (reference[$0.2] as? Double ?? .nan)) }
        print("values agree: largest |Swift − sklearn| = \(differences.max() ?? .nan)  (" +
              pairs.map { "\($0.0) \(String(format: "%.6f", $0.1 ?? .nan))" }.joined(separator: ", ") + ")")
    }

    /// Runs the scikit-learn script on the same numbers; its JSON result (also used by `bench all`).
    func sklearn(targets: ClassColumns, scores: ClassColumns) throws -> [String: Any] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-bench-metrics-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let y = folder.appendingPathComponent("targets.f64"), s = folder.appendingPathComponent("scores.f64")
        let script = folder.appendingPathComponent("bench_sklearn.py")
        try MetricsBench.rowMajorBytes(targets).write(to: y)
        try MetricsBench.rowMajorBytes(scores).write(to: s)
        try MetricsBench.sklearnScript.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, y.path, s.path, "\(targets.rows)", "\(targets.classes)", "\(runs)"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }

    private func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}
