/// timm `Attention`: packed qkv Linear (with bias), multi-head scaled dot-product attention,
/// output projection. Names: `qkv`, `proj`.
public final class SelfAttention: Layer {
    public let qkv: Linear, proj: Linear
    public let heads: Int

    public init(width d: Int, heads: Int, rng: inout SeededGenerator) {
        self.heads = heads
        qkv = Linear(d, 3 * d, rng: &rng)
        proj = Linear(d, d, rng: &rng)
    }

    public var children: [(String, any Module)] { [("qkv", qkv), ("proj", proj)] }

    /// [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor { proj(attention(qkv: qkv(x), heads: heads)) }
}

/// timm `Mlp`: fc1 → GELU → fc2.
public final class TransformerMLP: Layer {
    public let fc1: Linear, fc2: Linear

    public init(width d: Int, hidden: Int, rng: inout SeededGenerator) {
        fc1 = Linear(d, hidden, rng: &rng)
        fc2 = Linear(hidden, d, rng: &rng)
    }

    public var children: [(String, any Module)] { [("fc1", fc1), ("fc2", fc2)] }

    /// [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor { fc2(gelu(fc1(x))) }
}
