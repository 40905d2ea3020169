/// timm `SqueezeExcite`: x · σ(conv_expand(SiLU(conv_reduce(mean_hw(x))))). The 1×1 convs keep
/// their PyTorch shapes ([rd, C, 1, 1], [C, rd, 1, 1]) and run as Linear on the pooled [B, C].
public final class SqueezeExcite: Layer {
    public let reduceWeight: Tensor, reduceBias: Tensor
    public let expandWeight: Tensor, expandBias: Tensor

    public init(channels c: Int, reduced rd: Int, rng: inout SeededGenerator) {
        reduceWeight = .parameter([rd, c, 1, 1]); reduceBias = .parameter([rd])
        expandWeight = .parameter([c, rd, 1, 1]); expandBias = .parameter([c])
        initConvGoogle(reduceWeight, rng: &rng)
        initConvGoogle(expandWeight, rng: &rng)
    }

    private final class Conv: Module {
        let w: Tensor, b: Tensor
        init(_ w: Tensor, _ b: Tensor) { self.w = w; self.b = b }
        var ownParameters: [(String, Tensor)] { [("weight", w), ("bias", b)] }
    }

    public var children: [(String, any Module)] {
        [("conv_reduce", Conv(reduceWeight, reduceBias)), ("conv_expand", Conv(expandWeight, expandBias))]
    }

    /// [B, C, H, W] → [B, C, H, W]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let b = x.shape[0], c = x.shape[1], rd = reduceWeight.shape[0]
        let s = globalAvgPool2d(x)                                                           // [B, C]
        let z = silu(linear(s, weight: reduceWeight.reshaped([rd, c]), bias: reduceBias))    // [B, rd]
        let gate = sigmoid(linear(z, weight: expandWeight.reshaped([c, rd]), bias: expandBias))  // [B, C]
        return x * gate.reshaped([b, c, 1, 1])
    }
}

/// timm `_init_weight_goog` for convs: N(0, 2 / fan_out), fan_out = k·k·out / groups.
func initConvGoogle(_ w: Tensor, groups: Int = 1, rng: inout SeededGenerator) {
    let fanOut = w.shape[0] * w.shape[2] * w.shape[3] / groups
    Init.normal(w, std: (2 / Float(fanOut)).squareRoot(), rng: &rng)
}
