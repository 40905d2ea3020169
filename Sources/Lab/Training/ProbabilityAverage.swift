/// The weighted mean of several models' probabilities for the same rows and classes: what
/// `ablations predict` with several checkpoints and an ensemble row (`EnsembleRun`) compute.
public enum ProbabilityAverage {
    /// `weights` normalised to sum 1 (nil: equal weights over `count`); an `InputError` (naming
    /// `file`) for a wrong count, a negative or non-finite weight, or a zero sum.
    public static func normalized(_ weights: [Double]?, count: Int, file: String) throws -> [Double] {
        guard count > 0 else { throw InputError(file: file, "an average needs at least one model") }
        let w = weights ?? [Double](repeating: 1, count: count)
        guard w.count == count else {
            throw InputError(file: file, column: "weights", "\(w.count) weights for \(count) models; expected one per model")
        }
        guard w.allSatisfy({ $0.isFinite && $0 >= 0 }), w.reduce(0, +) > 0 else {
            throw InputError(file: file, column: "weights", "weights must be finite, ≥ 0 and not all 0; got \(w)")
        }
        let sum = w.reduce(0, +)
        return w.map { $0 / sum }
    }

    /// Σ wᵢ · matricesᵢ element-wise (the weights already normalised); every matrix must have the
    /// same shape, else an `InputError` naming `file`.
    public static func mean(_ matrices: [[Float]], weights: [Double], file: String) throws -> [Float] {
        guard let first = matrices.first, matrices.count == weights.count else {
            throw InputError(file: file, "\(matrices.count) prediction sets for \(weights.count) weights")
        }
        var out = [Double](repeating: 0, count: first.count)
        for (m, w) in zip(matrices, weights) {
            guard m.count == first.count else {
                throw InputError(file: file, "the models predicted \(first.count) and \(m.count) values; an average needs the same rows and classes")
            }
            for i in m.indices { out[i] += w * Double(m[i]) }
        }
        return out.map { Float($0) }
    }
}
