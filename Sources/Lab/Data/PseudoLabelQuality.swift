/// Precision and recall of pseudo-labels against window truth, micro-averaged over
/// (window, class) cells. A pseudo-label counts as positive when its target ≥ 0.5 (DESIGN §10);
/// every truth window of the scored soundscapes counts, a window without a pseudo-label predicting
/// nothing.
public struct PseudoLabelQuality: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    /// Truth windows scored.
    public var windows = 0

    public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }

    /// Scores `samples` on the truth windows of `soundscapes` (names without extension).
    public static func measure(_ samples: [PseudoSample], truth: SoundscapeTruth, soundscapes: [String]) -> PseudoLabelQuality {
        let wanted = Set(soundscapes)
        var predicted: [String: Set<Int>] = [:]
        for s in samples where wanted.contains(s.file) {
            predicted[s.rowID] = Set(s.targets.indices.filter { s.targets[$0] >= 0.5 })
        }
        var q = PseudoLabelQuality()
        for (rowID, actual) in truth.labels {
            guard let (file, _) = SoundscapeTruth.split(rowID), wanted.contains(file) else { continue }
            let guess = predicted[rowID] ?? []
            q.windows += 1
            q.truePositives += guess.intersection(actual).count
            q.falsePositives += guess.subtracting(actual).count
            q.falseNegatives += actual.subtracting(guess).count
        }
        return q
    }
}
