/// AdamW with two parameter groups (DESIGN §7).
public struct OptimizerSpec: Codable, Hashable, Sendable {
    public var encoderLearningRate: Double
    public var headLearningRate: Double
    public var weightDecay: Double
    public var betas: [Double]
    public var eps: Double
    /// Global gradient-norm clip; nil for none.
    public var gradientClip: Double?

    public init(encoderLearningRate: Double = 1e-5, headLearningRate: Double = 5e-4, weightDecay: Double = 0.01,
                betas: [Double] = [0.9, 0.999], eps: Double = 1e-8, gradientClip: Double? = 1.0) {
        self.encoderLearningRate = encoderLearningRate; self.headLearningRate = headLearningRate
        self.weightDecay = weightDecay; self.betas = betas; self.eps = eps; self.gradientClip = gradientClip
    }
}

/// Learning-rate schedule: linear warm-up then cosine annealing (DESIGN §7: T_max 10,
/// eta_min 1e-6, stepped per epoch, no warm-up).
public struct ScheduleSpec: Codable, Hashable, Sendable {
    public enum Step: String, Codable, Hashable, Sendable { case epoch, optimizerStep }
    public var cosineTMax: Int
    public var etaMin: Double
    public var warmupEpochs: Int
    public var step: Step

    public init(cosineTMax: Int = 10, etaMin: Double = 1e-6, warmupEpochs: Int = 0, step: Step = .epoch) {
        self.cosineTMax = cosineTMax; self.etaMin = etaMin; self.warmupEpochs = warmupEpochs; self.step = step
    }
}

/// How much training (DESIGN §7).
public struct TrainingSpec: Codable, Hashable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Gradient accumulation steps (effective batch = batchSize × accumulation).
    public var accumulation: Int
    /// Samples drawn per epoch from the class-balanced list (study: 10,000).
    public var samplesPerEpoch: Int
    /// Length of the class-balanced list (study: 70,000).
    public var balancedListSize: Int

    public init(epochs: Int, batchSize: Int, accumulation: Int, samplesPerEpoch: Int, balancedListSize: Int) {
        self.epochs = epochs; self.batchSize = batchSize; self.accumulation = accumulation
        self.samplesPerEpoch = samplesPerEpoch; self.balancedListSize = balancedListSize
    }
}
