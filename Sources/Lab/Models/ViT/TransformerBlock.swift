/// timm `Block`, pre-norm: x + attn(norm1(x)), then x + mlp(norm2(x)); optional drop-path on
/// both residual branches. Names: `norm1`, `attn`, `norm2`, `mlp`.
public final class TransformerBlock: Layer {
    public let norm1: LayerNorm, attn: SelfAttention, norm2: LayerNorm, mlp: TransformerMLP
    public let dropPath: DropPath?

    public init(width d: Int, heads: Int, mlpRatio: Int, eps: Float, dropPath p: Float = 0,
                stream: RandomStream? = nil, rng: inout SeededGenerator) {
        norm1 = LayerNorm(d, eps: eps)
        attn = SelfAttention(width: d, heads: heads, rng: &rng)
        norm2 = LayerNorm(d, eps: eps)
        mlp = TransformerMLP(width: d, hidden: d * mlpRatio, rng: &rng)
        dropPath = (p > 0 && stream != nil) ? DropPath(p, stream: stream!) : nil
    }

    public var children: [(String, any Module)] {
        [("norm1", norm1), ("attn", attn), ("norm2", norm2), ("mlp", mlp)] + (dropPath.map { [("drop_path", $0)] } ?? [])
    }

    /// [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let h = x + branch(attn(norm1(x)))
        return h + branch(mlp(norm2(h)))
    }

    private func branch(_ y: Tensor) -> Tensor { dropPath.map { $0(y) } ?? y }
}
