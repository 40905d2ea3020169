import Foundation
import Testing
@testable import Lab

/// A preset small enough to generate twice in a debug test run.
let tinyPreset: FixturePreset = {
    var p = FixturePreset.ci
    p.name = "tiny"
    p.speciesCount = 6
    p.outOfListCount = 2
    p.recordings = 14
    p.rareCounts = [1, 2, 3]
    p.maxRecordingsPerSpecies = 5
    p.soundscapes = 3
    p.soundscapeSeconds = 15
    p.focalSeconds = 2 ... 3
    p.speciesPerSoundscape = 1 ... 3
    return p
}()

func temporaryFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(name)-\(UUID().uuidString)")
}

/// Relative path → FNV-1a hash of every file under `folder`.
func fileHashes(_ folder: URL) throws -> [String: String] {
    var hashes: [String: String] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder.path) else { return hashes }
    for case let path as String in walker {
        var isFolder: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if fm.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            hashes[path] = StableHash.hex(try Data(contentsOf: url))
        }
    }
    return hashes
}

@Suite(.serialized) struct FixtureGenerationTests {
    @Test func samePresetAndSeedGiveIdenticalBytes() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b"), c = temporaryFolder("c")
        defer { for f in [a, b, c] { try? FileManager.default.removeItem(at: f) } }
        try FixtureGenerator.generate(preset: tinyPreset, seed: 11, to: a, showProgress: false)
        try FixtureGenerator.generate(preset: tinyPreset, seed: 11, to: b, showProgress: false)
        let ha = try fileHashes(a), hb = try fileHashes(b)
        #expect(ha.count > 20)
        #expect(ha == hb)
        // Regenerating in place over a generated folder gives the same bytes again.
        try FixtureGenerator.generate(preset: tinyPreset, seed: 11, to: a, showProgress: false)
        #expect(try fileHashes(a) == hb)
        // Another seed gives another corpus.
        try FixtureGenerator.generate(preset: tinyPreset, seed: 12, to: c, showProgress: false)
        #expect(try fileHashes(c)["train.csv"] != hb["train.csv"])
    }

    @Test func writtenCorpusHasTheKaggleLayout() throws {
        let folder = temporaryFolder("layout")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try FixtureGenerator.generate(preset: tinyPreset, seed: 3, to: folder, showProgress: false)

        let taxonomy = try CSVTable(url: folder.appendingPathComponent("taxonomy.csv"))
        #expect(taxonomy.header == FixtureTables.taxonomyHeader)
        let labels = taxonomy.rows.map { $0[0] }
        #expect(labels == labels.sorted())
        #expect(labels.count == tinyPreset.speciesCount)
        for row in taxonomy.rows {
            #expect(["Aves", "Amphibia", "Insecta", "Mammalia"].contains(row[4]))
            #expect(Int(row[1]) != nil)
            if row[4] != "Aves" { #expect(row[0] == row[1]) } else { #expect(Int(row[0]) == nil) }
        }

        let train = try CSVTable(url: folder.appendingPathComponent("train.csv"))
        #expect(train.header == FixtureTables.trainHeader)
        #expect(train.rows.count == report.corpus.recordings.count)
        for row in train.rows {
            let parts = row[3].split(separator: "/")
            #expect(parts.count == 2 && String(parts[0]) == row[0] && parts[1].hasSuffix(".ogg"))
            #expect(["XC", "iNat", "CSA"].contains(where: { parts[1].hasPrefix($0) }) && parts[1].hasPrefix(row[4]))
            #expect(row[1].hasPrefix("[") && row[1].hasSuffix("]") && row[2].hasPrefix("[") && row[2].hasSuffix("]"))
            for secondary in pythonListItems(row[1]) { #expect(labels.contains(secondary) && secondary != row[0]) }
            let rating = try #require(Double(row[5]))
            #expect((0 ... 5).contains(rating) && (rating * 2).rounded() == rating * 2)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train_audio/" + row[3]).path))
        }

        let windows = try CSVTable(url: folder.appendingPathComponent("soundscape_labels.csv"), requireRows: false)
        #expect(windows.header == ["row_id", "primary_labels"])
        #expect(windows.rows.count == tinyPreset.soundscapes * 3)
        for row in windows.rows {
            let name = String(row[0][..<row[0].lastIndex(of: "_")!])
            let end = Int(row[0][row[0].index(after: row[0].lastIndex(of: "_")!)...])
            #expect(end.map { $0 % 5 == 0 && $0 > 0 } == true)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train_soundscapes/\(name).ogg").path))
            for label in row[1].split(separator: " ") { #expect(labels.contains(String(label))) }
        }

        let detections = try CSVTable(url: folder.appendingPathComponent("birdnet_detections.csv"), requireRows: false)
        #expect(detections.header == ["Start (s)", "End (s)", "Scientific name", "Common name", "Confidence", "File"])
        for row in detections.rows {
            let start = try #require(Double(row[0])), end = try #require(Double(row[1]))
            #expect(start.truncatingRemainder(dividingBy: 3) == 0 && end - start <= 3 && end > start)
            let confidence = try #require(Double(row[4]))
            #expect((0.1 ... 1).contains(confidence))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(row[5]).path))
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
    }

    @Test func audioMatchesThePlan() throws {
        let folder = temporaryFolder("audio")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try FixtureGenerator.generate(preset: tinyPreset, seed: 5, to: folder, showProgress: false)
        let corpus = report.corpus
        for s in corpus.soundscapes {
            let info = try AudioFile.info(folder.appendingPathComponent(corpus.audioPath(s)))
            #expect(info.sampleRate == 32_000 && info.channels == 1 && info.frames == Int(s.duration * 32_000))
        }
        // Inside the primary species' calls the focal audio is louder than outside any call.
        var louder = 0, compared = 0
        for r in corpus.recordings {
            let x = try AudioFile.read(folder.appendingPathComponent(corpus.audioPath(r)))
            #expect(x.count == Int(r.duration * 32_000))
            var inside = 0.0, nIn = 0, outside = 0.0, nOut = 0
            for (i, v) in x.enumerated() {
                let t = Double(i) / 32_000
                if r.calls.contains(where: { $0.species == r.species && $0.start <= t && t < $0.end }) {
                    inside += Double(v * v); nIn += 1
                } else if !r.calls.contains(where: { $0.start - 0.1 <= t && t < $0.end + 0.1 }) {
                    outside += Double(v * v); nOut += 1
                }
            }
            guard nIn > 3_200, nOut > 3_200, !r.handlingNoise else { continue }
            compared += 1
            if inside / Double(nIn) > 5 * outside / Double(nOut) { louder += 1 }
        }
        #expect(compared >= 5)
        #expect(louder == compared)
    }

    @Test func refusesAForeignNonEmptyFolder() throws {
        let folder = temporaryFolder("foreign")
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write("mine", to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: InputError.self) { try FixtureGenerator.generate(preset: tinyPreset, seed: 1, to: folder, showProgress: false) }
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }
}

/// Items of a Python list literal of strings.
func pythonListItems(_ text: String) -> [String] {
    text.dropFirst().dropLast().split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }.filter { !$0.isEmpty }
}

@Suite struct FixturePlanTests {
    @Test func ciPresetIsDeterministicIncludingAudio() throws {
        let a = try FixtureCorpus.plan(preset: .ci, seed: 2025), b = try FixtureCorpus.plan(preset: .ci, seed: 2025)
        #expect(FixtureTables.train(a) == FixtureTables.train(b))
        #expect(FixtureTables.detections(a) == FixtureTables.detections(b))
        #expect(FixtureTables.soundscapeCalls(a) == FixtureTables.soundscapeCalls(b))
        // Two files rendered twice, encoded, byte-compared by hash.
        let folder = temporaryFolder("ci")
        defer { try? FileManager.default.removeItem(at: folder) }
        var hashes: [[String]] = []
        for round in 0 ..< 2 {
            let s = folder.appendingPathComponent("s\(round).ogg"), r = folder.appendingPathComponent("r\(round).ogg")
            try AudioWriter.writeOggVorbis(a.soundscapes[1].render(sampleRate: 32_000), sampleRate: 32_000, to: s)
            try AudioWriter.writeOggVorbis(b.recordings[3].render(b.species, sampleRate: 32_000), sampleRate: 32_000, to: r)
            hashes.append([StableHash.hex(try Data(contentsOf: s)), StableHash.hex(try Data(contentsOf: r))])
        }
        #expect(hashes[0] == hashes[1])
    }

    @Test(arguments: ["ci", "default"]) func presetsHaveTheStudyStructure(name: String) throws {
        let preset = try #require(FixturePreset.named(name))
        let corpus = try FixtureCorpus.plan(preset: preset, seed: 2025)
        let stats = FixtureStatistics(corpus)
        // Long tail with species of exactly 1, 2, 3 and 4 recordings; every class has ≥ 1.
        for n in 1 ... 4 { #expect(stats.speciesWithRecordings[n] == 1) }
        #expect(corpus.species.filter(\.inList).allSatisfy { corpus.recordingCounts[corpus.species.firstIndex(of: $0)!] >= 1 })
        #expect(Set(stats.classesByClassName.keys) == ["Aves", "Amphibia", "Insecta", "Mammalia"])
        #expect(stats.pairs.count >= 4)
        // Soundscapes: labelled, silent, negative-only and multi-label windows all occur.
        #expect(stats.labelledWindows > stats.windows / 3)
        #expect(stats.silentWindows > 0 && stats.negativeOnlyWindows > 0 && stats.multiLabelWindows > 0)
        #expect(stats.negativeDetectorWindows > 0)
        // Domain shift: soundscape calls are far quieter than focal ones.
        let focal = corpus.recordings.flatMap { r in r.calls.filter { $0.species == r.species }.map(\.snrDB) }
        let field = corpus.soundscapes.flatMap { $0.calls.filter { corpus.species[$0.species].inList }.map(\.snrDB) }
        let focalMean: Double = focal.reduce(0, +) / Double(focal.count)
        let fieldMean: Double = field.reduce(0, +) / Double(field.count)
        #expect(focalMean > fieldMean + 15)
    }

    @Test func detectorIsImperfectAndCalibrated() throws {
        let corpus = try FixtureCorpus.plan(preset: .default, seed: 7)
        let stats = FixtureStatistics(corpus)
        for origin in ["hit", "confusion", "false-alarm"] { #expect((stats.detectionsByOrigin[origin] ?? 0) > 0) }
        #expect(stats.recallAt035 > 0.3 && stats.recallAt035 < 0.95)
        #expect(stats.precisionAt035 > 0.6 && stats.precisionAt035 < 0.99)
        // Higher confidence ⇒ more often right.
        let bands = stats.precisionByBand.compactMap { $0 }
        #expect(bands.count == 4)
        #expect(zip(bands, bands.dropFirst()).allSatisfy { $0 < $1 })
        // Some class-list non-birds are unknown to the detector and never reported.
        let unknown = Set(corpus.species.indices.filter { !corpus.species[$0].knownToDetector })
        #expect(!unknown.isEmpty)
        #expect(corpus.detections.allSatisfy { !unknown.contains($0.species) })
        #expect(corpus.detections.allSatisfy { $0.confidence >= 0.1 && $0.confidence <= 1 })
    }

    @Test func similarPairsAreCloseButDifferent() throws {
        let corpus = try FixtureCorpus.plan(preset: .default, seed: 2025)
        let preset = FixturePreset.default
        for (i, s) in corpus.species.enumerated() {
            guard let p = s.partner, p < i else { continue }
            let a = corpus.species[p].model, b = s.model
            let df = abs(b.lowHz / a.lowHz - 1)
            #expect(df > 0 && df <= (1 - preset.similarity) + 1e-9)
            #expect(a.kind == b.kind)
        }
    }

    @Test func windowTruthUsesTheOverlapRule() {
        let m = SpeciesCatalog.inList[0].template
        func call(_ start: Double, _ duration: Double) -> PlacedCall {
            var model = m
            model.duration = duration
            return PlacedCall(species: 0, model: model, start: start, snrDB: 0, cutoffHz: nil, seed: 0)
        }
        #expect(Soundscape.counts(call(4.6, 1), from: 5, to: 10, duration: 60))    // 0.6 s inside
        #expect(!Soundscape.counts(call(4.2, 1), from: 5, to: 10, duration: 60))   // 0.2 s of a 1 s call
        #expect(Soundscape.counts(call(4.9, 0.2), from: 5, to: 10, duration: 60))  // half of a short call
        #expect(!Soundscape.counts(call(10, 1), from: 5, to: 10, duration: 60))
    }
}
