import Foundation

/// EfficientNet-B0 (DESIGN §5, timm `efficientnet_b0`) scaled by width and depth multipliers.
public struct EfficientNetConfig: Hashable, Sendable {
    /// One MBConv stage of B0: expansion, kernel, stride, output channels, repeats.
    public struct Stage: Hashable, Sendable {
        public var expansion: Int, kernel: Int, stride: Int, channels: Int, repeats: Int
    }

    /// The B0 stage table.
    public static let b0Stages: [Stage] = [
        Stage(expansion: 1, kernel: 3, stride: 1, channels: 16, repeats: 1),
        Stage(expansion: 6, kernel: 3, stride: 2, channels: 24, repeats: 2),
        Stage(expansion: 6, kernel: 5, stride: 2, channels: 40, repeats: 2),
        Stage(expansion: 6, kernel: 3, stride: 2, channels: 80, repeats: 3),
        Stage(expansion: 6, kernel: 5, stride: 1, channels: 112, repeats: 3),
        Stage(expansion: 6, kernel: 5, stride: 2, channels: 192, repeats: 4),
        Stage(expansion: 6, kernel: 3, stride: 1, channels: 320, repeats: 1),
    ]

    public var frames: Int
    public var bins: Int
    public var inChannels: Int
    public var classes: Int
    public var widthMultiplier: Double
    public var depthMultiplier: Double
    /// Dropout before the classifier.
    public var dropout: Float
    /// Drop-path rate, scaled by block index: block i of n drops with dropPath·i/n (timm).
    public var dropPath: Float
    /// Squeeze-excite width as a fraction of each block's input channels.
    public var seRatio: Double

    public init(frames: Int, bins: Int, inChannels: Int = 1, classes: Int, widthMultiplier: Double = 1, depthMultiplier: Double = 1,
                dropout: Float = 0.2, dropPath: Float = 0.2, seRatio: Double = 0.25) {
        self.frames = frames; self.bins = bins; self.inChannels = inChannels; self.classes = classes
        self.widthMultiplier = widthMultiplier; self.depthMultiplier = depthMultiplier
        self.dropout = dropout; self.dropPath = dropPath; self.seRatio = seRatio
    }

    /// EfficientNet-B0 with one input channel.
    public static func b0(frames: Int, bins: Int, classes: Int) -> EfficientNetConfig {
        EfficientNetConfig(frames: frames, bins: bins, classes: classes)
    }

    /// timm `round_channels` / `make_divisible` (divisor 8, round limit 0.9).
    public func roundFilters(_ channels: Int) -> Int {
        makeDivisible(Double(channels) * widthMultiplier)
    }

    /// timm `_scale_stage_depth` with `depth_trunc='ceil'` for a one-block-type stage.
    public func roundRepeats(_ repeats: Int) -> Int {
        max(1, Int((Double(repeats) * depthMultiplier).rounded(.up)))
    }

    public var stemChannels: Int { roundFilters(32) }
    public var headChannels: Int { roundFilters(1280) }
}

/// timm `make_divisible(v, divisor, round_limit=0.9)`.
func makeDivisible(_ v: Double, divisor: Int = 8, roundLimit: Double = 0.9) -> Int {
    var n = max(divisor, Int(v + Double(divisor) / 2) / divisor * divisor)
    if Double(n) < roundLimit * v { n += divisor }
    return n
}
