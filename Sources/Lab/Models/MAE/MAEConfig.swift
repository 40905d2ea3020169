/// Masked-autoencoder pretraining settings (DESIGN §5; Bird-MAE: mask 0.75, decoder 512 × 8, 16 heads).
public struct MAEConfig: Hashable, Sendable {
    /// Fraction of patches hidden from the encoder.
    public var maskRatio: Double
    public var decoderWidth: Int
    public var decoderDepth: Int
    public var decoderHeads: Int
    public var decoderMLPRatio: Int
    /// Normalise each target patch by its own mean and (unbiased) variance (MAE `norm_pix_loss`).
    public var normalizeTargets: Bool

    public init(maskRatio: Double = 0.75, decoderWidth: Int, decoderDepth: Int, decoderHeads: Int,
                decoderMLPRatio: Int = 4, normalizeTargets: Bool = true) {
        self.maskRatio = maskRatio; self.decoderWidth = decoderWidth; self.decoderDepth = decoderDepth
        self.decoderHeads = decoderHeads; self.decoderMLPRatio = decoderMLPRatio; self.normalizeTargets = normalizeTargets
    }

    /// Bird-MAE's decoder: 512 wide, 8 deep, 16 heads, mask ratio 0.75.
    public static let birdMAE = MAEConfig(decoderWidth: 512, decoderDepth: 8, decoderHeads: 16)
}
