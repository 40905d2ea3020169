import Foundation
import Testing
@testable import Lab

/// End to end: the built `ablations` binary on CSV files written here — agreement with the
/// scikit-learn reference through the CSV path, and exit status 2 with file/row/column on bad input.
@Suite struct ScoreCommandTests {
    /// `ablations` next to the test bundle in the build products folder.
    static var binary: URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for var folder in candidates {
            for _ in 0 ..< 4 {
                let url = folder.appendingPathComponent("ablations")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }

    struct Run { var status: Int32; var output: String; var error: String }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(binary, "the ablations binary is built with the tests (swift build --build-tests)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Kaggle CSV text: rows in `order`, species columns in `columns` order.
    static func csv(_ values: [[Double]], species: [String], order: [Int], columns: [Int]) -> String {
        var lines = [CSVText.line(["row_id"] + columns.map { species[$0] })]
        for r in order { lines.append(CSVText.line(["clip_\(r)"] + columns.map { "\(values[r][$0])" })) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func jsonMatchesScikitLearnThroughCSVFiles() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = MetricsReferenceTests.reference.cases.enumerated().filter { $0.offset % 6 == 0 }
        for (index, c) in cases {
            let species = (0 ..< c.classes).map { "sp\($0)" }
            let solution = dir.appendingPathComponent("solution_\(index).csv"), submission = dir.appendingPathComponent("submission_\(index).csv")
            try Self.csv(c.targets, species: species, order: Array(0 ..< c.rows), columns: Array(0 ..< c.classes))
                .write(to: solution, atomically: true, encoding: .utf8)
            // the submission shuffled: rows reversed, columns rotated
            try Self.csv(c.scores, species: species, order: Array((0 ..< c.rows).reversed()),
                         columns: (0 ..< c.classes).map { ($0 + 1) % c.classes })
                .write(to: submission, atomically: true, encoding: .utf8)
            var arguments = ["score", "--solution", solution.path, "--submission", submission.path, "--json"]
            if let perClass = c.thresholds.per_class {
                let t = dir.appendingPathComponent("thresholds_\(index).csv")
                try ThresholdsFile.write(TunedThresholds(values: perClass, tunedOn: "test"), species: species, to: t)
                arguments += ["--thresholds", t.path]
            } else if let scalar = c.thresholds.scalar {
                arguments += ["--threshold", "\(scalar)"]
            }
            let run = try Self.run(arguments)
            #expect(run.status == 0, "case \(index): \(run.error)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            let e = c.expected
            func value(_ key: String) -> Double? { object[key] as? Double }
            #expect(MetricsReferenceTests.close(value("samples_f1"), e.samples_f1), "case \(index)")
            #expect(MetricsReferenceTests.close(value("micro_f1"), e.micro_f1), "case \(index)")
            #expect(MetricsReferenceTests.close(value("macro_auc"), e.macro_auc), "case \(index)")
            #expect(MetricsReferenceTests.close(value("cmap"), e.cmap), "case \(index)")
            #expect(MetricsReferenceTests.close(value("cmap_all_classes"), e.sklearn_macro_ap_all), "case \(index)")
            #expect(object["classes_scored"] as? Int == e.classes_scored && object["rows"] as? Int == c.rows, "case \(index)")
        }
    }

    @Test func thresholdsCommandWritesTheTunedFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (index, c) = try #require(MetricsReferenceTests.reference.cases.enumerated().first { $0.element.rows > 100 })
        let species = (0 ..< c.classes).map { "sp\($0)" }
        let solution = dir.appendingPathComponent("s.csv"), submission = dir.appendingPathComponent("p.csv")
        try Self.csv(c.targets, species: species, order: Array(0 ..< c.rows), columns: Array(0 ..< c.classes)).write(to: solution, atomically: true, encoding: .utf8)
        try Self.csv(c.scores, species: species, order: Array(0 ..< c.rows), columns: Array(0 ..< c.classes)).write(to: submission, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out/T.csv")
        let run = try Self.run(["thresholds", "--solution", solution.path, "--submission", submission.path, "--output", output.path, "--tuned-on", "val"])
        #expect(run.status == 0, "\(run.error)")
        let tuned = try ThresholdsFile.read(output, species: species)
        #expect(tuned.values == c.expected.tuned_thresholds, "case \(index)")
        #expect(tuned.tunedOn == "val")
        let scored = try Self.run(["score", "--solution", solution.path, "--submission", submission.path, "--thresholds", output.path, "--per-class"])
        #expect(scored.status == 0 && scored.output.contains("tuned on 'val'") && scored.output.contains("sp0"))
    }

    @Test func badInputExitsTwoNamingFileRowAndColumn() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let solution = "row_id,a,b\nr1,1,0\nr2,0,1\nr3,0,0\n"
        let submission = "row_id,b,a\nr3,0.1,0.2\nr1,0.3,0.9\nr2,0.8,0.1\n"
        let cases: [(name: String, solution: String, submission: String, expected: [String])] = [
            ("row only in solution", solution, submission.replacingOccurrences(of: "r2,", with: "r7,"),
             ["solution.csv", "row 3", "column 'row_id'", "'r2'"]),
            ("duplicate row_id", solution, submission + "r1,0.5,0.5\n", ["submission.csv", "row 5", "column 'row_id'", "repeats row 3"]),
            ("species only in solution", solution, submission.replacingOccurrences(of: "row_id,b,a", with: "row_id,b,z"),
             ["submission.csv", "column 'a'"]),
            ("species only in submission", solution.replacingOccurrences(of: "row_id,a,b", with: "row_id,a,q"), submission,
             ["submission.csv", "column 'q'", "missing"]),
            ("extra species in submission", solution, submission.replacingOccurrences(of: "row_id,b,a", with: "row_id,b,a,z")
                .replacingOccurrences(of: "0.2\n", with: "0.2,0\n").replacingOccurrences(of: "0.9\n", with: "0.9,0\n")
                .replacingOccurrences(of: "0.1\n", with: "0.1,0\n"), ["submission.csv", "column 'z'", "not in the solution"]),
            ("non-numeric cell", solution, submission.replacingOccurrences(of: "0.9", with: "yes"), ["submission.csv", "row 3", "column 'a'", "'yes'"]),
            ("non-finite cell", solution, submission.replacingOccurrences(of: "0.8", with: "inf"), ["submission.csv", "row 4", "column 'b'", "finite"]),
            ("empty file", "", submission, ["solution.csv", "empty"]),
            ("ragged row", solution.replacingOccurrences(of: "r2,0,1", with: "r2,0,1,1"), submission, ["solution.csv", "row 3", "fields"]),
        ]
        for test in cases {
            let s = dir.appendingPathComponent("solution.csv"), p = dir.appendingPathComponent("submission.csv")
            try Data(test.solution.utf8).write(to: s)
            try Data(test.submission.utf8).write(to: p)
            for command in ["score", "thresholds"] {
                var arguments = [command, "--solution", s.path, "--submission", p.path]
                if command == "thresholds" { arguments += ["--output", dir.appendingPathComponent("T.csv").path] }
                let run = try Self.run(arguments)
                #expect(run.status == 2, "\(test.name) (\(command)): status \(run.status)")
                for piece in test.expected {
                    #expect(run.error.contains(piece), "\(test.name) (\(command)): '\(piece)' not in: \(run.error)")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("T.csv").path), "\(test.name): no output on bad input")
        }
        // BOM and CRLF are accepted.
        try Data(("\u{FEFF}" + solution.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: dir.appendingPathComponent("solution.csv"))
        try Data(submission.utf8).write(to: dir.appendingPathComponent("submission.csv"))
        let ok = try Self.run(["score", "--solution", dir.appendingPathComponent("solution.csv").path,
                               "--submission", dir.appendingPathComponent("submission.csv").path, "--json"])
        #expect(ok.status == 0, "\(ok.error)")
        // A bad thresholds file is an input error too.
        try Data("species,threshold,tuned_on\na,0.5,v\n".utf8).write(to: dir.appendingPathComponent("T.csv"))
        let badThresholds = try Self.run(["score", "--solution", dir.appendingPathComponent("solution.csv").path,
                                          "--submission", dir.appendingPathComponent("submission.csv").path,
                                          "--thresholds", dir.appendingPathComponent("T.csv").path])
        #expect(badThresholds.status == 2 && badThresholds.error.contains("T.csv") && badThresholds.error.contains("'b'"))
    }
}
