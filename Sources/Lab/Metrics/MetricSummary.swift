import Dispatch

/// Every metric the study reports for one evaluation set (DESIGN §10).
public struct MetricSummary: Codable, Hashable, Sendable {
    /// Mean per-row F1 at the thresholds, `zero_division = 0`.
    public var samplesF1: Double
    /// F1 of the pooled counts at the thresholds, `zero_division = 0`.
    public var microF1: Double
    /// Mean per-class ROC-AUC over classes with ≥ 1 positive and ≥ 1 negative; nil if none.
    public var macroAUC: Double?
    /// How many classes `macroAUC` averages.
    public var classesScored: Int
    /// Mean per-class average precision over classes with ≥ 1 positive; nil if none.
    public var cmAP: Double?
    /// Number of rows scored.
    public var rows: Int
    /// ROC-AUC per class, nil where undefined (no positive or no negative).
    public var perClassAUC: [Double?]
    /// Average precision per class, nil where the class has no positive.
    public var perClassAP: [Double?]
    /// How many classes `cmAP` averages (classes with ≥ 1 positive).
    public var apClassesScored: Int
    /// Number of rows with target ≥ 0.5, per class.
    public var positives: [Int]

    /// scikit-learn's `average_precision_score(average="macro")` over all classes, which counts a
    /// class without positives as AP 0; nil when there are no classes. Reported for comparison only.
    public var cmAPAllClasses: Double? {
        perClassAP.isEmpty ? nil : perClassAP.reduce(0) { $0 + ($1 ?? 0) } / Double(perClassAP.count)
    }
}

/// Scores `scores` against `targets` (both [rows, classes]): samples F1 and micro F1 at
/// `thresholds`, per-class and macro ROC-AUC, per-class AP and cmAP. Classes run in parallel.
public func scoreMultiLabel(targets: ClassColumns, scores: ClassColumns, thresholds: ThresholdPolicy) -> MetricSummary {
    let counts = PredictionCounts(targets: targets, scores: scores, thresholds: thresholds)
    let classes = targets.classes
    var auc = [Double?](repeating: nil, count: classes)
    var ap = [Double?](repeating: nil, count: classes)
    var positives = [Int](repeating: 0, count: classes)
    auc.withUnsafeMutableBufferPointer { aucOut in
        ap.withUnsafeMutableBufferPointer { apOut in
            positives.withUnsafeMutableBufferPointer { posOut in
                DispatchQueue.concurrentPerform(iterations: classes) { c in
                    let ranking = ClassRanking(targets: targets, scores: scores, class: c)
                    aucOut[c] = rocAUC(ranking)
                    apOut[c] = averagePrecision(ranking)
                    posOut[c] = ranking.positives
                }
            }
        }
    }
    let scoredAUC = auc.compactMap { $0 }
    let scoredAP = ap.compactMap { $0 }
    return MetricSummary(
        samplesF1: samplesF1(counts),
        microF1: microF1(counts),
        macroAUC: mean(scoredAUC),
        classesScored: scoredAUC.count,
        cmAP: mean(scoredAP),
        rows: targets.rows,
        perClassAUC: auc,
        perClassAP: ap,
        apClassesScored: scoredAP.count,
        positives: positives)
}

/// `scoreMultiLabel` on single-precision [rows, classes] matrices.
public func scoreMultiLabel(targets: LabelMatrix, scores: LabelMatrix, thresholds: ThresholdPolicy) -> MetricSummary {
    scoreMultiLabel(targets: ClassColumns(targets), scores: ClassColumns(scores), thresholds: thresholds)
}

/// The arithmetic mean, nil for no values.
private func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
}
