import Foundation
import Testing
@testable import Lab

/// `--on-error skip` covers rows with the wrong number of fields (issue 17): reported, left out,
/// the other rows kept with their file row numbers; `fail` still stops at the row.
@Suite struct RaggedRowTests {
    @Test func raggedRowsAreSkippedAndReportedUnderSkipAndFailUnderFail() throws {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 2, "bbb": 1],
                                                   trainRows: ["aaa,[],[],aaa/short.ogg"])
        let error = try #require(throws: InputError.self) { try Corpus.load(root, policy: .fail) }
        #expect(error.reason.contains("fields"))
        let corpus = try Corpus.load(root, policy: .skip)
        #expect(corpus.recordings.count == 3)
        let issue = try #require(corpus.report.issues.first { $0.kind == .malformedField })
        #expect(issue.file == "train.csv" && issue.row == 5 && issue.detail == "has 4 fields; the header has 13")
        let csv = DataTestSupport.temporaryFolder().appendingPathComponent("t.csv")
        try FileManager.default.createDirectory(at: csv.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("a,b\n1,2\n3\n\n4,5\n".utf8).write(to: csv)
        let t = try CSVTable(url: csv, skipRagged: true)
        #expect(t.rows == [["1", "2"], ["4", "5"]] && t.rowNumbers == [2, 5] && t.raggedRows.map(\.row) == [3])
    }
}
