import Foundation

/// A network the training loop trains: log-mel inputs in, multi-label logits out.
///
/// `ViTClassifier`, `EfficientNet` and `BaselineClassifier` conform. Inputs are [B, 1, frames, bins] or the Data
/// layer's [B, frames, bins] batches; outputs are logits [B, classes]. Parameters split into the
/// pretrained-able encoder and the freshly initialised head so they can take two learning
/// rates (DESIGN §7). Train / eval mode, state dict and safetensors I/O come from `Module`.
public protocol Classifier: Layer {
    /// Input frames (time) and bins (frequency) the model was built for.
    var inputSize: (frames: Int, bins: Int) { get }
    /// Number of output classes.
    var classes: Int { get }
    /// Encoder parameters by state-dict name.
    var encoderParameters: [(String, Tensor)] { get }
    /// Head (classifier) parameters by state-dict name.
    var headParameters: [(String, Tensor)] { get }
}

extension Classifier {
    /// Two AdamW parameter groups, encoder first then head (DESIGN §7: 1e-5 and 5e-4, wd 0.01).
    public func parameterGroups(encoderLR: Float, headLR: Float, weightDecay: Float) -> [ParameterGroup] {
        [ParameterGroup(encoderParameters, lr: encoderLR, weightDecay: weightDecay),
         ParameterGroup(headParameters, lr: headLR, weightDecay: weightDecay)]
    }

    /// Logits for a batch given as flat values (the Data layer's `Batch.inputs`, [B, frames, bins]).
    public func logits(batch values: [Float], count: Int) -> Tensor {
        self(Tensor(shape: [count, 1, inputSize.frames, inputSize.bins], values: values))
    }

    /// Writes the state dict (parameters and buffers, PyTorch names) as safetensors, atomically.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try Safetensors.write(stateDict(), metadata: metadata, to: url)
    }

    /// Loads a state dict written by `save`; errors name every missing, misshapen or unexpected tensor.
    @discardableResult
    public func load(from url: URL) throws -> [String: String] {
        let (tensors, metadata) = try Safetensors.read(url)
        try load(tensors, file: url.path)
        return metadata
    }
}

/// Views [B, F, M] as [B, 1, F, M] (4-D inputs pass through) and checks the size.
func imageInput(_ x: Tensor, frames: Int, bins: Int) -> Tensor {
    let b = x.shape[0]
    precondition(x.count == b * frames * bins && x.shape.suffix(2) == [frames, bins] && (x.rank == 3 || (x.rank == 4 && x.shape[1] == 1)),
                 "model input \(x.shape), expected [B, 1, \(frames), \(bins)] or [B, \(frames), \(bins)]")
    return x.rank == 4 ? x : x.reshaped([b, 1, frames, bins])
}

/// Which network to build; `make` gives the `Classifier`.
public enum ModelConfig: Hashable, Sendable {
    case vit(ViTConfig)
    case efficientNet(EfficientNetConfig)
    case baseline(BaselineConfig)

    /// Builds the model with weights drawn from `rng` and dropout / drop-path / masking from `stream`.
    public func make(rng: inout SeededGenerator, stream: RandomStream) -> any Classifier {
        switch self {
        case .vit(let c): return ViTClassifier(c, rng: &rng, stream: stream)
        case .efficientNet(let c): return EfficientNet(c, rng: &rng, stream: stream)
        case .baseline(let c): return BaselineClassifier(c, rng: &rng)
        }
    }
}
