/// `torch.nn.Conv2d` with groups 1 (im2col + GEMM) or groups = channels (depthwise, direct loops).
/// Weight [out, in/groups, k, k], bias [out]; PyTorch default init (Kaiming-uniform a=√5).
public final class Conv2d: Layer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: Int, padding: Int, groups: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                groups: Int = 1, bias: Bool = true, rng: inout SeededGenerator) {
        precondition(groups == 1 || (groups == inChannels && groups == outChannels), "Conv2d supports groups 1 or depthwise")
        self.stride = stride; self.padding = padding; self.groups = groups
        weight = .parameter([outChannels, inChannels / groups, kernel, kernel])
        Init.kaimingUniform(weight, rng: &rng)
        if bias {
            let b = Tensor.parameter([outChannels])
            let bound = 1 / Float(inChannels / groups * kernel * kernel).squareRoot()
            Init.uniform(b, -bound, bound, rng: &rng)
            self.bias = b
        } else {
            self.bias = nil
        }
    }

    public var ownParameters: [(String, Tensor)] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

    /// [B, in, H, W] → [B, out, Ho, Wo]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        groups == 1
            ? conv2d(x, weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
            : depthwiseConv2d(x, weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
    }
}
