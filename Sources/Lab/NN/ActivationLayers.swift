/// Pointwise activations as layers (for `Sequential`); no parameters.
public final class GELU: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { gelu(x) }
}

/// SiLU (swish) as a layer.
public final class SiLU: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { silu(x) }
}
