import Foundation

/// Counts that describe a generated corpus (for its README and the command's summary).
public struct FixtureStatistics: Sendable {
    public var classes: Int
    public var classesByClassName: [String: Int]
    public var outOfListSpecies: Int
    public var similarPairs: [(String, String)] { pairs.map { ($0[0], $0[1]) } }
    var pairs: [[String]]
    public var detectorUnknownLabels: [String]
    public var recordings: Int
    public var recordingSeconds: Double
    /// Number of species having exactly n recordings, for n = 1…4.
    public var speciesWithRecordings: [Int: Int]
    public var maxRecordings: Int
    public var recordingsWithSecondary: Int
    public var recordingsWithUnlisted: Int
    public var recordingsWithHandlingNoise: Int
    public var collections: [String: Int]
    public var soundscapes: Int
    public var soundscapeKinds: [String: Int]
    public var soundscapeCalls: Int
    public var windows: Int
    /// 5 s windows with at least one class-list label.
    public var labelledWindows: Int
    /// 5 s windows with no call at all.
    public var silentWindows: Int
    /// 5 s windows with out-of-list calls only.
    public var negativeOnlyWindows: Int
    /// 5 s windows with two or more class-list labels.
    public var multiLabelWindows: Int
    public var detections: Int
    public var detectionsByOrigin: [String: Int]
    /// Precision of detections with confidence ≥ 0.35 (species truly calling in the 3 s window).
    public var precisionAt035: Double
    /// Share of (3 s window, calling class-list species known to the detector) found at ≥ 0.35.
    public var recallAt035: Double
    /// Precision by confidence band [0.1, 0.35), [0.35, 0.7), [0.7, 0.95), [0.95, 1].
    public var precisionByBand: [Double?]
    /// 3 s windows where an out-of-list species is detected at ≥ 0.95 and no class-list species calls.
    public var negativeDetectorWindows: Int

    public static let bands: [ClosedRange<Double>] = [0.1 ... 0.35, 0.35 ... 0.7, 0.7 ... 0.95, 0.95 ... 1]

    public init(_ corpus: FixtureCorpus) {
        let sp = corpus.species
        let list = sp.filter(\.inList)
        classes = list.count
        classesByClassName = Dictionary(grouping: list, by: \.entry.className).mapValues(\.count)
        outOfListSpecies = sp.count - list.count
        pairs = sp.indices.compactMap { i in
            guard let p = sp[i].partner, p < i else { return nil }
            return [sp[p].label, sp[i].label]
        }
        detectorUnknownLabels = list.filter { !$0.knownToDetector }.map(\.label).sorted()
        recordings = corpus.recordings.count
        recordingSeconds = corpus.recordings.reduce(0) { $0 + $1.duration }
        let counts = corpus.recordingCounts.enumerated().filter { sp[$0.offset].inList }.map(\.element)
        speciesWithRecordings = Dictionary(grouping: counts.filter { $0 <= 4 }, by: { $0 }).mapValues(\.count)
        maxRecordings = counts.max() ?? 0
        recordingsWithSecondary = corpus.recordings.filter { !$0.secondary.isEmpty }.count
        recordingsWithUnlisted = corpus.recordings.filter { $0.unlisted != nil }.count
        recordingsWithHandlingNoise = corpus.recordings.filter(\.handlingNoise).count
        collections = Dictionary(grouping: corpus.recordings, by: \.metadata.collection).mapValues(\.count)
        soundscapes = corpus.soundscapes.count
        soundscapeKinds = Dictionary(grouping: corpus.soundscapes, by: \.kind.rawValue).mapValues(\.count)
        soundscapeCalls = corpus.soundscapes.reduce(0) { $0 + $1.calls.count }

        var windows = 0, labelled = 0, silent = 0, negative = 0, multi = 0
        for s in corpus.soundscapes {
            for w in s.windowLabels(sp) {
                windows += 1
                let lo = Double(w.end) - 5, hi = Double(w.end)
                let any = s.calls.contains { Soundscape.counts($0, from: lo, to: hi, duration: s.duration) }
                if !w.labels.isEmpty { labelled += 1 }
                if w.labels.count >= 2 { multi += 1 }
                if !any { silent += 1 } else if w.labels.isEmpty { negative += 1 }
            }
        }
        self.windows = windows
        labelledWindows = labelled
        silentWindows = silent
        negativeOnlyWindows = negative
        multiLabelWindows = multi

        let d = corpus.detections
        detections = d.count
        detectionsByOrigin = Dictionary(grouping: d, by: \.origin.rawValue).mapValues(\.count)
        let confident = d.filter { $0.confidence >= 0.35 }
        precisionAt035 = confident.isEmpty ? 0 : Double(confident.filter(\.correct).count) / Double(confident.count)
        precisionByBand = Self.bands.enumerated().map { i, band in
            let inBand = d.filter { band.contains($0.confidence) && (i == Self.bands.count - 1 || $0.confidence < band.upperBound) }
            return inBand.isEmpty ? nil : Double(inBand.filter(\.correct).count) / Double(inBand.count)
        }
        var truthPairs = 0, found = 0, negativeWindows = 0
        let byFile = Dictionary(grouping: d, by: \.file)
        for s in corpus.soundscapes {
            var start = 0.0
            while start < s.duration - 1 {
                let end = min(start + DetectorSimulation.window, s.duration)
                let calling = DetectorSimulation.evidence(s, from: start, to: end).keys
                let reported = (byFile[s.filename] ?? []).filter { $0.start == start }
                for c in calling where sp[c].inList && sp[c].knownToDetector {
                    truthPairs += 1
                    if reported.contains(where: { $0.species == c && $0.confidence >= 0.35 }) { found += 1 }
                }
                if !calling.contains(where: { sp[$0].inList }),
                   reported.contains(where: { !sp[$0.species].inList && $0.confidence >= 0.95 }) { negativeWindows += 1 }
                start += DetectorSimulation.window
            }
        }
        recallAt035 = truthPairs == 0 ? 0 : Double(found) / Double(truthPairs)
        negativeDetectorWindows = negativeWindows
    }

    /// A few lines for the terminal.
    public var summaryLines: [String] {
        [
            "classes: \(classes) (\(classesByClassName.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))), out-of-list species: \(outOfListSpecies), similar pairs: \(pairs.count)",
            "focal recordings: \(recordings) (\(String(format: "%.1f", recordingSeconds / 60)) min); species with 1/2/3/4 recordings: \((1 ... 4).map { String(speciesWithRecordings[$0] ?? 0) }.joined(separator: "/")); most: \(maxRecordings)",
            "soundscapes: \(soundscapes) (\(soundscapeKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))), 5 s windows: \(windows), labelled \(labelledWindows), silent \(silentWindows), negative-only \(negativeOnlyWindows)",
            "detections: \(detections); precision ≥0.35: \(String(format: "%.3f", precisionAt035)), recall ≥0.35: \(String(format: "%.3f", recallAt035)), negative windows (out-of-list ≥0.95): \(negativeDetectorWindows)",
        ]
    }
}
