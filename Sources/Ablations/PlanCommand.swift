import ArgumentParser
import Foundation
import Lab

/// `ablations plan --suite NAME --data DIR`: the cost of a suite before any training.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print what a suite will cost on a corpus before training: windows, feature cache, MAE, seconds per step, core-hours, memory, wall time.",
        discussion: """
        Seconds per step are measured: each distinct model of the suite takes a few real training steps (and MAE \
        steps) on random input of the spec's shape, one thread, in a child process whose peak resident set is its \
        peak memory. Core-hours = jobs × training steps × seconds per step + MAE steps per shared pretraining × seeds. \
        Batch assembly, evaluation and the feature cache are not in the core-hours (a run's record.json times them \
        separately). Wall time assumes one job per core, jobs packed over \
        --cores × --nodes cores, no faster than the longest job.
        """
    )

    @Option(help: "Built-in suite (ci, default, full).")
    var suite: String = "default"
    @Option(help: "Corpus folder (BirdCLEF layout).")
    var data: String
    @Option(help: "Cores per node.")
    var cores: Int?
    @Option(help: "Slurm nodes.")
    var nodes: Int = 1
    @Option(help: "Timed steps per model (after one warm-up).")
    var steps: Int = 3
    @Option(name: .customLong("measure-row"), help: .hidden)
    var measureRow: String?
    @Option(name: .customLong("classes"), help: .hidden)
    var classes: Int = 0

    func run() throws {
        try reportingInputErrors {
            let chosen = try Suite.named(suite)
            if let measureRow {
                // The child: time one row's model at one thread, print one JSON line.
                guard let spec = chosen.spec(named: measureRow) else { throw ValidationError("no row \(measureRow) in \(suite)") }
                Threads.configure(1)
                let m = CostPlan.measure(spec, classes: classes, steps: steps)
                print(String(decoding: try JSONEncoder().encode(m), as: UTF8.self))
                return
            }
            let size = try CostPlan.CorpusSize(Corpus.load(URL(fileURLWithPath: data)))
            let coreCount = cores ?? ProcessInfo.processInfo.activeProcessorCount
            print(String(format: "corpus %@: %d train_audio windows (%.1f h), %d soundscape windows (%.1f h), %d classes",
                         data, size.audioWindows, size.audioSeconds / 3600, size.soundscapeWindows, size.soundscapeSeconds / 3600, size.classes))
            try table(chosen, size, cores: coreCount)
        }
    }

    private func table(_ chosen: Suite, _ size: CostPlan.CorpusSize, cores: Int) throws {
        var measured: [String: CostPlan.Measurement] = [:]
        var maeDone = Set<String>()
        var totalCore = 0.0, totalMAE = 0.0, longestJob = 0.0, jobs = 0, peak = 0.0
        var caches: [String: Int] = [:]
        print("row               windows  cache MiB  MAE steps×s (shared)   steps/job  s/step  jobs  core-h  peak MiB")
        for spec in chosen.specs {
            let key = StableHash.hex(of: [CostPlan.modelKey(spec)])
            let m: CostPlan.Measurement
            if let known = measured[key] { m = known } else { m = try measureInChild(spec.name, classes: size.classes); measured[key] = m }
            let steps = CostPlan.trainingSteps(spec)
            var maeText = "-"
            var maeCore = 0.0
            if let mae = CostPlan.mae(spec), let s = m.maeStepSeconds {
                let shared = maeDone.contains(mae.key)
                maeText = String(format: "%d×%.3f%@", mae.steps, s, shared ? " (shared)" : "")
                if !shared { maeDone.insert(mae.key); maeCore = Double(mae.steps) * s * Double(spec.seeds.count) }
            }
            let jobCore = Double(steps) * m.stepCPUSeconds
            let rowCore = jobCore * Double(spec.seeds.count) + maeCore
            totalCore += rowCore; totalMAE += maeCore; jobs += spec.seeds.count
            longestJob = max(longestJob, jobCore + (maeCore > 0 ? maeCore / Double(spec.seeds.count) : 0))
            peak = max(peak, m.peakMiB)
            let cache = CostPlan.cacheBytes(spec, size)
            caches[spec.frontEnd.fingerprint] = cache
            print(pad(spec.name, 16) + String(format: " %8d %10.1f  ", CostPlan.windows(spec, size), Double(cache) / 1_048_576)
                  + pad(maeText, 22) + String(format: " %9d  %6.3f  %4d  %6.3f  %8.0f", steps, m.stepSeconds, spec.seeds.count,
                                                rowCore / 3600, m.peakMiB))
        }
        let slots = Double(max(cores, 1) * max(nodes, 1))
        let wall = max(totalCore / slots, longestJob)
        print(String(format: "total: %d jobs, %.2f core-hours (MAE %.2f), feature cache %.1f MiB, peak %.0f MiB per job",
                     jobs, totalCore / 3600, totalMAE / 3600, Double(caches.values.reduce(0, +)) / 1_048_576, peak))
        print(String(format: "wall time on %d node(s) × %d cores: %.2f h (%.0f s); longest job %.2f h",
                     nodes, cores, wall / 3600, wall, longestJob / 3600))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Runs this executable with `--measure-row` so each model's peak memory is its own.
    private func measureInChild(_ row: String, classes: Int) throws -> CostPlan.Measurement {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["plan", "--suite", suite, "--data", data, "--measure-row", row, "--classes", String(classes), "--steps", String(steps)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last else {
            throw ValidationError("measuring row \(row) failed (status \(process.terminationStatus))")
        }
        return try JSONDecoder().decode(CostPlan.Measurement.self, from: Data(line.utf8))
    }
}
