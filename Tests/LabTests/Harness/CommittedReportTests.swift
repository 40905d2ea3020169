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
        #expect(records.count == 18, "six rows × three seeds")
        let files = try ReportWriter.render(suite: "default", records: records)
        var compared = 0
        for (path, data) in files where path.hasSuffix(".md") || path.hasSuffix(".gp") || path.hasSuffix(".dat") || path.hasSuffix(".json") {
            let committed = try Data(contentsOf: Self.reports.appendingPathComponent(path))
            #expect(committed == data, "Reports/\(path) differs from what its records render")
            compared += 1
        }
        #expect(compared >= 10, "README.md, the plot scripts and data, the records")
    }
}
