/// MAE's per-sample random masking: sort uniform noise, keep the tokens with the smallest noise.
public struct RandomMasking {
    /// Kept token indices per sample, B·K row-major, in noise order (as MAE's `ids_keep`).
    public var kept: [Int]
    /// Masked token indices per sample, B·(N − K) row-major.
    public var masked: [Int]
    /// Tokens kept per sample.
    public var keep: Int
    public var tokens: Int

    /// Draws a mask for `batch` samples of `tokens` tokens; keeps ⌊N·(1 − ratio)⌋ (MAE `len_keep`).
    public init(batch: Int, tokens n: Int, ratio: Double, rng: inout SeededGenerator) {
        tokens = n
        keep = max(1, Int(Double(n) * (1 - ratio)))
        kept = []; masked = []
        kept.reserveCapacity(batch * keep); masked.reserveCapacity(batch * (n - keep))
        for _ in 0 ..< batch {
            let noise = (0 ..< n).map { _ in rng.uniform() }
            let order = (0 ..< n).sorted { noise[$0] < noise[$1] }    // ids_shuffle
            kept += order[..<keep]
            masked += order[keep...]
        }
    }

    /// 1 where a token is masked, 0 where kept: [B, N, 1].
    public func maskIndicator(batch: Int) -> Tensor {
        let t = Tensor(zeros: [batch, tokens, 1])
        let m = tokens - keep
        for b in 0 ..< batch { for j in 0 ..< m { t.data[b * tokens + masked[b * m + j]] = 1 } }
        return t
    }
}
