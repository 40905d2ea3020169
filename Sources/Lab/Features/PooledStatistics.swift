/// Per-band statistics of a feature matrix over time: the input of the `baseline` model (a
/// linear classifier on pooled front-end features, the floor the deep rows are read against).
///
/// For a [frames, bins] matrix (the spec's front-end output: Kaldi fbank, log-mel, …) each band
/// first has its median over time subtracted (the window's background level in that band), then
/// each requested statistic is taken over time. The
/// output is statistic-major: `[stat₀(band 0…bins−1), stat₁(band 0…), …]`, i.e. NumPy's
///
/// ```python
/// x = x - np.median(x, axis=0)
/// np.concatenate([x.mean(0), x.std(0), np.percentile(x, 90, axis=0)])
/// ```
///
/// (`std` is the population standard deviation, ddof 0; quantiles use linear interpolation between
/// order statistics, NumPy's default, via `percentile`). Sums run in Double.
public enum PooledStatistics {
    /// One statistic over time of a (median-removed) band.
    public enum Statistic: String, Codable, Hashable, Sendable, CaseIterable {
        case mean, std, p90
    }

    /// The baseline's statistics: mean, standard deviation and 90th percentile.
    public static let standard: [Statistic] = [.mean, .std, .p90]

    /// Pooled statistics of one matrix: [frames, bins] → [statistics.count · bins].
    public static func pool(_ features: FeatureMatrix, statistics: [Statistic] = standard) -> [Float] {
        features.values.withUnsafeBufferPointer { pool($0, frames: features.frames, bins: features.bins, statistics: statistics) }
    }

    /// Pooled statistics of `frames · bins` row-major values (time first); frames ≥ 1.
    public static func pool(_ values: UnsafeBufferPointer<Float>, frames: Int, bins: Int,
                            statistics: [Statistic] = standard) -> [Float] {
        precondition(frames >= 1 && values.count == frames * bins, "PooledStatistics: \(values.count) values for [\(frames), \(bins)]")
        var out = [Float](repeating: 0, count: statistics.count * bins)
        var band = [Double](repeating: 0, count: frames)
        for f in 0 ..< bins {
            for t in 0 ..< frames { band[t] = Double(values[t * bins + f]) }
            band.sort()
            let median = percentile(band, 0.5)!
            let mean = band.reduce(0, +) / Double(frames)
            for (s, statistic) in statistics.enumerated() {
                let value: Double
                switch statistic {
                case .mean: value = mean - median
                case .std: value = (band.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(frames)).squareRoot()
                case .p90: value = percentile(band, 0.9)! - median
                }
                out[s * bins + f] = Float(value)
            }
        }
        return out
    }

    /// Pooled statistics of every window of a batch: [B, frames, bins] values → [B, statistics.count · bins].
    public static func pool(batch values: [Float], count: Int, frames: Int, bins: Int,
                            statistics: [Statistic] = standard) -> [Float] {
        let width = statistics.count * bins, size = frames * bins
        precondition(values.count == count * size, "PooledStatistics: \(values.count) values for [\(count), \(frames), \(bins)]")
        var out = [Float](repeating: 0, count: count * width)
        values.withUnsafeBufferPointer { all in
            for b in 0 ..< count {
                let window = UnsafeBufferPointer(rebasing: all[b * size ..< (b + 1) * size])
                let pooled = pool(window, frames: frames, bins: bins, statistics: statistics)
                for i in 0 ..< width { out[b * width + i] = pooled[i] }
            }
        }
        return out
    }
}
