/// The rules that turn detections into soundscape training targets (DESIGN §8).
public struct PseudoLabelConfig: Sendable, Codable, Hashable {
    /// Soundscape detections are kept when confidence > this.
    public var minConfidence = 0.35
    /// A window with an out-of-list species at ≥ this (and no kept in-list detection) is a negative.
    public var negativeConfidence = 0.95
    /// Sample length and stride in seconds.
    public var windowSeconds = 5.0
    /// A sample at t collects detections whose start is in [t − before, t + after].
    public var before = 1.0
    public var after = 3.0
    /// θ per class = this percentile (linear interpolation) of the class's kept confidences.
    public var percentile = 25.0
    /// Which soundscapes with pseudo-labels train; the others are held out.
    public var division = SoundscapeDivision.automatic

    public init() {}
    public static let study = PseudoLabelConfig()
}

/// How many soundscapes with pseudo-labels (in name order) go to training.
public enum SoundscapeDivision: Sendable, Codable, Hashable {
    /// The first `n` (the study: 3,000).
    case first(Int)
    /// The first round(f · count).
    case fraction(Double)
    /// min(3,000, round(0.6 · count)): the study's 3,000 on the real corpus, 60 % on small ones.
    case automatic

    /// Number of training soundscapes out of `count`.
    public func trainCount(of count: Int) -> Int {
        switch self {
        case .first(let n): return min(max(n, 0), count)
        case .fraction(let f): return min(max(Int((Double(count) * f).rounded()), 0), count)
        case .automatic: return min(3000, Int((Double(count) * 0.6).rounded()))
        }
    }
}
