/// `torch.nn.Dropout(p)`: random zeroing in training, identity in evaluation.
public final class Dropout: Layer {
    public let p: Float
    public let stream: RandomStream
    public var isTraining = true
    public init(_ p: Float, stream: RandomStream) { self.p = p; self.stream = stream }
    public func callAsFunction(_ x: Tensor) -> Tensor { dropout(x, p: p, training: isTraining, rng: &stream.generator) }
}

/// Stochastic depth (timm `DropPath`): drops a residual branch per sample in training.
public final class DropPath: Layer {
    public let p: Float
    public let stream: RandomStream
    public var isTraining = true
    public init(_ p: Float, stream: RandomStream) { self.p = p; self.stream = stream }
    public func callAsFunction(_ x: Tensor) -> Tensor { dropPath(x, p: p, training: isTraining, rng: &stream.generator) }
}
