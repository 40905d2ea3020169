import Foundation
import Testing
@testable import Lab

/// Reading and matching Kaggle-style solution / submission files, and every rejected input.
@Suite struct KaggleTableTests {
    /// A fresh folder with the given files (name → text).
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kaggle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static let solution = "row_id,a,b,c\nr1,1,0,0\nr2,0,1,0\nr3,0,0,0\nr4,1,1,0\n"
    static let submission = "row_id,c,b,a\nr4,0.6,0.7,0.8\nr1,0.2,0.1,0.9\nr3,0.05,0.3,0.2\nr2,0.1,0.4,0.3\n"

    /// The InputError from matching `solution` and `submission` texts.
    static func error(solution: String = solution, submission: String = submission) throws -> InputError? {
        let dir = try folder(["solution.csv": solution, "submission.csv": submission])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try ScoredTables(solution: dir.appendingPathComponent("solution.csv"), submission: dir.appendingPathComponent("submission.csv"))
            return nil
        } catch let e as InputError {
            return e
        }
    }

    @Test func matchesColumnsByNameAndRowsByID() throws {
        let dir = try Self.folder(["s.csv": Self.solution, "p.csv": Self.submission])
        let tables = try ScoredTables(solution: dir.appendingPathComponent("s.csv"), submission: dir.appendingPathComponent("p.csv"))
        #expect(tables.species == ["a", "b", "c"])
        #expect(tables.rowIDs == ["r1", "r2", "r3", "r4"])
        #expect(tables.scores[0, 0] == 0.9 && tables.scores[3, 2] == 0.6 && tables.scores[1, 1] == 0.4)
        let summary = scoreMultiLabel(targets: tables.targets, scores: tables.scores, thresholds: .scalar(0.5))
        #expect(abs(summary.samplesF1 - 0.45) < 1e-12 && abs(summary.microF1 - 0.75) < 1e-12 && summary.macroAUC == 1)
    }

    @Test func acceptsBOMAndCRLF() throws {
        let bomCRLF = "\u{FEFF}" + Self.solution.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Self.error(solution: bomCRLF) == nil)
        #expect(try Self.error(submission: "\u{FEFF}" + Self.submission) == nil)
        #expect(try Self.error(submission: Self.submission.replacingOccurrences(of: "\n", with: "\r\n")) == nil)
    }

    @Test func readsNumbersExactlyAsText() throws {
        // 0.1 + 2⁻⁵⁵ style values: parsed to the nearest Double, like Python's float().
        let dir = try Self.folder(["s.csv": "row_id,a\nx,0.30000000000000004\ny,1e-3\nz, 0.5 \n"])
        let table = try KaggleTable(url: dir.appendingPathComponent("s.csv"))
        #expect(table.values == [0.30000000000000004, 0.001, 0.5])
    }

    @Test func rowInOneFileOnly() throws {
        let e = try #require(try Self.error(submission: Self.submission.replacingOccurrences(of: "r3,", with: "r9,")))
        #expect(e.file.hasSuffix("solution.csv") && e.row == 4 && e.column == "row_id")
        #expect(e.reason.contains("'r3'") && e.reason.contains("submission"))
        let extra = try #require(try Self.error(submission: Self.submission + "r5,0,0,0\n"))
        #expect(extra.file.hasSuffix("submission.csv") && extra.row == 6 && extra.column == "row_id" && extra.reason.contains("'r5'"))
    }

    @Test func duplicateRowID() throws {
        let e = try #require(try Self.error(solution: Self.solution + "r2,0,0,1\n"))
        #expect(e.file.hasSuffix("solution.csv") && e.row == 6 && e.column == "row_id" && e.reason.contains("repeats row 3"))
    }

    @Test func speciesInOneFileOnly() throws {
        let missing = try #require(try Self.error(submission: Self.submission.replacingOccurrences(of: "row_id,c,b,a", with: "row_id,c,b,x")))
        #expect(missing.file.hasSuffix("submission.csv") && missing.column == "a" && missing.reason.contains("missing"))
        let extra = try #require(try Self.error(solution: Self.solution.replacingOccurrences(of: "row_id,a,b,c", with: "row_id,a,b,d")))
        #expect(extra.file.hasSuffix("submission.csv") && (extra.column == "d" || extra.column == "c"))
    }

    @Test func nonNumericAndNonFiniteCells() throws {
        let text = try #require(try Self.error(submission: Self.submission.replacingOccurrences(of: "0.7", with: "high")))
        #expect(text.file.hasSuffix("submission.csv") && text.row == 2 && text.column == "b" && text.reason.contains("'high'"))
        for bad in ["nan", "inf", "-inf", "NaN", ""] {
            let e = try #require(try Self.error(submission: Self.submission.replacingOccurrences(of: "0.05", with: bad)), "\(bad)")
            #expect(e.row == 4 && e.column == "c", "\(bad)")
        }
        let label = try #require(try Self.error(solution: Self.solution.replacingOccurrences(of: "r2,0,1,0", with: "r2,0,2,0")))
        #expect(label.file.hasSuffix("solution.csv") && label.row == 3 && label.column == "b" && label.reason.contains("[0, 1]"))
    }

    @Test func emptyHeaderOnlyAndRaggedFiles() throws {
        let empty = try #require(try Self.error(solution: ""))
        #expect(empty.file.hasSuffix("solution.csv") && empty.reason.contains("empty"))
        let headerOnly = try #require(try Self.error(submission: "row_id,a,b,c\n"))
        #expect(headerOnly.file.hasSuffix("submission.csv") && headerOnly.reason.contains("no data rows"))
        let ragged = try #require(try Self.error(solution: "row_id,a,b,c\nr1,1,0,0\nr2,0,1\nr3,0,0,0\nr4,1,1,0\n"))
        #expect(ragged.file.hasSuffix("solution.csv") && ragged.row == 3 && ragged.reason.contains("fields"))
    }

    @Test func headerProblems() throws {
        let noID = try #require(try Self.error(solution: Self.solution.replacingOccurrences(of: "row_id", with: "id")))
        #expect(noID.column == "row_id" && noID.reason.contains("missing column"))
        let repeated = try #require(try Self.error(solution: "row_id,a,a\nr1,1,0\n"))
        #expect(repeated.row == 1 && repeated.column == "a")
        let onlyID = try #require(try Self.error(solution: "row_id\nr1\n"))
        #expect(onlyID.reason.contains("no species"))
        let emptyID = try #require(try Self.error(solution: Self.solution.replacingOccurrences(of: "r3,", with: ",")))
        #expect(emptyID.row == 4 && emptyID.column == "row_id")
    }

    @Test func thresholdsFileRoundTripAndValidation() throws {
        let dir = try Self.folder([:])
        let url = dir.appendingPathComponent("sub/T.csv")
        let tuned = TunedThresholds(values: [0.3, 0.42, 0.79], tunedOn: "val, fold 1")
        try ThresholdsFile.write(tuned, species: ["a", "b", "c"], to: url)
        #expect(try ThresholdsFile.read(url, species: ["a", "b", "c"]) == tuned)
        #expect(try ThresholdsFile.read(url, species: ["c", "a", "b"]).values == [0.79, 0.3, 0.42])
        func error(_ text: String, species: [String] = ["a", "b"]) throws -> InputError? {
            try Data(text.utf8).write(to: url)
            do { _ = try ThresholdsFile.read(url, species: species); return nil } catch let e as InputError { return e }
        }
        #expect(try error("species,threshold,tuned_on\na,0.5,v\nb,0.4,v\n") == nil)
        #expect(try error("species,threshold\na,0.5\nb,0.4\n") == nil)
        #expect(try error("species,threshold,tuned_on\na,0.5,v\n")?.reason.contains("'b'") == true)
        #expect(try error("species,threshold,tuned_on\na,0.5,v\nb,0.4,v\nz,0.4,v\n")?.row == 4)
        #expect(try error("species,threshold,tuned_on\na,0.5,v\na,0.4,v\nb,0.5,v\n")?.reason.contains("repeats row 2") == true)
        #expect(try error("species,threshold,tuned_on\na,high,v\nb,0.4,v\n")?.column == "threshold")
        #expect(try error("species,threshold,tuned_on\na,1.5,v\nb,0.4,v\n")?.reason.contains("[0, 1]") == true)
        #expect(try error("species,threshold,tuned_on\na,0.5,v\nb,0.4,w\n")?.column == "tuned_on")
        #expect(try error("species,value\na,0.5\nb,0.4\n")?.column == "threshold")
    }
}
