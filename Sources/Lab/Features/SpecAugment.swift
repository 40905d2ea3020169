/// SpecAugment as the study applies it to mixed samples (DESIGN §9): with probability
/// `probability`, `timeStripes` stripes along time and `frequencyStripes` along frequency are set
/// to 0. "Width 0–1" is read as a whole number of rows drawn uniformly from {0, 1} — each
/// stripe zeroes at most one frame (or one mel bin) at a uniform position, as torchaudio's
/// masking with mask_param 1 does; so at most 20 frames and 20 bins are zeroed.
public struct SpecAugment: Sendable, Codable, Hashable {
    public var probability = 0.3
    public var timeStripes = 20
    public var frequencyStripes = 20
    public var maxWidth = 1

    public init(probability: Double = 0.3, timeStripes: Int = 20, frequencyStripes: Int = 20, maxWidth: Int = 1) {
        self.probability = probability; self.timeStripes = timeStripes
        self.frequencyStripes = frequencyStripes; self.maxWidth = maxWidth
    }

    /// Applies the stripes to row-major [frames, bins] `values` with probability `probability`;
    /// returns whether it did.
    @discardableResult
    public func apply(_ values: inout [Float], frames: Int, bins: Int, using generator: inout SeededGenerator) -> Bool {
        guard generator.bernoulli(probability) else { return false }
        mask(&values, frames: frames, bins: bins, using: &generator)
        return true
    }

    /// Applies the stripes unconditionally.
    public func mask(_ values: inout [Float], frames: Int, bins: Int, using generator: inout SeededGenerator) {
        for _ in 0 ..< timeStripes {
            let width = generator.index(maxWidth + 1)
            let start = generator.index(max(frames - width + 1, 1))
            for f in start ..< min(start + width, frames) { for b in 0 ..< bins { values[f * bins + b] = 0 } }
        }
        for _ in 0 ..< frequencyStripes {
            let width = generator.index(maxWidth + 1)
            let start = generator.index(max(bins - width + 1, 1))
            for b in start ..< min(start + width, bins) { for f in 0 ..< frames { values[f * bins + b] = 0 } }
        }
    }
}
