/// Mixup with a disjoint-label partner (DESIGN §9): with probability `probability` a sample is
/// mixed with a partner sharing none of its labels (up to `tries` random draws; no mix if none is
/// found); λ ~ Beta(α, α); features λ·a + (1 − λ)·b, targets min(1, λ·ya + (1 − λ)·yb).
public struct Mixup: Sendable, Codable, Hashable {
    public var probability = 0.5
    public var alpha = 0.4
    public var tries = 20

    public init(probability: Double = 0.5, alpha: Double = 0.4, tries: Int = 20) {
        self.probability = probability; self.alpha = alpha; self.tries = tries
    }

    /// A partner for the sample with targets `own`, drawn from `pool` (indices into `targets`),
    /// or nil. Labels are the classes with target ≥ 0.5; an all-zero sample (a negative) is
    /// disjoint from everything.
    public func partner(for own: [Float], pool: [Int], targets: (Int) -> [Float],
                        using generator: inout SeededGenerator) -> Int? {
        guard !pool.isEmpty else { return nil }
        for _ in 0 ..< tries {
            let candidate = pool[generator.index(pool.count)]
            let other = targets(candidate)
            if !zip(own, other).contains(where: { $0 >= 0.5 && $1 >= 0.5 }) { return candidate }
        }
        return nil
    }

    /// λ ~ Beta(α, α).
    public func lambda(using generator: inout SeededGenerator) -> Float { Float(generator.beta(alpha, alpha)) }

    /// λ·a + (1 − λ)·b elementwise.
    public static func mix(_ a: [Float], _ b: [Float], lambda: Float) -> [Float] {
        zip(a, b).map { lambda * $0 + (1 - lambda) * $1 }
    }

    /// min(1, λ·ya + (1 − λ)·yb).
    public static func mixTargets(_ a: [Float], _ b: [Float], lambda: Float) -> [Float] {
        zip(a, b).map { min(1, lambda * $0 + (1 - lambda) * $1) }
    }
}
