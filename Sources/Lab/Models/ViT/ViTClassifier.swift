import Foundation

/// Bird-MAE encoder + the study's head: logits = head(fc_norm(mean of patch tokens)).
/// State-dict names: the encoder's Bird-MAE names at top level, the head under `head.`.
public final class ViTClassifier: Classifier {
    public let config: ViTConfig
    public let encoder: ViTEncoder
    public let head: ClassifierHead

    public init(_ config: ViTConfig, rng: inout SeededGenerator, stream: RandomStream) {
        self.config = config
        var encoderRNG = rng.split("encoder"), headRNG = rng.split("head")
        encoder = ViTEncoder(config, rng: &encoderRNG, stream: stream)
        head = ClassifierHead(inFeatures: config.width, widths: config.headWidths, dropouts: config.headDropouts,
                              classes: config.classes, stream: stream, rng: &headRNG)
    }

    /// Wraps an existing (e.g. MAE-pretrained) encoder: the classifier shares its tensors.
    public init(encoder: ViTEncoder, rng: inout SeededGenerator, stream: RandomStream) {
        config = encoder.config
        self.encoder = encoder
        var headRNG = rng.split("head")
        head = ClassifierHead(inFeatures: config.width, widths: config.headWidths, dropouts: config.headDropouts,
                              classes: config.classes, stream: stream, rng: &headRNG)
    }

    public var ownParameters: [(String, Tensor)] { encoder.ownParameters }
    public var ownBuffers: [(String, Tensor)] { encoder.ownBuffers }
    public var children: [(String, any Module)] { encoder.children + [("head", head)] }

    public var inputSize: (frames: Int, bins: Int) { (config.frames, config.bins) }
    public var classes: Int { config.classes }
    public var encoderParameters: [(String, Tensor)] { encoder.namedParameters() }
    public var headParameters: [(String, Tensor)] { head.namedParameters(prefix: "head.") }

    /// [B, 1, F, M] or [B, F, M] → logits [B, C]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        head(encoder(imageInput(x, frames: config.frames, bins: config.bins)))
    }
}
