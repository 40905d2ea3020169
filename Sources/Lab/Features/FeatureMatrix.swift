/// A feature matrix, row-major [frames, bins]: time first, frequency second.
public struct FeatureMatrix: Sendable, Equatable {
    public var frames: Int
    public var bins: Int
    /// `frames · bins` values; row `t` is `values[t * bins ..< (t + 1) * bins]`.
    public var values: [Float]

    public init(frames: Int, bins: Int, values: [Float]) {
        precondition(values.count == frames * bins, "FeatureMatrix: \(values.count) values for [\(frames), \(bins)]")
        self.frames = frames
        self.bins = bins
        self.values = values
    }

    /// Pads with `fill` (or trims) at the end of the time axis to exactly `count` frames.
    public func withFrames(_ count: Int, fill: Float) -> FeatureMatrix {
        if count == frames { return self }
        var out = Array(values.prefix(count * bins))
        if count > frames { out.append(contentsOf: repeatElement(fill, count: (count - frames) * bins)) }
        return FeatureMatrix(frames: count, bins: bins, values: out)
    }

    /// Applies `transform` to every value.
    public func map(_ transform: (Float) -> Float) -> FeatureMatrix {
        FeatureMatrix(frames: frames, bins: bins, values: values.map(transform))
    }
}
