/// EfficientNet (timm `efficientnet_b0` layout and names) for one-channel log-mel images:
/// conv_stem 3×3 s2 → bn1 + SiLU → MBConv stages (`blocks.{stage}.{block}`) → conv_head 1×1 →
/// bn2 + SiLU → global average pool → dropout → classifier. BatchNorm eps 1e-5, momentum 0.1.
/// Weights: convs N(0, 2/fan_out), BatchNorm 1 / 0, classifier U(±1/√out) with zero bias
/// (timm `_init_weight_goog`). Encoder = everything but `classifier`.
public final class EfficientNet: Classifier {
    public let config: EfficientNetConfig
    public let convStem: Conv2d, bn1: BatchNorm2d
    public let blocks: [[MBConv]]
    public let convHead: Conv2d, bn2: BatchNorm2d
    public let dropout: Dropout
    public let classifier: Linear

    public init(_ config: EfficientNetConfig, rng: inout SeededGenerator, stream: RandomStream) {
        self.config = config
        let stem = config.stemChannels
        convStem = Conv2d(config.inChannels, stem, kernel: 3, stride: 2, padding: 1, bias: false, rng: &rng)
        initConvGoogle(convStem.weight, rng: &rng)
        bn1 = BatchNorm2d(stem, activation: .silu)
        let repeats = EfficientNetConfig.b0Stages.map { config.roundRepeats($0.repeats) }
        let total = repeats.reduce(0, +)
        var index = 0, cin = stem
        var stages: [[MBConv]] = []
        for (stage, n) in zip(EfficientNetConfig.b0Stages, repeats) {
            let cout = config.roundFilters(stage.channels)
            stages.append((0 ..< n).map { j in
                let block = MBConv(inChannels: cin, outChannels: cout, expansion: stage.expansion, kernel: stage.kernel,
                                   stride: j == 0 ? stage.stride : 1, seRatio: config.seRatio,
                                   dropPath: config.dropPath * Float(index) / Float(total), stream: stream, rng: &rng)
                index += 1; cin = cout
                return block
            })
        }
        blocks = stages
        convHead = Conv2d(cin, config.headChannels, kernel: 1, bias: false, rng: &rng)
        initConvGoogle(convHead.weight, rng: &rng)
        bn2 = BatchNorm2d(config.headChannels, activation: .silu)
        dropout = Dropout(config.dropout, stream: stream)
        classifier = Linear(config.headChannels, config.classes, rng: &rng)
        let bound = 1 / Float(config.classes).squareRoot()
        Init.uniform(classifier.weight, -bound, bound, rng: &rng)
        if let b = classifier.bias { Init.constant(b, 0) }
    }

    public var children: [(String, any Module)] {
        var out: [(String, any Module)] = [("conv_stem", convStem), ("bn1", bn1)]
        for (i, stage) in blocks.enumerated() { for (j, b) in stage.enumerated() { out.append(("blocks.\(i).\(j)", b)) } }
        return out + [("conv_head", convHead), ("bn2", bn2), ("dropout", dropout), ("classifier", classifier)]
    }

    public var inputSize: (frames: Int, bins: Int) { (config.frames, config.bins) }
    public var classes: Int { config.classes }
    public var encoderParameters: [(String, Tensor)] { namedParameters().filter { !$0.0.hasPrefix("classifier.") } }
    public var headParameters: [(String, Tensor)] { classifier.namedParameters(prefix: "classifier.") }

    /// Pooled features: [B, 1, F, M] → [B, headChannels].
    public func features(_ x: Tensor) -> Tensor {
        var h = bn1(convStem(x))
        for stage in blocks { for block in stage { h = block(h) } }
        return globalAvgPool2d(bn2(convHead(h)))
    }

    /// [B, 1, F, M] or [B, F, M] → logits [B, C]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        classifier(dropout(features(imageInput(x, frames: config.frames, bins: config.bins))))
    }
}
