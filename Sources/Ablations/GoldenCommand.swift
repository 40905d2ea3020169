import ArgumentParser
import Foundation
import Lab

/// `ablations golden`: run the ci suite and write its golden metrics.
struct GoldenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Run the ci suite and write Fixtures/golden/ci.json (metrics, tolerances and why).",
        discussion: "Finished ci runs under --runs are reused. Tolerances come from the measured seed-to-seed spread; see the file's `reason`.")

    @Option(help: "Golden file to write.")
    var output: String = "Fixtures/golden/ci.json"

    @Option(help: ArgumentHelp("A runs folder holding the same ci suite run with another BLAS kernel, for tolerances from the measured rerun spread.",
                               discussion: "Make it with `OPENBLAS_CORETYPE=Haswell ablations run --suite ci --runs DIR` (same data and seeds)."))
    var rerun: String?

    @OptionGroup var options: HarnessOptions

    func run() throws {
        try reportingInputErrors {
            let suite = try Suite.named("ci")
            let records = try runJobs(try SuiteRunner.jobs(of: suite), context: try options.context(for: suite), options: options)
            let rerunRecords = try rerun.map { try RunsLayout(root: URL(fileURLWithPath: $0, isDirectory: true)).records(suite: suite.name) }
            let golden = try GoldenFile.make(suite: suite.name, records: records, rerun: rerunRecords)
            try AtomicFile.write(try golden.encoded(), to: URL(fileURLWithPath: output))
            print("golden: \(golden.metrics.count) metrics from \(records.count) runs → \(output)")
        }
    }
}
