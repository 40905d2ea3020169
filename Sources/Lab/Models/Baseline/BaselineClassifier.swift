/// The `baseline` model's sizes: windows of [frames, bins], the pooled statistics, C classes.
public struct BaselineConfig: Hashable, Sendable {
    public var frames: Int
    public var bins: Int
    public var statistics: [PooledStatistics.Statistic]
    public var classes: Int

    public init(frames: Int, bins: Int, statistics: [PooledStatistics.Statistic] = PooledStatistics.standard, classes: Int) {
        self.frames = frames; self.bins = bins; self.statistics = statistics; self.classes = classes
    }

    /// Inputs of the linear layer: statistics × bins.
    public var features: Int { statistics.count * bins }
}

/// A linear classifier on pooled front-end statistics, the floor each deep row is read against:
/// window [B, 1, T, F] → `PooledStatistics` [B, S·F] → standardisation with a per-feature mean and
/// standard deviation fixed before training (from the un-augmented training windows,
/// `fitStandardization`) → Linear(S·F, C) → logits [B, C].
///
/// Only the Linear layer is trained: the statistics and the standardisation carry no gradient
/// (they are computed on plain values). The standardisation is stored as two buffers
/// (`standardization.mean`, `standardization.std`) so a checkpoint holds the whole model. The
/// Linear layer starts at zero (the optimum of the convex problem is unique, so the start only
/// matters through early stopping, and zero is where L2-regularised fits like scikit-learn's start).
/// It has no encoder: `encoderParameters` is empty, the Linear layer is the head.
public final class BaselineClassifier: Classifier {
    public let config: BaselineConfig
    /// Per-feature mean and standard deviation [S·F] of the pooled statistics.
    public let mean: Tensor
    public let std: Tensor
    public let classifier: Linear

    /// An untrained baseline: zero weights, identity standardisation (mean 0, std 1).
    public init(_ config: BaselineConfig, rng: inout SeededGenerator) {
        self.config = config
        mean = Tensor(zeros: [config.features])
        std = Tensor(shape: [config.features], repeating: 1)
        classifier = Linear(config.features, config.classes, rng: &rng)
        Init.constant(classifier.weight, 0)
        if let b = classifier.bias { Init.constant(b, 0) }
    }

    public var ownBuffers: [(String, Tensor)] { [("standardization.mean", mean), ("standardization.std", std)] }
    public var children: [(String, any Module)] { [("classifier", classifier)] }

    public var inputSize: (frames: Int, bins: Int) { (config.frames, config.bins) }
    public var classes: Int { config.classes }
    public var encoderParameters: [(String, Tensor)] { [] }
    public var headParameters: [(String, Tensor)] { classifier.namedParameters(prefix: "classifier.") }

    /// [B, 1, T, F] or [B, T, F] → logits [B, C]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let input = imageInput(x, frames: config.frames, bins: config.bins)  // [B, 1, T, F]
        let b = input.shape[0]
        var pooled = pool(windows: input.values, count: b)  // [B, S·F]
        standardize(&pooled)
        return classifier(Tensor(shape: [b, config.features], values: pooled))  // [B, C]
    }

    /// Rows of [n, S·F] pooled statistics → (x − mean) / std in place.
    func standardize(_ rows: inout [Float]) {
        let width = config.features
        let m = mean.values, s = std.values
        for i in rows.indices { rows[i] = (rows[i] - m[i % width]) / s[i % width] }
    }

    /// Pooled statistics, not standardised: windows [n, T, F] → [n, S·F].
    public func pool(windows: [Float], count: Int) -> [Float] {
        PooledStatistics.pool(batch: windows, count: count, frames: config.frames, bins: config.bins, statistics: config.statistics)
    }

    /// Fixes the standardisation to the mean and population standard deviation (ddof 0) of
    /// `pooled` [n, S·F] (the `pool` of the training windows), as scikit-learn's `StandardScaler`
    /// does: a feature with zero spread keeps std 1. Sums in Double.
    public func fitStandardization(pooled: [Float], count: Int) {
        precondition(count > 0 && pooled.count == count * config.features, "the baseline's standardisation needs [n ≥ 1, \(config.features)] values")
        let width = config.features
        var sum = [Double](repeating: 0, count: width), squares = [Double](repeating: 0, count: width)
        for r in 0 ..< count {
            for j in 0 ..< width { sum[j] += Double(pooled[r * width + j]) }
        }
        let m = sum.map { $0 / Double(count) }
        for r in 0 ..< count {
            for j in 0 ..< width { let d = Double(pooled[r * width + j]) - m[j]; squares[j] += d * d }
        }
        let s = squares.map { ($0 / Double(count)).squareRoot() }.map { $0 > 0 ? $0 : 1 }
        mean.copyValues(from: Tensor(shape: [width], values: m.map { Float($0) }))
        std.copyValues(from: Tensor(shape: [width], values: s.map { Float($0) }))
    }
}
