import Foundation

/// The spec's network from the Models layer, initialised from the run's seed: a ViT (from
/// scratch, from a Bird-MAE checkpoint, or from the suite's shared MAE pretraining) or an
/// EfficientNet, sized for the data's windows and classes.
public enum ModelBuilder {
    /// The Models layer's config for `model` on [frames, bins] inputs with `classes` outputs.
    public static func config(_ model: ModelSpec, frames: Int, bins: Int, classes: Int) -> ModelConfig {
        switch model {
        case .vit(let v):
            return .vit(vitConfig(v, frames: frames, bins: bins, classes: classes))
        case .efficientNet(let e):
            return .efficientNet(EfficientNetConfig(frames: frames, bins: bins, classes: classes, widthMultiplier: e.widthMultiplier,
                                                    depthMultiplier: e.depthMultiplier, dropout: Float(e.dropout), dropPath: Float(e.dropPath)))
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
}
