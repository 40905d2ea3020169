/// `torch.nn.Linear`: y = x·Wᵀ + b over the last dimension. Weight [out, in], bias [out].
/// Initialised like PyTorch (Kaiming-uniform a=√5, bias U(±1/√in)); models re-initialise as
/// their recipe says (e.g. `Init.xavierUniform`).
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout SeededGenerator) {
        weight = .parameter([outFeatures, inFeatures])
        Init.kaimingUniform(weight, rng: &rng)
        if bias {
            let b = Tensor.parameter([outFeatures])
            let bound = 1 / Float(inFeatures).squareRoot()
            Init.uniform(b, -bound, bound, rng: &rng)
            self.bias = b
        } else {
            self.bias = nil
        }
    }

    public var ownParameters: [(String, Tensor)] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

    /// [..., in] → [..., out]
    public func callAsFunction(_ x: Tensor) -> Tensor { linear(x, weight: weight, bias: bias) }
}
