/// Shape of a Bird-MAE-style ViT encoder and its classifier head (DESIGN §5).
///
/// Inputs are log-mel images [B, 1, frames, bins] (time × frequency); `patchSize` must divide
/// both, giving a grid of `frames/patch` (time, rows) × `bins/patch` (frequency, columns) tokens.
public struct ViTConfig: Hashable, Sendable {
    public var frames: Int
    public var bins: Int
    public var patchSize: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var mlpRatio: Int
    /// LayerNorm epsilon of every norm (Bird-MAE: 1e-6).
    public var layerNormEps: Float
    /// Stochastic depth of the last block (linearly scaled from 0 over the blocks, timm).
    public var dropPath: Float
    /// Hidden widths of the classifier head (the study: 512, 256 at width 768).
    public var headWidths: [Int]
    /// Dropout before each head Linear, one more than `headWidths` (the study: 0.3, 0.2, 0.1).
    public var headDropouts: [Float]
    /// Number of classes.
    public var classes: Int

    public init(frames: Int, bins: Int, patchSize: Int = 16, width: Int, depth: Int, heads: Int, mlpRatio: Int = 4,
                layerNormEps: Float = 1e-6, dropPath: Float = 0, headWidths: [Int]? = nil, headDropouts: [Float] = [0.3, 0.2, 0.1],
                classes: Int) {
        self.frames = frames; self.bins = bins; self.patchSize = patchSize
        self.width = width; self.depth = depth; self.heads = heads; self.mlpRatio = mlpRatio
        self.layerNormEps = layerNormEps; self.dropPath = dropPath
        self.headWidths = headWidths ?? ViTConfig.studyHeadWidths(width: width)
        self.headDropouts = headDropouts
        self.classes = classes
    }

    /// The study's head widths scaled with the encoder: 512·D/768 and 256·D/768, rounded to the
    /// nearest integer (768 → 512, 256; 192 → 128, 64; 64 → 43, 21).
    public static func studyHeadWidths(width d: Int) -> [Int] {
        [max(1, (512 * d + 384) / 768), max(1, (256 * d + 384) / 768)]
    }

    /// Bird-MAE-Base: 768 wide, 12 deep, 12 heads, patch 16, input [1, 512, 128], the study's head.
    public static func birdMAEBase(classes: Int) -> ViTConfig {
        ViTConfig(frames: 512, bins: 128, width: 768, depth: 12, heads: 12, classes: classes)
    }

    /// ViT-Tiny-ish CPU config: 192 wide, 4 deep, 3 heads, MLP ratio 4 (input size as given).
    public static func vitTiny(frames: Int = 512, bins: Int = 128, classes: Int) -> ViTConfig {
        ViTConfig(frames: frames, bins: bins, width: 192, depth: 4, heads: 3, classes: classes)
    }

    /// A small CPU config for reduced inputs (e.g. [256, 64] fbank): 64 wide, 2 deep, 2 heads.
    public static func small(frames: Int = 256, bins: Int = 64, classes: Int) -> ViTConfig {
        ViTConfig(frames: frames, bins: bins, width: 64, depth: 2, heads: 2, classes: classes)
    }

    /// Patch rows (time) and columns (frequency).
    public var grid: (time: Int, frequency: Int) { (frames / patchSize, bins / patchSize) }
    /// Number of patch tokens (CLS excluded).
    public var tokens: Int { grid.time * grid.frequency }
    /// Pixels per patch (one channel).
    public var patchPixels: Int { patchSize * patchSize }

    /// Checks divisibility; returns a message naming what is wrong, nil when valid.
    public var problem: String? {
        if frames % patchSize != 0 || bins % patchSize != 0 { return "input \(frames)×\(bins) is not a multiple of patch \(patchSize)" }
        if width % heads != 0 { return "width \(width) is not a multiple of \(heads) heads" }
        if width % 4 != 0 { return "width \(width) must be a multiple of 4 for the 2-D sin-cos position embedding" }
        if headDropouts.count != headWidths.count + 1 { return "head needs \(headWidths.count + 1) dropouts, got \(headDropouts.count)" }
        return nil
    }
}
