/// Which on-the-fly augmentations a `BatchSource` applies to training samples (DESIGN §4, §9).
public struct BatchAugmentation: Sendable, Hashable {
    /// Jitter the window start (then the sample is decoded on the fly, not read from the cache).
    public var jitter: Bool
    /// Waveform augmentations for samples whose aug flag is set.
    public var waveform: WaveformAugment
    public var mixup: Mixup?
    /// Applied to mixed samples only.
    public var specAugment: SpecAugment?
    /// Background windows mixed under samples, with the windows to draw them from.
    public var background: BackgroundMix?

    public init(jitter: Bool = true, waveform: WaveformAugment = .study, mixup: Mixup? = nil, specAugment: SpecAugment? = nil,
                background: BackgroundMix? = nil) {
        self.jitter = jitter; self.waveform = waveform; self.mixup = mixup; self.specAugment = specAugment
        self.background = background
    }

    /// Nothing: evaluation.
    public static let none = BatchAugmentation(jitter: false, waveform: .none)
}
