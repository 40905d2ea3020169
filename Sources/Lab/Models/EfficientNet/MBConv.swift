/// An EfficientNet block (timm `InvertedResidual`, or `DepthwiseSeparableConv` when the
/// expansion is 1): [conv_pw 1×1 → bn1 + SiLU] → conv_dw k×k stride s → bn + SiLU → SE →
/// conv_pwl 1×1 → bn (no activation), plus the input (through drop-path) when stride is 1 and
/// channels are unchanged. Convs have no bias.
/// Names: expansion > 1: `conv_pw, bn1, conv_dw, bn2, se, conv_pwl, bn3`;
///        expansion = 1: `conv_dw, bn1, se, conv_pw, bn2`.
public final class MBConv: Layer {
    public let expand: (conv: Conv2d, bn: BatchNorm2d)?
    public let depthwise: Conv2d, depthwiseBN: BatchNorm2d
    public let se: SqueezeExcite
    public let project: Conv2d, projectBN: BatchNorm2d
    public let dropPath: DropPath?
    public let hasSkip: Bool

    public init(inChannels cin: Int, outChannels cout: Int, expansion: Int, kernel k: Int, stride: Int,
                seRatio: Double, dropPath p: Float, stream: RandomStream, rng: inout SeededGenerator) {
        let mid = expansion == 1 ? cin : makeDivisible(Double(cin * expansion))
        if expansion != 1 {
            let conv = Conv2d(cin, mid, kernel: 1, bias: false, rng: &rng)
            initConvGoogle(conv.weight, rng: &rng)
            expand = (conv, BatchNorm2d(mid, activation: .silu))
        } else {
            expand = nil
        }
        depthwise = Conv2d(mid, mid, kernel: k, stride: stride, padding: (k - 1) / 2, groups: mid, bias: false, rng: &rng)
        initConvGoogle(depthwise.weight, groups: mid, rng: &rng)
        depthwiseBN = BatchNorm2d(mid, activation: .silu)
        let rd = max(1, Int((Double(cin) * seRatio).rounded(.toNearestOrEven)))
        se = SqueezeExcite(channels: mid, reduced: rd, rng: &rng)
        project = Conv2d(mid, cout, kernel: 1, bias: false, rng: &rng)
        initConvGoogle(project.weight, rng: &rng)
        projectBN = BatchNorm2d(cout)
        hasSkip = stride == 1 && cin == cout
        dropPath = (hasSkip && p > 0) ? DropPath(p, stream: stream) : nil
    }

    public var children: [(String, any Module)] {
        if let expand {
            return [("conv_pw", expand.conv), ("bn1", expand.bn), ("conv_dw", depthwise), ("bn2", depthwiseBN),
                    ("se", se), ("conv_pwl", project), ("bn3", projectBN)] + (dropPath.map { [("drop_path", $0)] } ?? [])
        }
        return [("conv_dw", depthwise), ("bn1", depthwiseBN), ("se", se), ("conv_pw", project), ("bn2", projectBN)]
            + (dropPath.map { [("drop_path", $0)] } ?? [])
    }

    /// [B, Cin, H, W] → [B, Cout, H/s, W/s]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        if let expand { h = expand.bn(expand.conv(h)) }
        h = projectBN(project(se(depthwiseBN(depthwise(h)))))
        guard hasSkip else { return h }
        return x + (dropPath.map { $0(h) } ?? h)
    }
}
