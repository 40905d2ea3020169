/// The Bird-MAE ViT encoder (DESIGN §5): patch embedding, fixed 2-D sin-cos position embedding,
/// CLS token, pre-norm transformer blocks.
///
/// State-dict names are Bird-MAE's: `patch_embed.proj.{weight,bias}`, `cls_token` [1, 1, D],
/// `pos_embed` [1, 1 + N, D] (a fixed buffer, saved and loaded but never trained),
/// `blocks.{i}.…`, `norm` and `fc_norm`. `fc_norm` normalises the mean of the patch tokens
/// (the fine-tuning output); `norm` normalises the token sequence in MAE pretraining (as in MAE's
/// encoder) and is kept so Bird-MAE checkpoints load strictly.
public final class ViTEncoder: Module {
    public let config: ViTConfig
    public let patchEmbed: PatchEmbed
    public let clsToken: Tensor
    public let posEmbed: Tensor
    public let blocks: [TransformerBlock]
    public let norm: LayerNorm, fcNorm: LayerNorm

    /// Random initialisation as MAE does: Linear weights Xavier-uniform with zero bias, LayerNorm
    /// 1 / 0, patch projection Xavier-uniform on its [D, p·p] view, CLS token N(0, 0.02²).
    /// `stream` drives drop-path (only used when `config.dropPath > 0`).
    public init(_ config: ViTConfig, rng: inout SeededGenerator, stream: RandomStream? = nil) {
        precondition(config.problem == nil, "ViTConfig: \(config.problem ?? "")")
        self.config = config
        let d = config.width
        patchEmbed = PatchEmbed(patchSize: config.patchSize, width: d, rng: &rng)
        clsToken = .parameter([1, 1, d])
        Init.normal(clsToken, std: 0.02, rng: &rng)
        posEmbed = sinCosPositionEmbedding(width: d, rows: config.grid.time, columns: config.grid.frequency)
        blocks = (0 ..< config.depth).map { i in
            let p = config.depth > 1 ? config.dropPath * Float(i) / Float(config.depth - 1) : config.dropPath
            return TransformerBlock(width: d, heads: config.heads, mlpRatio: config.mlpRatio, eps: config.layerNormEps,
                                    dropPath: p, stream: stream, rng: &rng)
        }
        norm = LayerNorm(d, eps: config.layerNormEps)
        fcNorm = LayerNorm(d, eps: config.layerNormEps)
        for block in blocks { initTransformerLinears(block, rng: &rng) }
    }

    public var ownParameters: [(String, Tensor)] { [("cls_token", clsToken)] }
    public var ownBuffers: [(String, Tensor)] { [("pos_embed", posEmbed)] }
    public var children: [(String, any Module)] {
        [("patch_embed", patchEmbed)] + blocks.enumerated().map { ("blocks.\($0.offset)", $0.element as any Module) }
            + [("norm", norm), ("fc_norm", fcNorm)]
    }

    /// Patch tokens with their position embedding: [B, 1, H, W] → [B, N, D].
    public func embedPatches(_ x: Tensor) -> Tensor {
        let n = config.tokens
        return patchEmbed(x) + posEmbed.slice(axis: 1, 1 ..< 1 + n)
    }

    /// Prepends the CLS token (+ its position embedding, zeros for sin-cos): [B, K, D] → [B, 1 + K, D].
    public func prependCLS(_ tokens: Tensor) -> Tensor {
        let b = tokens.shape[0], d = config.width
        let cls = (clsToken + posEmbed.slice(axis: 1, 0 ..< 1)).expanded(to: [b, 1, d])
        return concat([cls, tokens], axis: 1)
    }

    /// Runs the transformer blocks: [B, T, D] → [B, T, D].
    public func runBlocks(_ x: Tensor) -> Tensor { blocks.reduce(x) { $1($0) } }

    /// The pooled feature: fc_norm(mean of the patch tokens), CLS excluded. [B, 1, H, W] → [B, D].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let h = runBlocks(prependCLS(embedPatches(x)))                 // [B, 1 + N, D]
        let patches = h.slice(axis: 1, 1 ..< h.shape[1])              // [B, N, D]
        return fcNorm(mean(patches, axis: 1))                          // [B, D]
    }
}

/// MAE / timm `_init_weights`: every Linear Xavier-uniform with zero bias.
func initTransformerLinears(_ module: any Module, rng: inout SeededGenerator) {
    if let l = module as? Linear {
        Init.xavierUniform(l.weight, rng: &rng)
        if let b = l.bias { Init.constant(b, 0) }
    }
    for (_, child) in module.children { initTransformerLinears(child, rng: &rng) }
}
