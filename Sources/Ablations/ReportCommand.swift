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

    @Option(help: "Also write the compact summary table into this Markdown file, between its summary-table markers.")
    var readme: String?

    func run() throws {
        try reportingInputErrors {
            let named = try Suite.named(suite)
            let runsURL = URL(fileURLWithPath: runs, isDirectory: true)
            try writeReport(suite: named, runs: runsURL, reports: reports ?? defaultReports(for: suite))
            if let readme {
                let url = URL(fileURLWithPath: readme)
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw InputError(file: readme, "cannot read (\(error.localizedDescription))")
                }
                let rows = try ReportRow.group(try RunsLayout(root: runsURL).records(suite: suite))
                let updated = try SummaryTable.replacingBlock(in: text, with: SummaryTable.render(suite: suite, rows: rows), file: readme)
                try AtomicFile.write(Data(updated.utf8), to: url)
                print("wrote the summary table into \(readme)")
            }
        }
    }
}
