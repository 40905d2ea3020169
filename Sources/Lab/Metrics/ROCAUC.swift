/// ROC-AUC of one class: the probability that a random positive scores above a random negative,
/// ties counting 1/2 (the Mann–Whitney U statistic; equal to the trapezoid area under scikit-learn's
/// `roc_curve`, i.e. `roc_auc_score`). `nil` when the class has no positive or no negative.
///
/// Counted exactly in integers (2U = Σ over positives of 2·#{neg < s} + #{neg = s}) and divided once.
public func rocAUC(_ ranking: ClassRanking) -> Double? {
    let pos = ranking.positives, neg = ranking.negatives
    guard !pos.isEmpty, !neg.isEmpty else { return nil }
    var twiceU = 0
    var below = 0  // negatives strictly below the current positive score
    var i = 0
    while i < pos.count {
        let score = pos[i]
        var group = 0
        while i < pos.count && pos[i] == score { group += 1; i += 1 }
        while below < neg.count && neg[below] < score { below += 1 }
        var equal = 0
        while below + equal < neg.count && neg[below + equal] == score { equal += 1 }
        twiceU += group * (2 * below + equal)
    }
    return Double(twiceU) / (2 * Double(pos.count) * Double(neg.count))
}

/// ROC-AUC of class `c`.
public func rocAUC(targets: ClassColumns, scores: ClassColumns, class c: Int) -> Double? {
    rocAUC(ClassRanking(targets: targets, scores: scores, class: c))
}
