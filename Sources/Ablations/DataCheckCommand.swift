import ArgumentParser
import Foundation
import Lab

/// `ablations data check --data DIR`: corpus report, split counts, pseudo-label summary and quality.
struct DataCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read and check a corpus; print the report, the split and the pseudo-labels' precision/recall.",
        discussion: """
        Detections default to DIR/birdnet_detections.csv (BirdNET Analyzer CSV; a .txt file is read \
        as a Raven selection table); truth defaults to DIR/soundscape_labels.csv, else \
        DIR/soundscape_labels_birdnet.csv.
        """
    )

    @Option(help: "Corpus folder (taxonomy.csv, train.csv, train_audio/, train_soundscapes/).")
    var data: String
    @Option(name: .customLong("on-error"), help: "fail | skip: what to do with bad rows and unreadable audio.")
    var onError: ErrorPolicy = .fail
    @Option(help: "Split seed.")
    var seed: UInt64 = 0
    @Option(help: "Detector output (BirdNET CSV or Raven table).")
    var detections: String?
    @Option(help: "Window truth (row_id,primary_labels).")
    var truth: String?
    @Option(name: .customLong("train-soundscapes"), help: "Soundscapes with pseudo-labels used for training (default: min(3000, 60 %)).")
    var trainSoundscapes: Int?
    @Flag(help: "Decode every audio file to find corrupt or truncated ones.")
    var decode = false

    func run() throws {
        try reportingInputErrors {
            let root = URL(fileURLWithPath: data)
            var corpus = try Corpus.load(root, policy: onError)
            if decode {
                let issues = try AudioCheck.decodeAll(corpus.recordings.map(\.url) + corpus.soundscapes, skip: onError == .skip)
                corpus.report.issues += issues
                corpus.report.audioDecoded = true
                let bad = Set(issues.map(\.file))
                corpus.recordings.removeAll { bad.contains($0.url.path) }
                corpus.soundscapes.removeAll { bad.contains($0.path) }
                corpus.report.recordingsKept = corpus.recordings.count
            }
            print("== corpus \(root.path)")
            print(corpus.report.text())
            print("classes: \(corpus.classes.count) (first \(corpus.classes.prefix(3).joined(separator: ", ")); last \(corpus.classes.last ?? "-"))")
            print("species with recordings: \(Set(corpus.recordings.map(\.primaryLabel)).count)")

            let split = Split.make(corpus.recordings, seed: seed)
            print("\n== split (seed \(seed))")
            for (name, part) in [("train", split.train), ("val", split.val), ("test", split.test)] {
                let species = Set(part.map { corpus.recordings[$0].primaryLabel }).count
                print("\(name): \(part.count) files, \(species) species")
            }

            print("\n== soundscapes: \(corpus.soundscapes.count)")
            let (durations, unreadable) = try corpus.soundscapeDurations(policy: onError)
            for issue in unreadable { print("  skipped: \(issue.file): \(issue.detail)") }
            let windows = durations.values.reduce(0) { $0 + PseudoLabels.windowCount($1) }
            print("windows of 5 s: \(windows), audio: \(String(format: "%.1f", durations.values.reduce(0, +) / 60)) min")

            let detectionsURL = detections.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("birdnet_detections.csv")
            guard FileManager.default.fileExists(atPath: detectionsURL.path) else {
                print("\n== pseudo-labels: no detections file (\(detectionsURL.path))")
                return
            }
            let importer = DetectionImport(names: SpeciesNames(corpus.taxonomy), durations: durations)
            let found = detectionsURL.pathExtension == "txt" ? try importer.ravenTable(detectionsURL) : try importer.birdNETCSV(detectionsURL)
            var config = PseudoLabelConfig.study
            if let trainSoundscapes { config.division = .first(trainSoundscapes) }
            let labels = PseudoLabels.make(found, classes: corpus.classes, durations: durations, config: config)
            print("\n== pseudo-labels from \(detectionsURL.lastPathComponent)")
            let inList = found.filter { $0.label != nil }.count
            print("detections: \(found.count) (\(inList) in the class list, \(found.count - inList) out of list)")
            print("classes with a threshold: \(labels.thresholds.compactMap { $0 }.count)")
            print("training soundscapes: \(labels.trainSoundscapes.count), held out: \(labels.heldOutSoundscapes.count)")
            for (name, samples) in [("train", labels.train), ("held-out", labels.heldOut)] {
                let negatives = samples.filter(\.isNegative).count
                let soft = samples.filter { $0.targets.contains { $0 > 0 && $0 < 1 } }.count
                print("\(name) windows: \(samples.count - negatives) labelled (\(soft) with soft targets), \(negatives) negatives")
            }
            let defaultTruth = ["soundscape_labels.csv", "soundscape_labels_birdnet.csv"].map { root.appendingPathComponent($0) }
                .first { FileManager.default.fileExists(atPath: $0.path) }
            guard let truthURL = truth.map({ URL(fileURLWithPath: $0) }) ?? defaultTruth else {
                print("no window truth: precision/recall not measured")
                return
            }
            let windowTruth = try SoundscapeTruth(truthURL, classes: corpus.classes)
            print("\n== pseudo-label quality vs \(truthURL.lastPathComponent) (target ≥ 0.5 counts as a label)")
            for (name, samples, set) in [("train", labels.train, labels.trainSoundscapes), ("held-out", labels.heldOut, labels.heldOutSoundscapes)] {
                let q = PseudoLabelQuality.measure(samples, truth: windowTruth, soundscapes: set)
                let p = q.precision.map { String(format: "%.3f", $0) } ?? "n/a", r = q.recall.map { String(format: "%.3f", $0) } ?? "n/a"
                print("\(name): precision \(p), recall \(r) (TP \(q.truePositives), FP \(q.falsePositives), FN \(q.falseNegatives), \(q.windows) windows)")
            }
        }
    }
}
