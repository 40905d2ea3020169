import Dispatch

/// A percentile bootstrap confidence interval of a metric over rows.
public struct BootstrapInterval: Codable, Hashable, Sendable {
    /// The metric on the original rows (nil where it is undefined there).
    public var estimate: Double?
    /// Lower and upper percentile bounds; nil when no replicate had a defined value.
    public var lower: Double?
    public var upper: Double?
    /// Nominal coverage, e.g. 0.95.
    public var confidence: Double
    /// Replicates drawn, and how many of them left the metric undefined (excluded from the bounds).
    public var replicates: Int
    public var undefinedReplicates: Int
    /// Seed of the generator the resamples came from.
    public var seed: UInt64
}

/// Percentile bootstrap over rows for any metric.
///
/// Replicate `i` draws `rows` row indices uniformly with replacement from
/// `generator.split(UInt64(i))`, so the result depends only on the seed (not on thread timing).
/// The bounds are the (1 − confidence)/2 and (1 + confidence)/2 quantiles of the defined
/// replicate values, interpolated linearly (NumPy's default `percentile`). Replicates run in parallel.
///
/// - Parameter metric: the metric of a resample, given its row indices; nil when undefined.
///   Called concurrently from several threads, so it must only read shared data.
public func bootstrapInterval(rows: Int, replicates: Int = 1000, confidence: Double = 0.95,
                              generator: SeededGenerator,
                              metric: ([Int]) -> Double?) -> BootstrapInterval {
    precondition(rows > 0 && replicates > 0 && confidence > 0 && confidence < 1)
    var values = [Double?](repeating: nil, count: replicates)
    values.withUnsafeMutableBufferPointer { out in
        DispatchQueue.concurrentPerform(iterations: replicates) { i in
            var stream = generator.split(UInt64(i))
            let indices = (0 ..< rows).map { _ in stream.index(rows) }
            out[i] = metric(indices)
        }
    }
    let defined = values.compactMap { $0 }.sorted()
    let alpha = (1 - confidence) / 2
    return BootstrapInterval(
        estimate: metric(Array(0 ..< rows)),
        lower: percentile(defined, alpha),
        upper: percentile(defined, 1 - alpha),
        confidence: confidence,
        replicates: replicates,
        undefinedReplicates: replicates - defined.count,
        seed: generator.seed)
}

/// Bootstrap interval of one field of `MetricSummary` (e.g. `{ $0.macroAUC }`) over rows.
public func bootstrapInterval(targets: ClassColumns, scores: ClassColumns, thresholds: ThresholdPolicy,
                              replicates: Int = 1000, confidence: Double = 0.95,
                              generator: SeededGenerator,
                              metric: @escaping (MetricSummary) -> Double?) -> BootstrapInterval {
    bootstrapInterval(rows: targets.rows, replicates: replicates, confidence: confidence, generator: generator) { indices in
        metric(scoreMultiLabel(targets: targets.selectingRows(indices), scores: scores.selectingRows(indices),
                               thresholds: thresholds))
    }
}

/// `bootstrapInterval` of a `MetricSummary` field on single-precision [rows, classes] matrices.
public func bootstrapInterval(targets: LabelMatrix, scores: LabelMatrix, thresholds: ThresholdPolicy,
                              replicates: Int = 1000, confidence: Double = 0.95,
                              generator: SeededGenerator,
                              metric: @escaping (MetricSummary) -> Double?) -> BootstrapInterval {
    bootstrapInterval(targets: ClassColumns(targets), scores: ClassColumns(scores), thresholds: thresholds,
                      replicates: replicates, confidence: confidence, generator: generator, metric: metric)
}
