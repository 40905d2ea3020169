/// Average precision of one class, exactly scikit-learn's `average_precision_score`:
/// AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score values taken as thresholds in descending order
/// (tied scores enter together, no interpolation).
///
/// `nil` when the class has no positive. (scikit-learn warns and returns 0 for such a class, and
/// its macro average counts that 0; `MetricSummary.cmAP` instead averages over classes with at
/// least one positive, as BirdSet's cmAP does, and reports how many that was.)
public func averagePrecision(_ ranking: ClassRanking) -> Double? {
    let pos = ranking.positives, neg = ranking.negatives
    guard !pos.isEmpty else { return nil }
    let positives = Double(pos.count)
    var i = pos.count - 1, j = neg.count - 1  // next unconsumed, walking down
    var truePositives = 0, falsePositives = 0
    var sum = 0.0
    while i >= 0 {
        let score = j >= 0 ? max(pos[i], neg[j]) : pos[i]
        var newPositives = 0
        while i >= 0 && pos[i] == score { newPositives += 1; i -= 1 }
        while j >= 0 && neg[j] == score { falsePositives += 1; j -= 1 }
        truePositives += newPositives
        if newPositives > 0 {
            let precision = Double(truePositives) / Double(truePositives + falsePositives)
            sum += Double(newPositives) / positives * precision
        }
    }
    return sum
}

/// Average precision of class `c`.
public func averagePrecision(targets: ClassColumns, scores: ClassColumns, class c: Int) -> Double? {
    averagePrecision(ClassRanking(targets: targets, scores: scores, class: c))
}
