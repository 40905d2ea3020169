import ArgumentParser
import Foundation
import Lab

/// `ablations report [--suite NAME] [--runs DIR] [--reports DIR]`: re-render a report from records.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a suite's report (README.md, gnuplot scripts, PNG and SVG) from its run records, without training.",
        discussion: """
        Reads <runs>/<suite>/*/seed-*/record.json. The report folder also receives a copy of the records \
        (records/<suite>/…), so `ablations report --runs Reports/records` re-renders a committed report byte for byte.
        """)

    @Option(help: "Suite (ci, default, full).")
    var suite: String = "default"

    @Option(help: "Runs folder holding <suite>/<spec>/seed-<s>/record.json.")
    var runs: String = "runs"

    @Option(help: "Report folder (default: Reports for the default suite, Reports/<suite> otherwise).")
    var reports: String?

    func run() throws {
        try reportingInputErrors {
            _ = try Suite.named(suite)
            try writeReport(suite: suite, runs: URL(fileURLWithPath: runs, isDirectory: true),
                            reports: reports ?? defaultReports(for: suite))
        }
    }
}
