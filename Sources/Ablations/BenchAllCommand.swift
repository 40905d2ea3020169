import ArgumentParser
import Foundation
import Lab

/// `ablations bench all [--quick]`: every benchmark next to its reference, written to
/// `Reports/benchmarks/` (Markdown table, JSON, gnuplot figure of the ratios).
struct BenchAllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every benchmark with its reference and write Reports/benchmarks/ (table + ratio figure).",
        discussion: """
        Benches: features and decode (vs librosa; the Kaldi fbank also vs torchaudio), metrics (vs scikit-learn), \
        ops (vs the same raw sgemm calls), data-cache (a cache build vs its parts on one core, on the ci fixture), \
        train-step (effnet-b0, vit-tiny and the default suite's vit-default and effnet-default vs PyTorch, steps alternating). A reference whose Python package is \
        missing is skipped and the page says why. Run it on an otherwise idle machine: the ratios are measured \
        side by side, the absolute figures are not comparable across loads. --quick uses fewer clips, rows, \
        steps and repeats (a smoke run of the whole page).
        """)

    @Flag(help: "Fewer clips, rows, steps and repeats: a quick run of the whole page.")
    var quick = false

    @Option(help: "Output folder.")
    var output = "Reports/benchmarks"

    @Option(help: "Threads for ops and train-step (default: all cores).")
    var threads: Int?

    @Option(help: "Python interpreter for the references.")
    var python = "python3"

    @Option(help: "Runs folder whose fixtures/ holds (or receives) the ci fixture for data-cache.")
    var runs = "runs"

    @Option(help: "Only these benches (comma-separated: features,decode,metrics,ops,data-cache,train-step).")
    var only: String?

    func run() throws {
        try reportingInputErrors {
            let started = Date()
            Threads.configure(threads)
            let benches = only.map { Set($0.split(separator: ",").map(String.init)) }
            var results: [BenchmarkResult] = []
            func bench(_ name: String, _ body: () throws -> [BenchmarkResult]) throws {
                guard benches?.contains(name) ?? true else { return }
                let t = Date()
                FileHandleLog.line("bench \(name)…")
                results += try body()
                FileHandleLog.line("bench \(name): \(String(format: "%.0f", Date().timeIntervalSince(t))) s")
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-bench-all-\(getpid())")
            defer { try? FileManager.default.removeItem(at: scratch) }
            try bench("features") { try featuresAndDecode(in: scratch) }
            try bench("metrics") { metrics() }
            try bench("ops") { ops() }
            try bench("data-cache") { try dataCache() }
            try bench("train-step") { trainStep() }
            let command = "ablations bench all" + (quick ? " --quick" : "") + (threads.map { " --threads \($0)" } ?? "")
            let run = BenchmarkPage.Run(command: command, date: ISO8601DateFormatter().string(from: started),
                                        codeVersion: CodeVersion.current, machine: .current, blasCore: BLASKernels.coreName,
                                        threads: Threads.count, wallSeconds: Date().timeIntervalSince(started))
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            let problem = try BenchmarkPage.write(results, run: run, to: folder)
            print("benchmarks: \(results.count) results in \(String(format: "%.0f", run.wallSeconds)) s → \(output)/README.md")
            if let problem {
                FileHandle.standardError.write(Data("error: figure not rendered: \(problem)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    /// Front ends vs librosa / torchaudio, and decode + resample vs librosa.load, one thread.
    func featuresAndDecode(in scratch: URL) throws -> [BenchmarkResult] {
        let clips = quick ? 20 : 200
        let files = try DecodeBenchmark.writeFiles(seconds: quick ? 20 : 60, in: scratch)
        var reference: PythonReferenceBenchmark.Result?
        var why = ""
        switch PythonReferenceBenchmark.run(clips: clips, loadFiles: files.map(\.1)) {
        case .success(let r): reference = r
        case .failure(let e): why = e.reason
        }
        var out = FeatureBenchmark.run(clips: FeatureBenchmark.clips(count: clips), reference: reference?.msPerClip ?? [:]).map { row in
            BenchmarkResult(bench: "features", what: row.name, unit: "ms per 5 s clip (CPU, 1 thread)", ours: row.msPerClip,
                            referenceName: row.reference, reference: row.referenceMsPerClip,
                            skipped: row.referenceMsPerClip == nil ? (why.isEmpty ? "reference not measured (torch missing for the Kaldi fbank?)" : why) : nil)
        }
        for row in try DecodeBenchmark.run(files: files, passes: quick ? 1 : 3) {
            let ours = row.seconds / row.decodeResampleRealTime
            let theirs = reference?.loadSeconds[row.url.path]
            out.append(BenchmarkResult(bench: "decode", what: "decode + resample to 32 kHz, \(row.name)", unit: "s per file (1 thread)",
                                       ours: ours, referenceName: "librosa.load(sr=32000)", reference: theirs,
                                       skipped: theirs == nil ? (why.isEmpty ? "reference not measured" : why) : nil))
        }
        return out
    }

    /// The four metrics vs scikit-learn on the same random data.
    func metrics() -> [BenchmarkResult] {
        let rows = quick ? 2_000 : 10_000, runs = quick ? 3 : 7
        let (targets, scores) = MetricsBench.randomCase(rows: rows, classes: 206, seed: 1)
        let swift = MetricsBench.timeSwift(targets: targets, scores: scores, runs: runs)
        var reference: Double?
        var why: String?
        do {
            let command = try BenchMetricsCommand.parse(["--rows", "\(rows)", "--runs", "\(runs)", "--python", python])
            reference = try command.sklearn(targets: targets, scores: scores)["total_s"] as? Double
        } catch {
            why = "scikit-learn not usable (\(python) -c 'import sklearn')"
        }
        return [BenchmarkResult(bench: "metrics", what: "samples F1 + micro F1 + macro AUC + cmAP, \(rows) × 206", unit: "ms (median of \(runs))",
                                ours: swift.seconds * 1000, referenceName: "scikit-learn", reference: reference.map { $0 * 1000 }, skipped: why)]
    }

    /// GEMM-bound ops vs the same raw sgemm calls.
    func ops() -> [BenchmarkResult] {
        OpsBenchmark.gemmRows(batch: quick ? 8 : 32).map { r in
            BenchmarkResult(bench: "ops", what: r.name, unit: "ms per call", ours: r.opSeconds * 1000,
                            referenceName: "raw sgemm, same calls", reference: r.sgemmSeconds * 1000)
        }
    }

    /// A feature-cache build on the ci fixture vs the CPU cost of its parts measured alone.
    func dataCache() throws -> [BenchmarkResult] {
        let (folder, _) = try SuiteRunner.dataFolder(for: .ci, data: nil,
                                                     fixtures: URL(fileURLWithPath: runs, isDirectory: true).appendingPathComponent("fixtures"))
        let corpus = try Corpus.load(folder, policy: .skip)
        var files = corpus.recordings.map(\.url) + corpus.soundscapes
        if quick { files = Array(files.prefix(40)) }
        let m = try BenchDataCacheCommand.measure(files: files, frontEnd: .birdMAE)
        return [BenchmarkResult(bench: "data-cache", what: "bird-mae cache build, \(files.count) ci-fixture files (\(m.windows) windows)",
                                unit: "CPU s", ours: m.buildCPU, referenceName: "decode alone + front end alone (1 core)", reference: m.partsCPU)]
    }

    /// One full training step vs PyTorch, the two sides alternating.
    func trainStep() -> [BenchmarkResult] {
        TrainStepBenchmark.Model.allCases.flatMap { model -> [BenchmarkResult] in
            let steps = quick ? 2 : 12
            let n = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            var why = ""
            let torch = TorchStepServer(python: python, model: model.rawValue, batch: 32, threads: n, why: &why)
            let session = TrainStepBenchmark.Session(model, batch: 32)
            let arguments = ["--model", model.rawValue, "--steps", "\(steps)", "--python", python] + (threads.map { ["--threads", "\($0)"] } ?? [])
            guard let command = try? BenchTrainStepCommand.parse(arguments) else { return [] }
            let (ours, theirs) = command.alternate(session, torch)
            _ = torch?.finish()
            let median = { (t: [TrainStepBenchmark.StepTime]) in TrainStepBenchmark.median(t.map(\.seconds)) }
            let paired = torch != nil && theirs.count == ours.count
            let ratio = paired ? TrainStepBenchmark.median(zip(ours, theirs).map { $1.seconds / $0.seconds }) : nil
            return [BenchmarkResult(bench: "train-step", what: "\(model.rawValue), batch 32, median of \(steps) paired steps", unit: "s per step",
                                   ours: median(ours), referenceName: "PyTorch (CPU)", reference: paired ? median(theirs) : nil,
                                   ratio: ratio, skipped: torch == nil ? "PyTorch not usable: \(why)" : paired ? nil : "PyTorch stopped answering")]
        }
    }
}
