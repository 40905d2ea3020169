import ArgumentParser
import Foundation
import Lab

/// `ablations check [--runs DIR]`: compare the ci suite's metrics with the golden file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Guard against metric regressions: compare ci-suite runs with Fixtures/golden/ci.json.",
        discussion: """
        Without --runs, trains the ci suite afresh with this build (in a temporary runs folder) and compares. \
        With --runs DIR, compares the records already in DIR/ci without training (a missing record fails). \
        Prints a Markdown table (metric, golden, now, delta, tolerance, verdict); exits 1 on a regression.
        """)

    @Option(help: "Golden file.")
    var golden: String = "Fixtures/golden/ci.json"

    @Option(help: "Compare existing records under this runs folder instead of training afresh.")
    var runs: String?

    @Option(help: "Data folder (default: the ci fixture under runs/fixtures/).")
    var data: String?

    @Option(help: "Threads for BLAS and parallel loops (default: all cores).")
    var threads: Int?

    func run() throws {
        try reportingInputErrors {
            let goldenFile = try GoldenFile.read(from: URL(fileURLWithPath: golden))
            let suite = try Suite.named(goldenFile.suite)
            let records: [RunRecord]
            if let runs {
                records = try RunsLayout(root: URL(fileURLWithPath: runs, isDirectory: true)).records(suite: suite.name)
            } else {
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ablations-check-\(ProcessInfo.processInfo.processIdentifier)")
                defer { try? FileManager.default.removeItem(at: scratch) }
                var options = try HarnessOptions.parse(data.map { ["--data", $0] } ?? [])
                options.threads = threads
                var context = try options.context(for: suite)
                context.layout = RunsLayout(root: scratch)  // fresh runs; the feature cache stays in <runs>/cache
                records = try runJobs(try SuiteRunner.jobs(of: suite), context: context, options: options)
            }
            let comparison = try GoldenComparison(golden: goldenFile, records: records)
            print(comparison.markdown, terminator: "")
            if comparison.failed { throw ExitCode(1) }
        }
    }
}
