import Foundation

/// Mean and spread of one metric over seeds.
public struct SeedSummary: Equatable, Sendable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1); nil for a single seed.
    public var std: Double?

    /// Summary of `values` (one per seed); nil when empty.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        count = values.count
        mean = values.reduce(0, +) / Double(values.count)
        if values.count > 1 {
            let m = mean
            std = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        }
    }
}

/// The difference row − parent of one metric, paired over the seeds both have, with a two-sided
/// 95 % confidence interval from the t distribution: mean(d) ± t_{0.975}(n − 1) · sd(d) / √n.
public struct PairedDelta: Equatable, Sendable {
    public var seeds: Int
    public var mean: Double
    /// nil with fewer than two paired seeds.
    public var interval: ClosedRange<Double>?

    /// `row` and `parent` map seed → metric; seeds present in only one are ignored.
    public init?(row: [Int: Double], parent: [Int: Double]) {
        let seeds = Set(row.keys).intersection(parent.keys).sorted()
        guard !seeds.isEmpty else { return nil }
        let d = seeds.map { row[$0]! - parent[$0]! }
        self.seeds = d.count
        mean = d.reduce(0, +) / Double(d.count)
        if d.count > 1, let s = SeedSummary(d)?.std {
            let half = StudentT.quantile975(df: d.count - 1) * s / Double(d.count).squareRoot()
            interval = (mean - half) ... (mean + half)
        }
    }
}
