import ArgumentParser
import Foundation
import Lab

/// Options shared by the harness commands (`run`, `golden`, `check`).
struct HarnessOptions: ParsableArguments {
    @Option(help: "Data folder in the BirdCLEF-2025 layout (train.csv, taxonomy.csv, train_audio/, train_soundscapes/). Default: the suite's fixture under <runs>/fixtures/.")
    var data: String?

    @Option(help: "Runs folder: records go to <runs>/<suite>/<spec>/seed-<s>/record.json, checkpoints beside them.")
    var runs: String = "runs"

    @Option(help: "Threads for BLAS and parallel loops (default: all cores).")
    var threads: Int?

    @Flag(help: "Skip undecodable audio files (counted in the record) instead of stopping.")
    var skipCorrupt = false

    @Option(help: "Jobs to run side by side as child processes, the threads split between them (default 1: one job at a time in this process).")
    var jobs: Int = 1

    var runsURL: URL { URL(fileURLWithPath: runs, isDirectory: true) }

    /// The context for `suite`'s jobs: data folder (`--data`, else `dataFolder` named by a suite
    /// file, else the fixture, generated on first use) and its fingerprint.
    func context(for suite: Suite, dataFolder: URL? = nil) throws -> Experiment.Context {
        try SuiteRunner.context(for: suite, data: data.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? dataFolder, runs: runsURL,
                                skipCorrupt: skipCorrupt, threads: threads)
    }
}

/// Runs a suite's jobs (side by side when `options.jobs` > 1, each child selecting the suite with
/// `suiteArguments`, default `--suite <name>`), turning a trainer that stopped before its last
/// epoch into a clear message and exit status 1.
func runJobs(_ jobs: [SuiteRunner.Job], context: Experiment.Context, options: HarnessOptions, suiteArguments: [String]? = nil) throws -> [RunRecord] {
    do {
        if options.jobs > 1 && jobs.count > 1 {
            return try ParallelJobs(context: context, options: options, suiteArguments: suiteArguments ?? ["--suite", context.suite]).run(jobs)
        }
        return try SuiteRunner.run(jobs, context: context)
    } catch let error as TrainingStoppedEarly {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// The default report folder of a suite: `Reports` for `default`, `Reports/<suite>` otherwise.
func defaultReports(for suite: String) -> String { suite == "default" ? "Reports" : "Reports/\(suite)" }

/// Writes the report of `suite` from the records under `runs` and prints what was written.
func writeReport(suite: Suite, runs: URL, reports: String) throws {
    let records = try RunsLayout(root: runs).validatedRecords(suite: suite)
    guard !records.isEmpty else {
        throw InputError(file: runs.appendingPathComponent(suite.name).path, "no run records; run `ablations run --suite \(suite.name)` first")
    }
    let output = try ReportWriter.write(suite: suite.name, records: records, to: URL(fileURLWithPath: reports, isDirectory: true))
    print("report: \(records.count) records → \(reports)/README.md (+ \(output.files.count - 1) files)")
    if let problem = output.gnuplotProblem {
        FileHandle.standardError.write(Data("error: plots not rendered: \(problem)\n".utf8))
        throw ExitCode(1)
    }
}
