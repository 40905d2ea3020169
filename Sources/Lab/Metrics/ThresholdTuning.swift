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

/// The thresholds per-class tuning chooses from: k / 100 for k in a range of whole percents.
public enum ThresholdGrid: String, Codable, Hashable, Sendable, CaseIterable {
    /// The study's grid: 0.30, 0.31, …, 0.79. Scores of a model that stays below 0.30 (BCE with
    /// many classes often does) leave every class at its F1-0 default of 0.5.
    case study
    /// 0.05, 0.06, …, 0.95: covers the range calibrated and under-confident scores live in.
    case wide

    /// The grid's whole percents, ascending.
    public var percents: ClosedRange<Int> {
        switch self {
        case .study: return 30 ... 79
        case .wide: return 5 ... 95
        }
    }

    /// The grid's values (each the Double nearest k/100).
    public var values: [Double] { percents.map { Double($0) / 100 } }

    /// "0.30…0.79" for help texts and reports.
    public var text: String { String(format: "%.2f…%.2f", Double(percents.lowerBound) / 100, Double(percents.upperBound) / 100) }
}

/// The study's grid: 0.30, 0.31, …, 0.79 (each the Double nearest k/100).
public let thresholdGrid: [Double] = ThresholdGrid.study.values

/// For each class, the grid threshold maximizing that class's F1 = 2TP / (2TP + FP + FN)
/// (0 when the denominator is 0), predicting `score ≥ threshold` against `target ≥ 0.5`.
///
/// Tie-break: among thresholds reaching the maximum F1, the one nearest 0.5; of two equally near,
/// the lower. So a class whose F1 is 0 everywhere (e.g. no positive in the tuning set) keeps 0.5.
public func tuneThresholds(targets: ClassColumns, scores: ClassColumns, tunedOn: String, grid: ThresholdGrid = .study) -> TunedThresholds {
    var values = [Double](repeating: 0.5, count: targets.classes)
    values.withUnsafeMutableBufferPointer { out in
        DispatchQueue.concurrentPerform(iterations: targets.classes) { c in
            out[c] = bestThreshold(targets: targets.column(c), scores: scores.column(c), grid: grid)
        }
    }
    return TunedThresholds(values: values, tunedOn: tunedOn)
}

/// `tuneThresholds` on single-precision [rows, classes] matrices.
public func tuneThresholds(targets: LabelMatrix, scores: LabelMatrix, tunedOn: String, grid: ThresholdGrid = .study) -> TunedThresholds {
    tuneThresholds(targets: ClassColumns(targets), scores: ClassColumns(scores), tunedOn: tunedOn, grid: grid)
}

/// The grid threshold with the highest F1 for one class (tie-break: nearest 0.5, then lower).
///
/// Each row is bucketed by how many grid values its score reaches; a row is predicted at grid
/// point i exactly when its bucket is > i, so TP and FP at every grid point are suffix sums.
func bestThreshold(targets: ArraySlice<Double>, scores: ArraySlice<Double>, grid choice: ThresholdGrid = .study) -> Double {
    let values = choice.values
    var positivesIn = [Int](repeating: 0, count: values.count + 1)
    var negativesIn = [Int](repeating: 0, count: values.count + 1)
    values.withUnsafeBufferPointer { grid in
        for (y, s) in zip(targets, scores) {
            let bucket = gridValuesReached(by: s, grid)
            if y >= targetCutoff { positivesIn[bucket] += 1 } else { negativesIn[bucket] += 1 }
        }
    }
    let positives = positivesIn.reduce(0, +)
    var truePositives = positives, falsePositives = negativesIn.reduce(0, +)
    var best = 50, bestF1 = -1.0  // grid point i stands for k/100 with k = first percent + i
    for i in values.indices {
        truePositives -= positivesIn[i]
        falsePositives -= negativesIn[i]
        let denominator = truePositives + falsePositives + positives  // 2TP + FP + FN
        let f1 = denominator > 0 ? Double(2 * truePositives) / Double(denominator) : 0
        let k = choice.percents.lowerBound + i
        // F1 values are ratios of small integers, so equal ratios give identical Doubles.
        if f1 > bestF1 || (f1 == bestF1 && abs(k - 50) < abs(best - 50)) {
            best = k
            bestF1 = f1
        }
    }
    return Double(best) / 100
}

/// How many values of ascending `grid` are ≤ `s` (0 for NaN).
@inline(__always)
private func gridValuesReached(by s: Double, _ grid: UnsafeBufferPointer<Double>) -> Int {
    var lo = 0, hi = grid.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if grid[mid] <= s { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
