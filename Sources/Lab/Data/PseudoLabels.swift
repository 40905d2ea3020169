/// One pseudo-labelled soundscape window.
public struct PseudoSample: Sendable, Hashable, Codable {
    /// Soundscape name without extension.
    public var file: String
    /// Window start in seconds.
    public var start: Double
    /// [C] soft targets in [0, 1]; all zero for a negative.
    public var targets: [Float]
    /// An all-zero window from a confident out-of-list detection (its own pseudo-class).
    public var isNegative: Bool
    public init(file: String, start: Double, targets: [Float], isNegative: Bool) {
        self.file = file; self.start = start; self.targets = targets; self.isNegative = isNegative
    }

    /// Kaggle row id `<file>_<end second>`.
    public var rowID: String { "\(file)_\(Int((start + 5).rounded()))" }
}

/// Soundscape pseudo-labels built from detections by the study's rules (DESIGN §8).
public struct PseudoLabels: Sendable {
    public var classes: [String]
    /// θ per class (nil: the class has no kept detection).
    public var thresholds: [Double?]
    /// Windows of the training soundscapes that carry a positive target or are negatives.
    public var train: [PseudoSample]
    /// The same for held-out soundscapes (for measuring pseudo-label quality, never for training).
    public var heldOut: [PseudoSample]
    public var trainSoundscapes: [String]
    public var heldOutSoundscapes: [String]

    /// Builds pseudo-labels for the soundscapes in `durations` (name → seconds).
    public static func make(_ detections: [Detection], classes: [String], durations: [String: Double],
                            config: PseudoLabelConfig = .study) -> PseudoLabels {
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let kept = detections.filter { $0.label != nil && $0.confidence > config.minConfidence }
        let thresholds = classThresholds(kept, classes: classes, percentile: config.percentile)
        let negatives = detections.filter { $0.label == nil && $0.confidence >= config.negativeConfidence }
        let keptByFile = Dictionary(grouping: kept, by: \.file)
        let negativesByFile = Dictionary(grouping: negatives, by: \.file)

        var samplesByFile: [String: [PseudoSample]] = [:]
        for name in durations.keys {
            let count = windowCount(durations[name] ?? 0, window: config.windowSeconds)
            var samples: [PseudoSample] = []
            for w in 0 ..< count {
                let t = Double(w) * config.windowSeconds
                let inWindow = { (d: Detection) in d.start >= t - config.before && d.start <= t + config.after }
                let hits = (keptByFile[name] ?? []).filter(inWindow)
                if !hits.isEmpty {
                    let targets = aggregate(hits, index: index, thresholds: thresholds, classes: classes.count)
                    samples.append(PseudoSample(file: name, start: t, targets: targets, isNegative: false))
                } else if (negativesByFile[name] ?? []).contains(where: inWindow) {
                    samples.append(PseudoSample(file: name, start: t, targets: [Float](repeating: 0, count: classes.count), isNegative: true))
                }
            }
            if !samples.isEmpty { samplesByFile[name] = samples }
        }
        let labelled = LabelOrder.sorted(samplesByFile.keys)
        let nTrain = config.division.trainCount(of: labelled.count)
        let trainNames = Array(labelled.prefix(nTrain))
        let trainSet = Set(trainNames)
        let heldOutNames = LabelOrder.sorted(durations.keys.filter { !trainSet.contains($0) })
        return PseudoLabels(classes: classes, thresholds: thresholds,
                            train: trainNames.flatMap { samplesByFile[$0] ?? [] },
                            heldOut: heldOutNames.flatMap { samplesByFile[$0] ?? [] },
                            trainSoundscapes: trainNames, heldOutSoundscapes: heldOutNames)
    }

    /// Sum of confidences per species; 1 when the sum exceeds θ, else sum / θ.
    static func aggregate(_ hits: [Detection], index: [String: Int], thresholds: [Double?], classes: Int) -> [Float] {
        var sums = [Double](repeating: 0, count: classes)
        for d in hits { if let label = d.label, let c = index[label] { sums[c] += d.confidence } }
        return sums.enumerated().map { c, sum in
            guard sum > 0, let theta = thresholds[c], theta > 0 else { return sum > 0 ? 1 : 0 }
            return sum > theta ? 1 : Float(sum / theta)
        }
    }

    /// θ per class: `percentile` of the class's confidences.
    public static func classThresholds(_ kept: [Detection], classes: [String], percentile: Double) -> [Double?] {
        let byLabel = Dictionary(grouping: kept.compactMap { d in d.label.map { ($0, d.confidence) } }, by: \.0)
        return classes.map { label in byLabel[label].map { Self.percentile($0.map(\.1), percentile) } }
    }

    /// numpy.percentile with linear interpolation (the default method).
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        Lab.percentile(values.sorted(), p / 100) ?? .nan
    }

    /// Number of 5 s windows in a file: the last partial window counts when it holds more than
    /// 0.25 s (it is zero-padded), so 14.97 s → 3 and 60 s → 12.
    public static func windowCount(_ duration: Double, window: Double = 5) -> Int {
        FeatureCache.windowCount(duration: duration, window: window)
    }

    /// Focal recordings (DESIGN §8): every label detected in a window becomes a hard 1. Returns
    /// per file (name without extension) and window start the detected class indices.
    public static func focalLabels(_ detections: [Detection], classes: [String], durations: [String: Double],
                                   config: PseudoLabelConfig = .study) -> [String: [Double: Set<Int>]] {
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var out: [String: [Double: Set<Int>]] = [:]
        for d in detections {
            guard let label = d.label, let c = index[label], let duration = durations[d.file] else { continue }
            for w in 0 ..< windowCount(duration, window: config.windowSeconds) {
                let t = Double(w) * config.windowSeconds
                if d.start >= t - config.before && d.start <= t + config.after { out[d.file, default: [:]][t, default: []].insert(c) }
            }
        }
        return out
    }
}
