import Foundation
import Testing
@testable import Lab

/// The committed `Reports/` is what `ablations report --runs Reports/records` renders from the
/// committed records: the Markdown and the gnuplot scripts and data byte for byte. (PNG and SVG
/// depend on the installed fonts and cairo, so they are not compared here.)
@Suite("Harness: committed report")
struct CommittedReportTests {
    static var reports: URL { GoldenTests.repository.appendingPathComponent("Reports") }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reports.appendingPathComponent("records/default").path),
                   "no committed default report"))
    func rerenderingTheRecordsReproducesTheReport() throws {
        let records = try RunsLayout(root: Self.reports.appendingPathComponent("records")).records(suite: "default")
        let rows = Suite.default.rows.count, seeds = Suite.default.specs[0].seeds.count
        #expect(records.count == rows * seeds, "every row × every seed of the default suite")
        let files = try ReportWriter.render(suite: "default", records: records)
        var compared = 0
        for (path, data) in files where path.hasSuffix(".md") || path.hasSuffix(".gp") || path.hasSuffix(".dat") || path.hasSuffix(".json") {
            let committed = try Data(contentsOf: Self.reports.appendingPathComponent(path))
            #expect(committed == data, "Reports/\(path) differs from what its records render")
            compared += 1
        }
        #expect(compared >= 10, "README.md, the plot scripts and data, the records")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reports.appendingPathComponent("records/default").path),
                   "no committed default report"))
    func readmeTableIsTheCommittedRecords() throws {
        let records = try RunsLayout(root: Self.reports.appendingPathComponent("records")).records(suite: "default")
        let readme = try String(contentsOf: GoldenTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let expected = try SummaryTable.replacingBlock(in: readme, with: SummaryTable.render(suite: "default", rows: try ReportRow.group(records)),
                                                       file: "README.md")
        #expect(readme == expected, "README.md's table is not what Reports/records renders: run `ablations report --runs Reports/records --readme README.md`")
    }
}
