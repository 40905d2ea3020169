/// A row that trains nothing: the average of other rows' predicted probabilities (issue 19).
/// For seed s it loads each member row's seed-s `best.safetensors`, predicts the row's evaluation
/// sets with every member, averages the probabilities (weighted), tunes thresholds on the averaged
/// validation probabilities and scores like any row.
public struct EnsembleSpec: Codable, Hashable, Sendable {
    /// Names of the member rows of the same suite (at least two).
    public var members: [String]
    /// One non-negative weight per member (normalised to sum 1); nil = equal weights.
    public var weights: [Double]?

    public init(members: [String], weights: [Double]? = nil) { self.members = members; self.weights = weights }

    /// The normalised weights, one per member; an `InputError` when they do not fit the members.
    public func normalizedWeights(file: String) throws -> [Double] {
        try ProbabilityAverage.normalized(weights, count: members.count, file: file)
    }
}
