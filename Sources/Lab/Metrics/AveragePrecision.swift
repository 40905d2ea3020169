/// Average precision of one class, exactly scikit-learn's `average_precision_score`:
/// AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score values taken as thresholds in descending order
/// (tied scores enter together, no interpolation). Only thresholds at a positive's score change
/// recall, so the sum runs over the distinct positive scores, with
/// Pₙ = #{pos ≥ v} / (#{pos ≥ v} + #{neg ≥ v}).
///
/// `nil` when the class has no positive. (scikit-learn warns and returns 0 for such a class, and
/// its macro average counts that 0; `MetricSummary.cmAP` instead averages over classes with at
/// least one positive, as BirdSet's cmAP does, and reports how many that was.)
public func averagePrecision(_ ranking: ClassRanking) -> Double? {
    guard ranking.positives > 0 else { return nil }
    let positives = Double(ranking.positives)
    var truePositives = 0
    var sum = 0.0
    for k in ranking.positiveScores.indices.reversed() {
        truePositives += ranking.positiveCounts[k]
        let falsePositives = ranking.negatives - ranking.negativesBelow[k]
        let precision = Double(truePositives) / Double(truePositives + falsePositives)
        sum += Double(ranking.positiveCounts[k]) / positives * precision
    }
    return sum
}

/// Average precision of class `c`.
public func averagePrecision(targets: ClassColumns, scores: ClassColumns, class c: Int) -> Double? {
    averagePrecision(ClassRanking(targets: targets, scores: scores, class: c))
}
