import Foundation

/// Masked-autoencoder pretraining of a `ViTEncoder` (He et al. 2022; Bird-MAE).
///
/// Forward: patch tokens + position embedding → keep a random (1 − ratio) of them per sample →
/// CLS + encoder blocks + `norm` → `decoder_embed` → scatter back to the full grid with
/// `mask_token` in the masked places → + `decoder_pos_embed` (fixed sin-cos, CLS row zero) →
/// decoder blocks → `decoder_norm` → `decoder_pred` to p·p pixels → MSE on the masked patches
/// against per-patch-normalised targets.
///
/// State-dict names are MAE's: the encoder's at top level, then `mask_token`,
/// `decoder_pos_embed`, `decoder_embed`, `decoder_blocks.{i}`, `decoder_norm`, `decoder_pred`.
/// The encoder object is shared: after pretraining wrap it with `ViTClassifier(encoder:…)`.
public final class MAEPretrainer: Module {
    public let encoder: ViTEncoder
    public let config: MAEConfig
    public let decoderEmbed: Linear
    public let maskToken: Tensor
    public let decoderPosEmbed: Tensor
    public let decoderBlocks: [TransformerBlock]
    public let decoderNorm: LayerNorm
    public let decoderPred: Linear
    /// Draws the masks.
    public let stream: RandomStream

    public init(encoder: ViTEncoder, config: MAEConfig, rng: inout SeededGenerator, stream: RandomStream) {
        self.encoder = encoder; self.config = config; self.stream = stream
        let e = encoder.config, dd = config.decoderWidth
        decoderEmbed = Linear(e.width, dd, rng: &rng)
        maskToken = .parameter([1, 1, dd])
        Init.normal(maskToken, std: 0.02, rng: &rng)
        decoderPosEmbed = sinCosPositionEmbedding(width: dd, rows: e.grid.time, columns: e.grid.frequency)
        decoderBlocks = (0 ..< config.decoderDepth).map { _ in
            TransformerBlock(width: dd, heads: config.decoderHeads, mlpRatio: config.decoderMLPRatio, eps: e.layerNormEps, rng: &rng)
        }
        decoderNorm = LayerNorm(dd, eps: e.layerNormEps)
        decoderPred = Linear(dd, e.patchPixels, rng: &rng)
        initTransformerLinears(decoderEmbed, rng: &rng)
        for b in decoderBlocks { initTransformerLinears(b, rng: &rng) }
        initTransformerLinears(decoderPred, rng: &rng)
    }

    public var ownParameters: [(String, Tensor)] { encoder.ownParameters + [("mask_token", maskToken)] }
    public var ownBuffers: [(String, Tensor)] { encoder.ownBuffers + [("decoder_pos_embed", decoderPosEmbed)] }
    public var children: [(String, any Module)] {
        encoder.children + [("decoder_embed", decoderEmbed)]
            + decoderBlocks.enumerated().map { ("decoder_blocks.\($0.offset)", $0.element as any Module) }
            + [("decoder_norm", decoderNorm), ("decoder_pred", decoderPred)]
    }

    /// Reconstruction loss of one batch [B, 1, F, M] or [B, F, M] with a fresh random mask.
    public func loss(_ images: Tensor) -> Tensor {
        let e = encoder.config
        let x = imageInput(images, frames: e.frames, bins: e.bins)
        let b = x.shape[0], n = e.tokens
        let mask = RandomMasking(batch: b, tokens: n, ratio: config.maskRatio, rng: &stream.generator)
        // Encoder on visible tokens only.
        let visible = gatherTokens(encoder.embedPatches(x), indices: mask.kept, count: mask.keep)   // [B, K, D]
        let latent = encoder.norm(encoder.runBlocks(encoder.prependCLS(visible)))                 // [B, 1 + K, D]
        // Decoder on the full grid.
        let y = decoderEmbed(latent)                                                                // [B, 1 + K, Dd]
        let tokens = y.slice(axis: 1, 1 ..< 1 + mask.keep)
        let grid = scatterTokens(tokens, indices: mask.kept, length: n) + maskToken * mask.maskIndicator(batch: b)  // [B, N, Dd]
        var h = concat([y.slice(axis: 1, 0 ..< 1), grid], axis: 1) + decoderPosEmbed                 // [B, 1 + N, Dd]
        for block in decoderBlocks { h = block(h) }
        let pred = decoderPred(decoderNorm(h)).slice(axis: 1, 1 ..< 1 + n)                          // [B, N, p·p]
        // MSE on masked patches only.
        let target = reconstructionTargets(x)                                                       // [B, N, p·p]
        let m = n - mask.keep
        return mseLoss(gatherTokens(pred, indices: mask.masked, count: m), gatherTokens(target, indices: mask.masked, count: m))
    }

    /// Patchified images, each patch normalised by its mean and unbiased variance (+1e-6) when
    /// `normalizeTargets` (MAE `norm_pix_loss`). Not differentiated.
    public func reconstructionTargets(_ x: Tensor) -> Tensor {
        let patches = Autograd.noGrad { patchify(x, patch: encoder.config.patchSize) }
        guard config.normalizeTargets else { return patches }
        let p = patches.shape[2], rows = patches.count / p
        let out = Tensor(uninitialized: patches.shape)
        for r in 0 ..< rows {
            let v = patches.data + r * p, o = out.data + r * p
            var s = 0.0
            for i in 0 ..< p { s += Double(v[i]) }
            let mu = s / Double(p)
            var q = 0.0
            for i in 0 ..< p { let d = Double(v[i]) - mu; q += d * d }
            let inv = 1 / (q / Double(max(p - 1, 1)) + 1e-6).squareRoot()
            for i in 0 ..< p { o[i] = Float((Double(v[i]) - mu) * inv) }
        }
        return out
    }
}
