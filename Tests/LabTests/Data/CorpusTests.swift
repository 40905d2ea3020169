import Foundation
import Testing
@testable import Lab

@Suite struct CorpusTests {
    @Test func pythonListStrings() {
        #expect(PythonList.parse("[]") == [])
        #expect(PythonList.parse("['']") == [])
        #expect(PythonList.parse("['amecro', 'blujay']") == ["amecro", "blujay"])
        #expect(PythonList.parse("[\"flight call\", 'song']") == ["flight call", "song"])
        #expect(PythonList.parse("['a,b', 'it\\'s']") == ["a,b", "it's"])
        #expect(PythonList.parse(" [ 'x' , ] ") == ["x"])
        #expect(PythonList.parse("amecro") == nil)
        #expect(PythonList.parse("['amecro'") == nil)
        #expect(PythonList.parse("['a' 'b']") == nil)
        #expect(PythonList.parse("[amecro]") == nil)
    }

    @Test func csvWithLFEndsAndBOMReads() throws {
        let folder = DataTestSupport.temporaryFolder()
        let lf = folder.appendingPathComponent("lf.csv"), bom = folder.appendingPathComponent("bom.csv")
        try Data("a,b\n1,\"x, y\"\n2,z\n".utf8).write(to: lf)
        try Data([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,q\r\n".utf8)).write(to: bom)
        let t = try CSVTable(url: lf)
        #expect(t.rows == [["1", "x, y"], ["2", "z"]])
        let b = try CSVTable(url: bom)
        #expect(b.header == ["a", "b"])
        #expect(b.rows == [["1", "q"]])
    }

    @Test func classOrderIsByteOrder() {
        #expect(LabelOrder.sorted(["amakin1", "1139490", "Zebra", "z", "46541", "amakin1"]) == ["1139490", "46541", "Zebra", "amakin1", "z"])
    }

    @Test func readsAWrittenCorpus() throws {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["bbb": 2, "1139490": 1, "aaa": 3],
                                                   soundscapes: ["site_b": 12, "site_a": 60])
        let corpus = try Corpus.load(root, policy: .fail)
        #expect(corpus.classes == ["1139490", "aaa", "bbb"])
        #expect(corpus.recordings.count == 6)
        #expect(corpus.recordings[0].types == ["call", "song"])
        #expect(corpus.taxonomy[1].commonName == "Common, Bird 1")
        #expect(corpus.soundscapes.map(\.lastPathComponent) == ["site_a.wav", "site_b.wav"])
        #expect(corpus.report.issues.isEmpty)
    }

    @Test func reportsAndSkipsBadRows() throws {
        let rows = [
            "zzz,[],[],zzz/XC1.wav,XC,3,,,,a,b,c,d",                       // unknown primary
            "aaa,\"['nope', 'bbb']\",[],aaa/XC1000.wav,XC,3,,,,a,b,c,d",   // duplicate of an earlier row
            "aaa,[],[],aaa/missing.wav,XC,3,,,,a,b,c,d",                    // missing audio
            "aaa,\"[oops\",[],aaa/XC9.wav,XC,3,,,,a,b,c,d",                 // malformed list
        ]
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 2, "bbb": 1], trainRows: rows)
        // a secondary label outside the taxonomy is dropped, the recording kept
        try "aaa,\"['nope', 'bbb']\",[],aaa/XC1001.wav,XC,3,,,,a,b,c,d\n".appendLine(to: root.appendingPathComponent("train.csv"))
        #expect(throws: InputError.self) { try Corpus.load(root, policy: .fail) }
        let corpus = try Corpus.load(root, policy: .skip)
        let r = corpus.report
        #expect(r.count(.unknownPrimaryLabel) == 1)
        #expect(r.count(.missingAudio) == 1)
        #expect(r.count(.malformedField) == 1)
        #expect(r.count(.duplicateFilename) == 2)  // XC1000 and XC1001 rows repeat earlier files
        #expect(corpus.recordings.count == 3)
        #expect(r.rowsRead == 8)
        #expect(r.text().contains("duplicate filename: 2"))
        #expect(r.text().contains("row 5"))
    }

    @Test func unknownSecondaryLabelIsDroppedNotTheRecording() throws {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 1, "bbb": 1],
                                                   trainRows: [])
        let csv = root.appendingPathComponent("train.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "aaa,\"[]\"", with: "aaa,\"['bbb', 'zzz1']\"")
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let corpus = try Corpus.load(root, policy: .skip)
        #expect(corpus.recordings.count == 2)
        #expect(corpus.recordings[0].secondaryLabels == ["bbb"])
        #expect(corpus.report.count(.unknownSecondaryLabel) == 1)
    }

    @Test func realMiniLoads() throws {
        guard let mini = DataTestSupport.realMini else { return }
        let corpus = try Corpus.load(mini, policy: .fail)
        #expect(corpus.classes.count == 82)
        #expect(corpus.recordings.count == 83)
        #expect(corpus.soundscapes.count == 11)
        #expect(corpus.classes == corpus.classes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(corpus.recordings.map(\.primaryLabel)).count == 70)
    }
}

extension String {
    func appendLine(to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(utf8))
        handle.closeFile()
    }
}
