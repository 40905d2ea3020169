import Foundation

/// One sample a batch can hold: a 5 s window of a sound file with its targets.
public struct TrainingItem: Sendable, Hashable {
    public var url: URL
    /// Nominal window start in seconds (on the 5 s grid for cached windows).
    public var start: Double
    /// [C] targets in [0, 1].
    public var targets: [Float]
    /// Balance group (primary class index, or an extra pseudo-class such as negatives).
    public var group: Int

    public init(url: URL, start: Double, targets: [Float], group: Int) {
        self.url = url; self.start = start; self.targets = targets; self.group = group
    }
}
