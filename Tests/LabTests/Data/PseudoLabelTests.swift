import Foundation
import Testing
@testable import Lab

@Suite struct PseudoLabelTests {
    struct Reference: Decodable {
        struct Sample: Decodable { var file: String; var start: Double; var targets: [Double]; var negative: Bool }
        var classes: [String]; var names: [String: [String]]; var durations: [String: Double]
        var theta: [Double?]; var samples: [Sample]
    }

    func reference() throws -> (Reference, [Taxon]) {
        let url = DataTestSupport.repository.appendingPathComponent("Fixtures/data/pseudo_label_reference.json")
        let r = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let taxa = r.classes.map { Taxon(label: $0, inatTaxonID: "", scientificName: r.names[$0]![0], commonName: r.names[$0]![1], className: "Aves") }
        return (r, taxa)
    }

    @Test func matchesTheNumpyReference() throws {
        let (r, taxa) = try reference()
        let csv = DataTestSupport.repository.appendingPathComponent("Fixtures/data/pseudo_label_detections.csv")
        let detections = try DetectionImport(names: SpeciesNames(taxa), durations: r.durations).birdNETCSV(csv)
        var config = PseudoLabelConfig.study
        config.division = .first(10)
        let labels = PseudoLabels.make(detections, classes: r.classes, durations: r.durations, config: config)
        for (a, b) in zip(labels.thresholds, r.theta) { #expect(abs((a ?? -1) - (b ?? -1)) < 1e-12) }
        let all = labels.train + labels.heldOut
        #expect(all.count == r.samples.count)
        for (mine, theirs) in zip(all, r.samples) {
            #expect(mine.file == theirs.file && mine.start == theirs.start && mine.isNegative == theirs.negative)
            for (a, b) in zip(mine.targets, theirs.targets) { #expect(abs(Double(a) - b) < 1e-6) }
        }
        #expect(all.contains { $0.isNegative && $0.file == "site_c" && $0.start == 5 })
    }

    @Test func percentileIsNumpyLinear() {
        // numpy.percentile([0.4, 0.9, 0.5, 0.6], 25) = 0.475; ([0.7], 25) = 0.7; ([1, 2, 3, 4, 5], 25) = 2.0
        #expect(abs(PseudoLabels.percentile([0.4, 0.9, 0.5, 0.6], 25) - 0.475) < 1e-12)
        #expect(PseudoLabels.percentile([0.7], 25) == 0.7)
        #expect(PseudoLabels.percentile([1, 2, 3, 4, 5], 25) == 2)
    }

    @Test func softAndHardTargets() {
        let classes = ["a", "b"]
        let d = [
            Detection(file: "s", start: 0, end: 3, label: "a", species: "A", confidence: 0.4),
            Detection(file: "s", start: 1.5, end: 4.5, label: "a", species: "A", confidence: 0.5),  // sum 0.9 > θ → 1
            Detection(file: "s", start: 5, end: 8, label: "b", species: "B", confidence: 0.4),
            Detection(file: "s", start: 20, end: 23, label: "b", species: "B", confidence: 0.8),
            Detection(file: "s", start: 21.5, end: 24.5, label: "b", species: "B", confidence: 0.9),
        ]
        let labels = PseudoLabels.make(d, classes: classes, durations: ["s": 30], config: { var c = PseudoLabelConfig(); c.division = .first(1); return c }())
        // θ_b = percentile([0.4, 0.8, 0.9], 25) = 0.6; window 5 holds only b 0.4 → 0.4 / 0.6
        let theta = labels.thresholds[1]!
        #expect(abs(theta - 0.6) < 1e-12)
        let byStart = Dictionary(uniqueKeysWithValues: labels.train.map { ($0.start, $0.targets) })
        #expect(byStart[0] == [1, 0])
        #expect(abs(Double(byStart[5]![1]) - 0.4 / 0.6) < 1e-6)
        // window 0 also collects b at 5 s? no: starts in [−1, 3] only
        #expect(byStart[0]![1] == 0)
        // the detection at 1.5 s belongs to window 0 only ([t − 1, t + 3] for t = 5 is [4, 8])
        #expect(byStart[20] == [0, 1])
        #expect(byStart[10] == nil)
    }

    @Test func divisionFirstNWithDetections() {
        let d = ["s1", "s2", "s3", "s4"].map { Detection(file: $0, start: 0, end: 3, label: "a", species: "A", confidence: 0.9) }
        var config = PseudoLabelConfig()
        config.division = .first(2)
        let labels = PseudoLabels.make(d, classes: ["a"], durations: ["s1": 10, "s2": 10, "s3": 10, "s4": 10, "s0": 10], config: config)
        #expect(labels.trainSoundscapes == ["s1", "s2"])
        #expect(labels.heldOutSoundscapes == ["s0", "s3", "s4"])
        #expect(SoundscapeDivision.automatic.trainCount(of: 10) == 6)
        #expect(SoundscapeDivision.automatic.trainCount(of: 9_000) == 3_000)
        #expect(SoundscapeDivision.fraction(0.5).trainCount(of: 5) == 3)
    }

    @Test func badDetectionRowsNameTheLine() throws {
        let taxa = [Taxon(label: "amecro", inatTaxonID: "", scientificName: "Corvus brachyrhynchos", commonName: "American Crow", className: "Aves"),
                    Taxon(label: "blujay", inatTaxonID: "", scientificName: "Cyanocitta cristata", commonName: "Blue Jay", className: "Aves")]
        let folder = DataTestSupport.temporaryFolder()
        let header = "Start (s),End (s),Scientific name,Common name,Confidence,File\n"
        let good = "0.0,3.0,Corvus brachyrhynchos,American Crow,0.8,/x/s1.ogg\n"
        let importer = DetectionImport(names: SpeciesNames(taxa), durations: ["s1": 20], vocabulary: ["corvus brachyrhynchos", "cyanocitta cristata", "homo sapiens"])
        func error(_ bad: String) throws -> InputError? {
            let url = folder.appendingPathComponent("d\(UInt32.random(in: 0 ... .max)).csv")
            try (header + good + bad).write(to: url, atomically: true, encoding: .utf8)
            do { _ = try importer.birdNETCSV(url); return nil } catch let e as InputError { return e }
        }
        #expect(try error("3.0,6.0,Corvus brachyrhynchos,American Crow,1.2,s1.ogg\n")?.row == 3)
        #expect(try error("3.0,6.0,Corvus brachyrhynchos,American Crow,-0.1,s1.ogg\n")?.row == 3)
        #expect(try error("21.0,24.0,Corvus brachyrhynchos,American Crow,0.5,s1.ogg\n")?.row == 3)   // starts past the end
        #expect(try error("18.0,24.0,Corvus brachyrhynchos,American Crow,0.5,s1.ogg\n")?.row == 3)   // ends > 3 s past
        #expect(try error("3.0,6.0,Passer fictus,Made-up Sparrow,0.5,s1.ogg\n")?.reason.contains("unknown species") == true)
        #expect(try error("3.0,6.0,Corvus brachyrhynchos,Blue Jay,0.5,s1.ogg\n")?.reason.contains("disagree") == true)
        #expect(try error("3.0,6.0,Corvus brachyrhynchos,American Crow,high,s1.ogg\n")?.row == 3)
        #expect(try error("3.0,6.0,Corvus brachyrhynchos,American Crow,0.5,other.ogg\n")?.column == "File")
        #expect(try error("18.0,21.0,Homo sapiens,Human vocal,0.99,s1.ogg\n") == nil)  // out-of-list, known to the detector
    }

    @Test func ravenSelectionTable() throws {
        let taxa = [Taxon(label: "amecro", inatTaxonID: "", scientificName: "Corvus brachyrhynchos", commonName: "American Crow", className: "Aves")]
        let url = DataTestSupport.temporaryFolder().appendingPathComponent("XC1.BirdNET.selection.table.txt")
        let text = """
        Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tCommon Name\tSpecies Code\tConfidence
        1\tSpectrogram 1\t1\t0\t3.0\t150\t15000\tAmerican Crow\tamecro\t0.9050
        2\tSpectrogram 1\t1\t3.0\t6.0\t150\t15000\tHuman vocal\thuman\t0.97
        3\tSpectrogram 1\t1\t3.0\t6.0\t150\t15000\tAmerican Crow\tamecro\t1.5

        """
        try text.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try DetectionImport(names: SpeciesNames(taxa), durations: ["XC1": 10]).ravenTable(url)
            Issue.record("a confidence of 1.5 must be rejected")
        } catch let e as InputError { #expect(e.row == 4) }
        try text.replacingOccurrences(of: "\t1.5", with: "\t0.5").write(to: url, atomically: true, encoding: .utf8)
        let d = try DetectionImport(names: SpeciesNames(taxa), durations: ["XC1": 10]).ravenTable(url)
        #expect(d.count == 3)
        #expect(d[0] == Detection(file: "XC1", start: 0, end: 3, label: "amecro", species: "American Crow", confidence: 0.905, line: 2))
        #expect(d[1].label == nil)
    }

    @Test func teacherScoresFollowTheSameRules() throws {
        let classes = ["a", "b"]
        let windows = [TeacherDetections.Window(file: "s", start: 0), .init(file: "s", start: 5), .init(file: "s", start: 10)]
        let scores: [Float] = [0.9, 0.05, 0.3, 0.6, 0.4, 0.8]
        let d = try TeacherDetections.detections(scores: scores, windows: windows, classes: classes)
        #expect(d.count == 5)
        let labels = PseudoLabels.make(d, classes: classes, durations: ["s": 15], config: { var c = PseudoLabelConfig(); c.division = .first(1); return c }())
        // kept (> 0.35): a 0.9, b 0.6, a 0.4, b 0.8 → θ_a = 0.525, θ_b = 0.65
        #expect(labels.train.count == 3)
        #expect(labels.train[0].targets == [1, 0])
        #expect(labels.train[1].targets[1] < 1 && abs(labels.train[1].targets[1] - Float(0.6 / 0.65)) < 1e-5)
        #expect(abs(labels.train[2].targets[0] - Float(0.4 / 0.525)) < 1e-5 && labels.train[2].targets[1] == 1)
        #expect(throws: InputError.self) { try TeacherDetections.detections(scores: [0.5, 1.5], windows: [windows[0]], classes: classes) }
    }

    @Test func precisionRecallAgainstTruth() throws {
        let url = DataTestSupport.temporaryFolder().appendingPathComponent("soundscape_labels.csv")
        try "row_id,primary_labels\ns_5,a b\ns_10,\ns_15,b\nt_5,a\n".write(to: url, atomically: true, encoding: .utf8)
        let truth = try SoundscapeTruth(url, classes: ["a", "b"])
        let samples = [PseudoSample(file: "s", start: 0, targets: [1, 0.2], isNegative: false),   // TP a, FN b
                       PseudoSample(file: "s", start: 5, targets: [0.6, 0], isNegative: false)]   // FP a; s_15 → FN b
        let q = PseudoLabelQuality.measure(samples, truth: truth, soundscapes: ["s"])
        #expect(q.truePositives == 1 && q.falsePositives == 1 && q.falseNegatives == 2 && q.windows == 3)
        #expect(q.precision == 0.5 && q.recall == 1.0 / 3)
        try "row_id,primary_labels\ns_5,zzz\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try SoundscapeTruth(url, classes: ["a"]) }
    }

    @Test func realMiniSoundscapesCheckTimes() throws {
        guard let mini = DataTestSupport.realMini else { return }
        let corpus = try Corpus.load(mini)
        var durations: [String: Double] = [:]
        for url in corpus.soundscapes { durations[url.deletingPathExtension().lastPathComponent] = try AudioFile.info(url).duration }
        #expect(PseudoLabels.windowCount(durations["opensoundscape_metadata"]!) == 3)
        let crow = corpus.taxonomy.first { $0.label == "amecro" }!
        let csv = DataTestSupport.temporaryFolder().appendingPathComponent("d.csv")
        try "Start (s),End (s),Scientific name,Common name,Confidence,File\n0,3,\(crow.scientificName),\(crow.commonName),0.9,birdnet_example_a.ogg\n12,15,\(crow.scientificName),\(crow.commonName),0.9,opensoundscape_metadata.ogg\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let importer = DetectionImport(names: SpeciesNames(corpus.taxonomy), durations: durations)
        let d = try importer.birdNETCSV(csv)
        #expect(d.map(\.label) == ["amecro", "amecro"])
        try "Start (s),End (s),Scientific name,Common name,Confidence,File\n15,18,\(crow.scientificName),\(crow.commonName),0.9,opensoundscape_metadata.ogg\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try importer.birdNETCSV(csv) }
        let truth = try SoundscapeTruth(mini.appendingPathComponent("soundscape_labels_birdnet.csv"), classes: corpus.classes)
        #expect(truth.labels.count == 63)
    }
}
