/// One class's scores split by target and sorted ascending: everything ROC-AUC, average precision
/// and threshold tuning need. Sorting the two groups separately (instead of sorting pairs) keeps
/// the sort on plain `[Double]`, O(n log n) per class.
///
/// A NaN score ranks below every number (as −∞); callers are expected to pass finite scores.
public struct ClassRanking: Sendable {
    /// Scores of rows with target `y ≥ 0.5`, ascending.
    public var positives: [Double]
    /// Scores of the other rows, ascending.
    public var negatives: [Double]

    public init(targets: ArraySlice<Double>, scores: ArraySlice<Double>) {
        var positives: [Double] = [], negatives: [Double] = []
        positives.reserveCapacity(targets.count)
        negatives.reserveCapacity(targets.count)
        for (y, s) in zip(targets, scores) {
            let score = s.isNaN ? -Double.infinity : s
            if y >= targetCutoff { positives.append(score) } else { negatives.append(score) }
        }
        positives.sort()
        negatives.sort()
        self.positives = positives
        self.negatives = negatives
    }

    /// Class `c` of a pair of matrices.
    public init(targets: ClassColumns, scores: ClassColumns, class c: Int) {
        self.init(targets: targets.column(c), scores: scores.column(c))
    }

    /// How many values of ascending `sorted` are `≥ threshold` (binary search).
    static func countAtLeast(_ threshold: Double, in sorted: [Double]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < threshold { lo = mid + 1 } else { hi = mid }
        }
        return sorted.count - lo
    }
}
