/// ROC-AUC of one class: the probability that a random positive scores above a random negative,
/// ties counting 1/2 (the Mann–Whitney U statistic; equal to the trapezoid area under scikit-learn's
/// `roc_curve`, i.e. `roc_auc_score`). `nil` when the class has no positive or no negative.
///
/// Counted exactly in integers (2U = Σ over positives of 2·#{neg < s} + #{neg = s}) and divided once.
public func rocAUC(_ ranking: ClassRanking) -> Double? {
    guard ranking.positives > 0, ranking.negatives > 0 else { return nil }
    var twiceU = 0
    for k in ranking.positiveScores.indices {
        twiceU += ranking.positiveCounts[k] * (2 * ranking.negativesBelow[k] + ranking.negativesEqual[k])
    }
    return Double(twiceU) / (2 * Double(ranking.positives) * Double(ranking.negatives))
}

/// ROC-AUC of class `c`.
public func rocAUC(targets: ClassColumns, scores: ClassColumns, class c: Int) -> Double? {
    rocAUC(ClassRanking(targets: targets, scores: scores, class: c))
}
