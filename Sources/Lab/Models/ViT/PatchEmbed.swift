/// timm `PatchEmbed`: a p×p stride-p convolution from one channel to D, flattened to tokens.
/// Computed as patchify + one GEMM with the conv weight viewed as [D, p·p] (same result,
/// no im2col). Names: `proj.weight` [D, 1, p, p], `proj.bias` [D].
public final class PatchEmbed: Module {
    public let patchSize: Int
    public let weight: Tensor, bias: Tensor

    public init(patchSize p: Int, width d: Int, rng: inout SeededGenerator) {
        patchSize = p
        weight = .parameter([d, 1, p, p])
        bias = .parameter([d])
        // MAE: xavier_uniform on the weight viewed as [D, p·p·C].
        let a = (6 / Float(d + p * p)).squareRoot()
        Init.uniform(weight, -a, a, rng: &rng)
    }

    private final class Projection: Module {
        unowned let owner: PatchEmbed
        init(_ owner: PatchEmbed) { self.owner = owner }
        var ownParameters: [(String, Tensor)] { [("weight", owner.weight), ("bias", owner.bias)] }
    }

    public var children: [(String, any Module)] { [("proj", Projection(self))] }

    /// [B, 1, H, W] → [B, N, D] (N = (H/p)·(W/p), row-major over time, then frequency).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let d = weight.shape[0]
        return linear(patchify(x, patch: patchSize), weight: weight.reshaped([d, patchSize * patchSize]), bias: bias)
    }
}
