import Foundation

/// The spec's network from the Models layer, initialised from the run's seed: a ViT (from
/// scratch, from a Bird-MAE checkpoint, or from the suite's shared MAE pretraining), an
/// EfficientNet, or the linear baseline (standardised on the training windows), sized for the
/// data's windows and classes.
public enum ModelBuilder {
    /// The Models layer's config for `model` on [frames, bins] inputs with `classes` outputs.
    public static func config(_ model: ModelSpec, frames: Int, bins: Int, classes: Int) -> ModelConfig {
        switch model {
        case .vit(let v):
            return .vit(vitConfig(v, frames: frames, bins: bins, classes: classes))
        case .efficientNet(let e):
            return .efficientNet(EfficientNetConfig(frames: frames, bins: bins, classes: classes, widthMultiplier: e.widthMultiplier,
                                                    depthMultiplier: e.depthMultiplier, dropout: Float(e.dropout), dropPath: Float(e.dropPath)))
        case .baseline(let b):
            return .baseline(BaselineConfig(frames: frames, bins: bins, statistics: b.statistics, classes: classes))
        }
    }

    static func vitConfig(_ v: ViTSpec, frames: Int, bins: Int, classes: Int) -> ViTConfig {
        ViTConfig(frames: frames, bins: bins, patchSize: v.patchSize, width: v.width, depth: v.depth, heads: v.heads,
                  mlpRatio: v.mlpRatio, dropPath: Float(v.dropPath), headWidths: v.head.widths,
                  headDropouts: v.head.dropouts.map { Float($0) }, classes: classes)
    }

    /// The classifier of `spec` for `seed`, its dropout stream, and the MAE pretraining it started from.
    public static func make(spec: AblationSpec, seed: Int, data: any ExperimentData, context: Experiment.Context) throws
        -> (any Classifier, RandomStream, PretrainingSummary?)
    {
        let root = SeededGenerator(seed: UInt64(seed))
        var rng = root.split("init")
        let stream = RandomStream(root.split("dropout"))
        let classes = data.classes.count
        if case .baseline(let b) = spec.model {
            let baseline = BaselineClassifier(BaselineConfig(frames: data.frames, bins: data.bins, statistics: b.statistics, classes: classes),
                                              rng: &rng)
            try standardize(baseline, on: data, batchSize: spec.training.batchSize)
            return (baseline, stream, nil)
        }
        guard case .vit(let v) = spec.model else {
            return (config(spec.model, frames: data.frames, bins: data.bins, classes: classes).make(rng: &rng, stream: stream), stream, nil)
        }
        let c = vitConfig(v, frames: data.frames, bins: data.bins, classes: classes)
        switch v.pretraining {
        case .none:
            return (ViTClassifier(c, rng: &rng, stream: stream), stream, nil)
        case .checkpoint(let path):
            let model = ViTClassifier(c, rng: &rng, stream: stream)
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : context.data.appendingPathComponent(path)
            try model.encoder.loadBirdMAE(from: url, ignoring: ["decoder_", "mask_token", "head."])
            return (model, stream, nil)
        case .mae(let mae):
            let (encoder, summary) = try MAEPretraining.encoder(spec: spec, vit: c, mae: mae, seed: seed, data: data, context: context)
            return (ViTClassifier(encoder: encoder, rng: &rng, stream: stream), stream, summary)
        }
    }

    /// Fixes the baseline's standardisation to the pooled statistics of every training window,
    /// un-augmented (`ExperimentData.trainingWindowBatch`).
    static func standardize(_ model: BaselineClassifier, on data: any ExperimentData, batchSize: Int) throws {
        let n = data.trainingWindowCount
        guard n > 0 else { throw InputError(file: "train_audio", "no training windows to standardise the baseline on") }
        var pooled: [Float] = []
        pooled.reserveCapacity(n * model.config.features)
        let progress = Progress("baseline standardisation", total: n)
        var start = 0
        while start < n {
            let range = start ..< min(n, start + max(batchSize, 1))
            let batch = try data.trainingWindowBatch(range: range)  // [b, T, F]
            pooled += model.pool(windows: batch.inputs, count: batch.count)  // [b, S·F]
            progress.advance(by: batch.count)
            start = range.upperBound
        }
        progress.finish()
        model.fitStandardization(pooled: pooled, count: n)
    }
}
