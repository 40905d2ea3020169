import Foundation

/// Parameter initialisers (PyTorch's `torch.nn.init` semantics). Every draw comes from the
/// caller's `SeededGenerator`, so a seed fixes a model's initial weights.
public enum Init {
    /// fan_in, fan_out as PyTorch computes them: [out, in, k…] → (in·k…, out·k…).
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        if shape.count < 2 { return (shape.first ?? 1, shape.first ?? 1) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// U(lo, hi) in place.
    public static func uniform(_ t: Tensor, _ lo: Float, _ hi: Float, rng: inout SeededGenerator) {
        for i in 0 ..< t.count { t.data[i] = rng.uniformFloat(lo, hi) }
    }

    /// N(mean, std²) in place.
    public static func normal(_ t: Tensor, mean: Float = 0, std: Float, rng: inout SeededGenerator) {
        for i in 0 ..< t.count { t.data[i] = Float(rng.normal(mean: Double(mean), std: Double(std))) }
    }

    /// Constant fill in place.
    public static func constant(_ t: Tensor, _ value: Float) { t.data.update(repeating: value, count: t.count) }

    /// Xavier/Glorot uniform: U(±gain·√(6 / (fan_in + fan_out))).
    public static func xavierUniform(_ t: Tensor, gain: Float = 1, rng: inout SeededGenerator) {
        let (fi, fo) = fans(t.shape)
        let a = gain * (6 / Float(fi + fo)).squareRoot()
        uniform(t, -a, a, rng: &rng)
    }

    /// Normal(mean, std) truncated to the absolute interval [a, b] by rejection
    /// (`torch.nn.init.trunc_normal_`; timm's default bounds are a = −2, b = 2).
    public static func truncatedNormal(_ t: Tensor, mean: Float = 0, std: Float, a: Float = -2, b: Float = 2, rng: inout SeededGenerator) {
        for i in 0 ..< t.count {
            var v: Float
            repeat { v = Float(rng.normal(mean: Double(mean), std: Double(std))) } while v < a || v > b
            t.data[i] = v
        }
    }

    /// Kaiming/He normal: N(0, gain² / fan), gain √2 (ReLU-family); `fanOut` as EfficientNet uses.
    public static func kaimingNormal(_ t: Tensor, fanOut: Bool = false, gain: Float = 1.414_213_6, rng: inout SeededGenerator) {
        let (fi, fo) = fans(t.shape)
        normal(t, std: gain / Float(fanOut ? fo : fi).squareRoot(), rng: &rng)
    }

    /// Kaiming/He uniform: U(±gain·√(3 / fan_in)); with `a = √5` this is PyTorch's default for
    /// Linear and Conv weights (bound 1/√fan_in).
    public static func kaimingUniform(_ t: Tensor, a: Float = 2.236_068, rng: inout SeededGenerator) {
        let (fi, _) = fans(t.shape)
        let gain = (2 / (1 + a * a)).squareRoot()
        let bound = gain * (3 / Float(fi)).squareRoot()
        uniform(t, -bound, bound, rng: &rng)
    }
}
