import Foundation

/// The one random number generator of the project: xoshiro256** seeded through SplitMix64.
///
/// Every random draw (initialisation, splits, augmentation, mixup, dropout, fixture synthesis,
/// bootstrap) comes from a `SeededGenerator` derived from a spec's seed, so a seed fixes a run.
/// `split(_:)` derives an independent child stream from a label without advancing the parent,
/// so adding draws in one component never shifts the numbers another component sees.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0, s1, s2, s3: UInt64
    /// The seed this stream was created from (children record their derived seed).
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var sm = seed
        s0 = Self.splitMix(&sm); s1 = Self.splitMix(&sm); s2 = Self.splitMix(&sm); s3 = Self.splitMix(&sm)
    }

    /// An independent stream named by `label` (e.g. "init", "mixup", a file name). Pure: the same
    /// parent seed and label always give the same child, whatever the parent has drawn.
    public func split(_ label: String) -> SeededGenerator {
        split(StableHash.fnv1a(label.utf8))
    }

    /// An independent stream named by an integer (an epoch, a sample index, a worker).
    public func split(_ index: UInt64) -> SeededGenerator {
        var sm = seed ^ 0x9e37_79b9_7f4a_7c15
        let a = Self.splitMix(&sm)
        var mix = a ^ (index &* 0xbf58_476d_1ce4_e5b9)
        return SeededGenerator(seed: Self.splitMix(&mix))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * uniform()
    }

    /// Uniform in [lo, hi) as Float.
    public mutating func uniformFloat(_ lo: Float = 0, _ hi: Float = 1) -> Float {
        lo + (hi - lo) * Float(uniform())
    }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal draw (Box–Muller).
    public mutating func normal() -> Double {
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// Gamma(shape, 1) by Marsaglia–Tsang (boosted for shape < 1).
    public mutating func gamma(_ shape: Double) -> Double {
        if shape < 1 {
            let u = max(uniform(), .leastNonzeroMagnitude)
            return gamma(shape + 1) * Foundation.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(max(u, .leastNonzeroMagnitude)) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// Beta(a, b) via two gamma draws.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(a), y = gamma(b)
        return x / (x + y)
    }

    /// Uniform integer in 0..<n.
    public mutating func index(_ n: Int) -> Int { Int.random(in: 0 ..< n, using: &self) }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

@inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
