import Dispatch

/// Per-class thresholds tuned on one evaluation set, and the name of that set — so a report can
/// tell when thresholds were tuned on the data they are scored on.
public struct TunedThresholds: Codable, Hashable, Sendable {
    /// One threshold per class, in class order.
    public var values: [Double]
    /// The set the thresholds were tuned on (e.g. "val").
    public var tunedOn: String

    public init(values: [Double], tunedOn: String) {
        self.values = values
        self.tunedOn = tunedOn
    }

    /// The thresholds as a policy for `scoreMultiLabel`.
    public var policy: ThresholdPolicy { .perClass(values) }
}

/// The study's grid: 0.30, 0.31, …, 0.79 (each the Double nearest k/100).
public let thresholdGrid: [Double] = (30 ... 79).map { Double($0) / 100 }

/// For each class, the grid threshold maximizing that class's F1 = 2TP / (2TP + FP + FN)
/// (0 when the denominator is 0), predicting `score ≥ threshold` against `target ≥ 0.5`.
///
/// Tie-break: among thresholds reaching the maximum F1, the one nearest 0.5; of two equally near,
/// the lower. So a class whose F1 is 0 everywhere (e.g. no positive in the tuning set) keeps 0.5.
public func tuneThresholds(targets: ClassColumns, scores: ClassColumns, tunedOn: String) -> TunedThresholds {
    var values = [Double](repeating: 0.5, count: targets.classes)
    values.withUnsafeMutableBufferPointer { out in
        DispatchQueue.concurrentPerform(iterations: targets.classes) { c in
            out[c] = bestThreshold(ClassRanking(targets: targets, scores: scores, class: c))
        }
    }
    return TunedThresholds(values: values, tunedOn: tunedOn)
}

/// `tuneThresholds` on single-precision [rows, classes] matrices.
public func tuneThresholds(targets: LabelMatrix, scores: LabelMatrix, tunedOn: String) -> TunedThresholds {
    tuneThresholds(targets: ClassColumns(targets), scores: ClassColumns(scores), tunedOn: tunedOn)
}

/// F1 of one class at `threshold`, 0 when it has no positive and predicts none.
public func classF1(_ ranking: ClassRanking, threshold: Double) -> Double {
    let truePositives = ClassRanking.countAtLeast(threshold, in: ranking.positives)
    let falsePositives = ClassRanking.countAtLeast(threshold, in: ranking.negatives)
    let falseNegatives = ranking.positives.count - truePositives
    let denominator = 2 * truePositives + falsePositives + falseNegatives
    return denominator > 0 ? Double(2 * truePositives) / Double(denominator) : 0
}

/// The grid threshold with the highest F1 for one class (tie-break: nearest 0.5, then lower).
func bestThreshold(_ ranking: ClassRanking) -> Double {
    var best = 50, bestF1 = -1.0  // grid point k stands for k/100
    for k in 30 ... 79 {
        let f1 = classF1(ranking, threshold: Double(k) / 100)
        // F1 values are ratios of small integers, so equal ratios give identical Doubles.
        if f1 > bestF1 || (f1 == bestF1 && abs(k - 50) < abs(best - 50)) {
            best = k
            bestF1 = f1
        }
    }
    return Double(best) / 100
}
