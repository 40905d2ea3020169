import Foundation
import Testing
@testable import Lab

/// `KaggleTable(windowLabels:species:)`: window truth (row_id,primary_labels) as a 0/1 solution.
@Suite struct WindowLabelsTableTests {
    /// The same truth as KaggleTableTests.solution, written as window labels (an empty row included).
    static let labels = "row_id,primary_labels\nr1,a\nr2,b\nr3,\nr4,b a\n"

    @Test func scoresLikeTheEquivalentWideSolution() throws {
        let dir = try KaggleTableTests.folder(["l.csv": Self.labels, "s.csv": KaggleTableTests.solution, "p.csv": KaggleTableTests.submission])
        defer { try? FileManager.default.removeItem(at: dir) }
        let submission = try KaggleTable(url: dir.appendingPathComponent("p.csv"))
        let fromLabels = try KaggleTable(windowLabels: dir.appendingPathComponent("l.csv"), species: submission.species)
        #expect(fromLabels.species == ["c", "b", "a"] && fromLabels.rowIDs == ["r1", "r2", "r3", "r4"])
        #expect(fromLabels.values == [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1])
        let a = try ScoredTables(solution: fromLabels, submission: submission)
        let b = try ScoredTables(solution: dir.appendingPathComponent("s.csv"), submission: dir.appendingPathComponent("p.csv"))
        let sa = scoreMultiLabel(targets: a.targets, scores: a.scores, thresholds: .scalar(0.5))
        let sb = scoreMultiLabel(targets: b.targets, scores: b.scores, thresholds: .scalar(0.5))
        #expect(sa.samplesF1 == sb.samplesF1 && sa.microF1 == sb.microF1 && sa.cmAP == sb.cmAP)
    }

    @Test func rejectsALabelThatIsNotASubmissionColumn() throws {
        let dir = try KaggleTableTests.folder(["l.csv": "row_id,primary_labels\nr1,a\nr2,zz\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: InputError.self) {
            try KaggleTable(windowLabels: dir.appendingPathComponent("l.csv"), species: ["a", "b"])
        }
        #expect(error.row == 3 && error.column == "primary_labels" && "\(error)".contains("zz"))
    }

    @Test func rejectsARepeatedRowID() throws {
        let dir = try KaggleTableTests.folder(["l.csv": "row_id,primary_labels\nr1,a\nr1,b\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: InputError.self) {
            try KaggleTable(windowLabels: dir.appendingPathComponent("l.csv"), species: ["a", "b"])
        }
        #expect(error.row == 3 && "\(error)".contains("repeats row 2"))
    }
}
