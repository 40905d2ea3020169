/// The network a spec trains (DESIGN §5). Encoded as a one-key object: `{"vit": {…}}`,
/// `{"efficientNet": {…}}` or `{"baseline": {…}}`.
public enum ModelSpec: Codable, Hashable, Sendable {
    case vit(ViTSpec)
    case efficientNet(EfficientNetSpec)
    /// A linear classifier on pooled statistics of the front end: the floor of the table.
    case baseline(BaselineSpec)

    private enum CodingKeys: String, CodingKey { case vit, efficientNet, baseline }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch Set(c.allKeys) {
        case [.vit]: self = .vit(try c.decode(ViTSpec.self, forKey: .vit))
        case [.efficientNet]: self = .efficientNet(try c.decode(EfficientNetSpec.self, forKey: .efficientNet))
        case [.baseline]: self = .baseline(try c.decode(BaselineSpec.self, forKey: .baseline))
        default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
            debugDescription: "model: expected exactly one of \"vit\", \"efficientNet\" or \"baseline\""))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .vit(let v): try c.encode(v, forKey: .vit)
        case .efficientNet(let e): try c.encode(e, forKey: .efficientNet)
        case .baseline(let b): try c.encode(b, forKey: .baseline)
        }
    }

    /// A short human label ("ViT 192×4, MAE-pretrained", "EfficientNet w0.25 d0.25",
    /// "linear on pooled mean/std/p90").
    public var label: String {
        switch self {
        case .vit(let v): return "ViT \(v.width)×\(v.depth), \(v.pretraining.label)"
        case .efficientNet(let e): return "EfficientNet w\(e.widthMultiplier) d\(e.depthMultiplier)"
        case .baseline(let b): return "linear on pooled " + b.statistics.map(\.rawValue).joined(separator: "/")
        }
    }
}

/// A Bird-MAE-style ViT encoder with the study's classifier head.
public struct ViTSpec: Codable, Hashable, Sendable {
    public var patchSize: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var mlpRatio: Int
    /// Stochastic depth of the last block (scaled linearly from 0 over the blocks).
    public var dropPath: Double
    public var head: HeadSpec
    public var pretraining: PretrainingSpec

    public init(patchSize: Int = 16, width: Int, depth: Int, heads: Int, mlpRatio: Int = 4, dropPath: Double = 0,
                head: HeadSpec, pretraining: PretrainingSpec) {
        self.patchSize = patchSize; self.width = width; self.depth = depth; self.heads = heads
        self.mlpRatio = mlpRatio; self.dropPath = dropPath; self.head = head; self.pretraining = pretraining
    }

    /// Bird-MAE-Base: 768 wide, 12 deep, 12 heads.
    public static func birdMAEBase(pretraining: PretrainingSpec) -> ViTSpec {
        ViTSpec(width: 768, depth: 12, heads: 12, head: .study, pretraining: pretraining)
    }
}

/// The study's MLP head: Dropout → Linear → GELU → … → Linear(C). `widths` are the hidden
/// widths (study: 512, 256), `dropouts` one more than `widths` (study: 0.3, 0.2, 0.1).
public struct HeadSpec: Codable, Hashable, Sendable {
    public var widths: [Int]
    public var dropouts: [Double]
    public init(widths: [Int], dropouts: [Double]) { self.widths = widths; self.dropouts = dropouts }
    public static let study = HeadSpec(widths: [512, 256], dropouts: [0.3, 0.2, 0.1])
}

/// How the ViT encoder starts: random, MAE-pretrained on the run's own data, or from a checkpoint.
/// Encoded as a one-key object: `{"none": true}`, `{"mae": {…}}`, `{"checkpoint": "path"}`.
public enum PretrainingSpec: Codable, Hashable, Sendable {
    /// Trained from scratch.
    case none
    /// Masked-autoencoder pretraining on the run's training audio and soundscapes, once per
    /// (data, front end, MAE settings, seed) and shared by every row that asks for the same.
    case mae(MAESpec)
    /// Encoder weights from a safetensors file with Bird-MAE tensor names (relative paths are
    /// resolved against the data folder).
    case checkpoint(String)

    private enum CodingKeys: String, CodingKey { case none, mae, checkpoint }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch Set(c.allKeys) {
        case [.none]: self = .none
        case [.mae]: self = .mae(try c.decode(MAESpec.self, forKey: .mae))
        case [.checkpoint]: self = .checkpoint(try c.decode(String.self, forKey: .checkpoint))
        default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
            debugDescription: "pretraining: expected exactly one of \"none\", \"mae\", \"checkpoint\""))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none: try c.encode(true, forKey: .none)
        case .mae(let m): try c.encode(m, forKey: .mae)
        case .checkpoint(let path): try c.encode(path, forKey: .checkpoint)
        }
    }

    public var label: String {
        switch self {
        case .none: return "from scratch"
        case .mae: return "MAE-pretrained"
        case .checkpoint: return "pretrained checkpoint"
        }
    }
}

/// Masked-autoencoder pretraining (DESIGN §5).
public struct MAESpec: Codable, Hashable, Sendable {
    public var maskRatio: Double
    public var decoderWidth: Int
    public var decoderDepth: Int
    public var decoderHeads: Int
    public var epochs: Int
    public var samplesPerEpoch: Int
    public var batchSize: Int
    public var learningRate: Double
    public var weightDecay: Double
    public var betas: [Double]
    public var warmupEpochs: Int
    public var gradientClip: Double

    public init(maskRatio: Double = 0.75, decoderWidth: Int, decoderDepth: Int, decoderHeads: Int, epochs: Int,
                samplesPerEpoch: Int, batchSize: Int, learningRate: Double = 1e-4, weightDecay: Double = 1e-4,
                betas: [Double] = [0.9, 0.95], warmupEpochs: Int = 0, gradientClip: Double = 1.0) {
        self.maskRatio = maskRatio; self.decoderWidth = decoderWidth; self.decoderDepth = decoderDepth
        self.decoderHeads = decoderHeads; self.epochs = epochs; self.samplesPerEpoch = samplesPerEpoch
        self.batchSize = batchSize; self.learningRate = learningRate; self.weightDecay = weightDecay
        self.betas = betas; self.warmupEpochs = warmupEpochs; self.gradientClip = gradientClip
    }
}

/// EfficientNet-B0 scaled by width and depth multipliers (B0 = 1, 1; B2 ≈ 1.1, 1.2; B4 ≈ 1.4, 1.8;
/// below 1 for CPU-sized variants), 1 input channel.
public struct EfficientNetSpec: Codable, Hashable, Sendable {
    public var widthMultiplier: Double
    public var depthMultiplier: Double
    public var dropout: Double
    public var dropPath: Double

    public init(widthMultiplier: Double = 1, depthMultiplier: Double = 1, dropout: Double = 0.2, dropPath: Double = 0.2) {
        self.widthMultiplier = widthMultiplier; self.depthMultiplier = depthMultiplier
        self.dropout = dropout; self.dropPath = dropPath
    }
}

/// The `baseline` model (`BaselineClassifier`): per-band statistics of the front end's window over
/// time after removing each band's median (`PooledStatistics`), standardised with the training
/// windows' mean and std, then one Linear layer trained by the spec's loss and optimizer (its
/// head learning rate and weight decay; it has no encoder). No gradient reaches the features.
public struct BaselineSpec: Codable, Hashable, Sendable {
    /// The statistics per band, in input order (default mean, std, 90th percentile).
    public var statistics: [PooledStatistics.Statistic]

    public init(statistics: [PooledStatistics.Statistic] = PooledStatistics.standard) { self.statistics = statistics }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statistics = try c.decode([PooledStatistics.Statistic].self, forKey: .statistics)
        guard !statistics.isEmpty, Set(statistics).count == statistics.count else {
            throw DecodingError.dataCorruptedError(forKey: .statistics, in: c,
                debugDescription: "baseline.statistics: expected distinct statistics among \(PooledStatistics.Statistic.allCases.map(\.rawValue)), at least one")
        }
    }
}
