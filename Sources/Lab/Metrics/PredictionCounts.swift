/// Per-row counts of true labels, predicted labels and their overlap after thresholding — what
/// samples F1 and micro F1 are computed from.
struct PredictionCounts {
    /// |T| per row: targets with `y ≥ 0.5`.
    var truths: [Int32]
    /// |P| per row: scores with `s ≥ threshold`.
    var predictions: [Int32]
    /// |T ∩ P| per row.
    var hits: [Int32]

    init(targets: ClassColumns, scores: ClassColumns, thresholds: ThresholdPolicy) {
        precondition(targets.rows == scores.rows && targets.classes == scores.classes,
                     "targets \(targets.rows) × \(targets.classes) vs scores \(scores.rows) × \(scores.classes)")
        thresholds.check(classes: targets.classes)
        let rows = targets.rows
        var truths = [Int32](repeating: 0, count: rows)
        var predictions = [Int32](repeating: 0, count: rows)
        var hits = [Int32](repeating: 0, count: rows)
        targets.values.withUnsafeBufferPointer { y in
            scores.values.withUnsafeBufferPointer { s in
                for c in 0 ..< targets.classes {
                    let t = thresholds.threshold(c), base = c * rows
                    for r in 0 ..< rows {
                        let isTrue: Int32 = y[base + r] >= targetCutoff ? 1 : 0
                        let isPredicted: Int32 = s[base + r] >= t ? 1 : 0
                        truths[r] &+= isTrue
                        predictions[r] &+= isPredicted
                        hits[r] &+= isTrue & isPredicted
                    }
                }
            }
        }
        self.truths = truths
        self.predictions = predictions
        self.hits = hits
    }
}
