/// Micro F1: 2·ΣTP / (2·ΣTP + ΣFP + ΣFN) over all rows and classes; 0 when that denominator is 0
/// (scikit-learn `f1_score(average="micro", zero_division=0)`).
public func microF1(targets: ClassColumns, scores: ClassColumns, thresholds: ThresholdPolicy) -> Double {
    microF1(PredictionCounts(targets: targets, scores: scores, thresholds: thresholds))
}

/// Micro F1 of single-precision matrices.
public func microF1(targets: LabelMatrix, scores: LabelMatrix, thresholds: ThresholdPolicy) -> Double {
    microF1(targets: ClassColumns(targets), scores: ClassColumns(scores), thresholds: thresholds)
}

func microF1(_ counts: PredictionCounts) -> Double {
    var truePositives = 0, truths = 0, predictions = 0
    for r in 0 ..< counts.truths.count {
        truePositives += Int(counts.hits[r])
        truths += Int(counts.truths[r])
        predictions += Int(counts.predictions[r])
    }
    // 2TP + FP + FN = |T| + |P| summed over rows.
    let denominator = truths + predictions
    return denominator > 0 ? Double(2 * truePositives) / Double(denominator) : 0
}
