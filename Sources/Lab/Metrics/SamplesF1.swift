/// Samples F1: the mean over rows of 2|T∩P| / (|T| + |P|); a row with no true and no predicted
/// label scores 0 (scikit-learn `f1_score(average="samples", zero_division=0)`). 0 rows → 0.
public func samplesF1(targets: ClassColumns, scores: ClassColumns, thresholds: ThresholdPolicy) -> Double {
    samplesF1(PredictionCounts(targets: targets, scores: scores, thresholds: thresholds))
}

/// Samples F1 of single-precision matrices.
public func samplesF1(targets: LabelMatrix, scores: LabelMatrix, thresholds: ThresholdPolicy) -> Double {
    samplesF1(targets: ClassColumns(targets), scores: ClassColumns(scores), thresholds: thresholds)
}

func samplesF1(_ counts: PredictionCounts) -> Double {
    let rows = counts.truths.count
    guard rows > 0 else { return 0 }
    var sum = 0.0
    for r in 0 ..< rows {
        let denominator = Int(counts.truths[r]) + Int(counts.predictions[r])
        if denominator > 0 { sum += Double(2 * Int(counts.hits[r])) / Double(denominator) }
    }
    return sum / Double(rows)
}
