/// What the model trains on (DESIGN §2, §3, §8).
public struct DataSpec: Codable, Hashable, Sendable {
    /// Focal recordings from `train_audio/` (always on; the study's first row is "train audio only").
    public var trainAudio: Bool
    /// Soundscape windows with pseudo-labels, or nil for none.
    public var pseudoLabels: PseudoLabelSpec?
    /// Soundscape windows confidently holding only out-of-list species, as all-zero targets, or nil.
    public var negatives: NegativesSpec?
    /// Seed of the train/validation/test split. Fixed across a suite's seeds, so every seed and
    /// every row is scored on the same held-out files and deltas can be paired.
    public var splitSeed: Int
    /// Fraction of each species' recordings held out as test (DESIGN §3: 0.30).
    public var testFraction: Double
    /// Fraction of the remainder held out as validation (DESIGN §3: 0.15).
    public var validationFraction: Double
    /// Window length in seconds (5).
    public var windowSeconds: Double

    public init(trainAudio: Bool = true, pseudoLabels: PseudoLabelSpec? = nil, negatives: NegativesSpec? = nil,
                splitSeed: Int = 0, testFraction: Double = 0.30, validationFraction: Double = 0.15,
                windowSeconds: Double = 5) {
        self.trainAudio = trainAudio; self.pseudoLabels = pseudoLabels; self.negatives = negatives
        self.splitSeed = splitSeed; self.testFraction = testFraction
        self.validationFraction = validationFraction; self.windowSeconds = windowSeconds
    }
}

/// Soundscape pseudo-labels (DESIGN §8).
public struct PseudoLabelSpec: Codable, Hashable, Sendable {
    /// Where the detections come from.
    public enum Source: String, Codable, Hashable, Sendable {
        /// BirdNET Analyzer CSV (`birdnet_detections.csv` in the data folder).
        case birdnet
        /// This harness's own teacher model (self-training): the parent row's trained model
        /// predicts the training soundscapes.
        case teacher
    }
    public var source: Source
    /// Soundscape detections below this confidence are dropped (0.35).
    public var minConfidence: Double
    /// A sample at t collects detections starting in [t − before, t + after] (1, 3).
    public var windowBefore: Double
    public var windowAfter: Double
    /// Percentile of a class's confidences used as its threshold θ (25).
    public var thresholdPercentile: Double
    /// How many soundscapes with detections (in name order) train; the rest are held out for
    /// evaluation. The study: the first 3,000. nil = min(3,000, 60 % of them), for small corpora.
    public var trainSoundscapes: Int?
    /// Self-training (`source: teacher`, DESIGN §17): how many teacher → student rounds (nil = 1).
    /// Round 1's teacher is this spec without pseudo-labels; round r's teachers are the round
    /// r − 1 students, one per fold of the training soundscapes (`teacherFolds`), each trained
    /// without that fold's pseudo-labels and labelling only that fold (out of fold).
    public var rounds: Int?
    /// Folds of the training soundscapes for out-of-fold teachers from round 2 on (nil = 2).
    public var teacherFolds: Int?
    /// Power applied to a student-teacher's probabilities (rounds ≥ 2) before they become
    /// detections (the 1st place used ≈ 1/0.6); nil = none.
    public var softLabelPower: Double?
    /// Set only on the out-of-fold teachers the harness derives: the fold whose pseudo-labels
    /// this spec does not train on.
    public var heldOutFold: Int?

    public init(source: Source = .birdnet, minConfidence: Double = 0.35, windowBefore: Double = 1,
                windowAfter: Double = 3, thresholdPercentile: Double = 25, trainSoundscapes: Int? = nil,
                rounds: Int? = nil, teacherFolds: Int? = nil, softLabelPower: Double? = nil, heldOutFold: Int? = nil) {
        self.source = source; self.minConfidence = minConfidence; self.windowBefore = windowBefore
        self.windowAfter = windowAfter; self.thresholdPercentile = thresholdPercentile
        self.trainSoundscapes = trainSoundscapes; self.rounds = rounds; self.teacherFolds = teacherFolds
        self.softLabelPower = softLabelPower; self.heldOutFold = heldOutFold
    }
}

/// Negatives: soundscape windows where the detector is sure of a species outside the class list.
public struct NegativesSpec: Codable, Hashable, Sendable {
    /// Minimum confidence of the out-of-list detection (0.95).
    public var minConfidence: Double
    public init(minConfidence: Double = 0.95) { self.minConfidence = minConfidence }
}
