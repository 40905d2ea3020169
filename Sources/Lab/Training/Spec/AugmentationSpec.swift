/// Augmentation (DESIGN §4 jitter, §9).
public struct AugmentationSpec: Codable, Hashable, Sendable {
    /// Start-time jitter of training windows (±0.2 s, or +0…0.4 s near the start).
    public var jitter: Bool
    /// The seven waveform augmentations of DESIGN §9 with the study's probabilities, applied to
    /// samples whose class-balance aug flag is set.
    public var waveform: Bool
    /// Mixup with a label-disjoint partner, or nil for none.
    public var mixup: MixupSpec?
    /// SpecAugment stripes on mixed samples, or nil for none.
    public var specAugment: SpecAugmentSpec?
    /// Unlabelled training-soundscape windows mixed under training samples, or nil for none.
    public var background: BackgroundSpec?

    public init(jitter: Bool = true, waveform: Bool = true, mixup: MixupSpec? = nil, specAugment: SpecAugmentSpec? = nil,
                background: BackgroundSpec? = nil) {
        self.jitter = jitter; self.waveform = waveform; self.mixup = mixup; self.specAugment = specAugment
        self.background = background
    }
}

/// Background mixing (`BackgroundMix`): probability and the signal-to-background range in dB.
public struct BackgroundSpec: Codable, Hashable, Sendable {
    public var probability: Double
    public var minSNR: Double
    public var maxSNR: Double
    public init(probability: Double = 0.8, minSNR: Double = -5, maxSNR: Double = 15) {
        self.probability = probability; self.minSNR = minSNR; self.maxSNR = maxSNR
    }
}

/// Mixup (DESIGN §9): p 0.5, λ ~ Beta(α, α) with α 0.4, up to 20 partner tries.
public struct MixupSpec: Codable, Hashable, Sendable {
    public var probability: Double
    public var alpha: Double
    public var partnerTries: Int
    public init(probability: Double = 0.5, alpha: Double = 0.4, partnerTries: Int = 20) {
        self.probability = probability; self.alpha = alpha; self.partnerTries = partnerTries
    }
}

/// SpecAugment (DESIGN §9): p 0.3, 20 time and 20 frequency stripes of width 0…1, set to 0.
public struct SpecAugmentSpec: Codable, Hashable, Sendable {
    public var probability: Double
    public var timeStripes: Int
    public var frequencyStripes: Int
    public var maxWidth: Int
    public init(probability: Double = 0.3, timeStripes: Int = 20, frequencyStripes: Int = 20, maxWidth: Int = 1) {
        self.probability = probability; self.timeStripes = timeStripes
        self.frequencyStripes = frequencyStripes; self.maxWidth = maxWidth
    }
}
