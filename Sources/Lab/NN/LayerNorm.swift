/// `torch.nn.LayerNorm` over the last dimension: weight (γ, ones) and bias (β, zeros).
public final class LayerNorm: Layer {
    public let weight: Tensor, bias: Tensor
    public let eps: Float

    public init(_ dim: Int, eps: Float = 1e-5) {
        weight = .parameter([dim]); Init.constant(weight, 1)
        bias = .parameter([dim])
        self.eps = eps
    }

    public var ownParameters: [(String, Tensor)] { [("weight", weight), ("bias", bias)] }

    /// [..., D] → [..., D]
    public func callAsFunction(_ x: Tensor) -> Tensor { layerNorm(x, gamma: weight, beta: bias, eps: eps) }
}
