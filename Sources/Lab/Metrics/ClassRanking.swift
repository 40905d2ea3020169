/// One class's scores reduced to what ROC-AUC and average precision need: the distinct scores of
/// its positives (ascending, with counts) and, for each, how many negatives score strictly below
/// it and exactly equal to it.
///
/// Only the positives are sorted (P log P); each negative is placed among the distinct positive
/// scores by binary search (N log P). With few positives per class, as in bird data, this is much
/// cheaper than sorting the whole column, and never worse than O(n log n).
///
/// Targets are positive when `y ≥ 0.5`. A NaN score ranks below every number (as −∞); callers are
/// expected to pass finite scores (the CSV reader rejects non-finite cells).
public struct ClassRanking: Sendable {
    /// Distinct scores of the positives, ascending.
    public var positiveScores: [Double]
    /// How many positives have each of `positiveScores`.
    public var positiveCounts: [Int]
    /// How many negatives score strictly below each of `positiveScores`.
    public var negativesBelow: [Int]
    /// How many negatives score exactly each of `positiveScores`.
    public var negativesEqual: [Int]
    /// Number of positives and negatives in the class.
    public var positives: Int
    public var negatives: Int

    public init(targets: ArraySlice<Double>, scores: ArraySlice<Double>) {
        precondition(targets.count == scores.count)
        var sortedPositives: [Double] = []
        targets.withUnsafeBufferPointer { y in
            scores.withUnsafeBufferPointer { s in
                for i in 0 ..< y.count where y[i] >= targetCutoff { sortedPositives.append(Self.rankable(s[i])) }
            }
        }
        sortedPositives.sort()
        var distinct: [Double] = [], counts: [Int] = []
        for s in sortedPositives {
            if s == distinct.last { counts[counts.count - 1] += 1 } else { distinct.append(s); counts.append(1) }
        }
        // gaps[k]: negatives strictly between distinct[k-1] and distinct[k] (gaps[m]: above all).
        var gaps = [Int](repeating: 0, count: distinct.count + 1)
        var equal = [Int](repeating: 0, count: distinct.count)
        targets.withUnsafeBufferPointer { y in
            scores.withUnsafeBufferPointer { s in
                distinct.withUnsafeBufferPointer { u in
                    gaps.withUnsafeMutableBufferPointer { gaps in
                        equal.withUnsafeMutableBufferPointer { equal in
                            Self.placeNegatives(targets: y, scores: s, among: u, gaps: gaps, equal: equal)
                        }
                    }
                }
            }
        }
        var below = [Int](repeating: 0, count: distinct.count)
        var running = 0
        for k in 0 ..< distinct.count {
            running += gaps[k]
            below[k] = running
            running += equal[k]
        }
        positiveScores = distinct
        positiveCounts = counts
        negativesBelow = below
        negativesEqual = equal
        positives = sortedPositives.count
        negatives = targets.count - sortedPositives.count
    }

    /// Counts each negative into the gap below the first distinct positive score ≥ it, or onto
    /// that score when equal.
    private static func placeNegatives(targets y: UnsafeBufferPointer<Double>, scores s: UnsafeBufferPointer<Double>,
                                       among u: UnsafeBufferPointer<Double>,
                                       gaps: UnsafeMutableBufferPointer<Int>, equal: UnsafeMutableBufferPointer<Int>) {
        if u.isEmpty { gaps[0] = y.count; return }
        for i in 0 ..< y.count where y[i] < targetCutoff {
            let x = rankable(s[i])
            let k = lowerBound(x, in: u)
            if k < u.count && u[k] == x { equal[k] += 1 } else { gaps[k] += 1 }
        }
    }

    /// Class `c` of a pair of matrices.
    public init(targets: ClassColumns, scores: ClassColumns, class c: Int) {
        self.init(targets: targets.column(c), scores: scores.column(c))
    }

    @inline(__always) static func rankable(_ s: Double) -> Double { s.isNaN ? -Double.infinity : s }

    /// The number of values of ascending `sorted` that are `< x` (branch-free binary search).
    @inline(__always)
    static func lowerBound(_ x: Double, in sorted: UnsafeBufferPointer<Double>) -> Int {
        var n = sorted.count
        guard n > 0 else { return 0 }
        var base = 0
        while n > 1 {
            let half = n / 2
            base = sorted[base + half] < x ? base + half : base
            n -= half
        }
        return base + (sorted[base] < x ? 1 : 0)
    }
}
