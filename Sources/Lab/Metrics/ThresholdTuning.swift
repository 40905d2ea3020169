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
            out[c] = bestThreshold(targets: targets.column(c), scores: scores.column(c))
        }
    }
    return TunedThresholds(values: values, tunedOn: tunedOn)
}

/// `tuneThresholds` on single-precision [rows, classes] matrices.
public func tuneThresholds(targets: LabelMatrix, scores: LabelMatrix, tunedOn: String) -> TunedThresholds {
    tuneThresholds(targets: ClassColumns(targets), scores: ClassColumns(scores), tunedOn: tunedOn)
}

/// The grid threshold with the highest F1 for one class (tie-break: nearest 0.5, then lower).
///
/// Each row is bucketed by how many grid values its score reaches; a row is predicted at grid
/// point i exactly when its bucket is > i, so TP and FP at every grid point are suffix sums.
func bestThreshold(targets: ArraySlice<Double>, scores: ArraySlice<Double>) -> Double {
    var positivesIn = [Int](repeating: 0, count: thresholdGrid.count + 1)
    var negativesIn = [Int](repeating: 0, count: thresholdGrid.count + 1)
    thresholdGrid.withUnsafeBufferPointer { grid in
        for (y, s) in zip(targets, scores) {
            let bucket = gridValuesReached(by: s, grid)
            if y >= targetCutoff { positivesIn[bucket] += 1 } else { negativesIn[bucket] += 1 }
        }
    }
    let positives = positivesIn.reduce(0, +)
    var truePositives = positives, falsePositives = negativesIn.reduce(0, +)
    var best = 50, bestF1 = -1.0  // grid point i stands for k/100 with k = 30 + i
    for i in thresholdGrid.indices {
        truePositives -= positivesIn[i]
        falsePositives -= negativesIn[i]
        let denominator = truePositives + falsePositives + positives  // 2TP + FP + FN
        let f1 = denominator > 0 ? Double(2 * truePositives) / Double(denominator) : 0
        let k = 30 + i
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
