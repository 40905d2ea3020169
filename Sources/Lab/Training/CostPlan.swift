import Foundation

/// What a suite will cost before it runs (`ablations plan`): per row the windows it reads, its
/// feature cache on disk, its MAE pretraining (shared by the rows with the same encoder and MAE
/// settings), training steps per job, and — from a few real steps of the row's model on random
/// input of the spec's shape, one thread — seconds per step, core-hours and peak memory.
///
/// What is projected is training (forward, loss, backward, optimizer) and MAE pretraining; batch
/// assembly, evaluation and the one-off feature cache are not in the core-hours.
public enum CostPlan {
    /// The corpus' 5 s windows (BirdCLEF layout), from the audio headers.
    public struct CorpusSize: Sendable {
        public var audioWindows = 0, soundscapeWindows = 0
        public var audioSeconds = 0.0, soundscapeSeconds = 0.0
        public var classes = 0

        public init(_ corpus: Corpus) throws {
            classes = corpus.classes.count
            for r in corpus.recordings {
                let d = try AudioFile.info(r.url).duration
                audioSeconds += d; audioWindows += FeatureCache.windowCount(duration: d, window: 5)
            }
            for url in corpus.soundscapes {
                let d = try AudioFile.info(url).duration
                soundscapeSeconds += d; soundscapeWindows += FeatureCache.windowCount(duration: d, window: 5)
            }
        }
    }

    /// Timed steps of one row's model (and its MAE, if any), at one thread.
    public struct Measurement: Codable, Sendable {
        /// Median wall and CPU seconds of one training step at the spec's batch size.
        public var stepSeconds: Double
        public var stepCPUSeconds: Double
        /// Median seconds of one MAE pretraining step at the MAE batch size (nil without MAE).
        public var maeStepSeconds: Double?
        /// High-water resident set of the measuring process, MiB.
        public var peakMiB: Double
        public var parameters: Int
    }

    /// The shared MAE pretraining of a row: a key for rows that share it, and its steps per seed.
    public static func mae(_ spec: AblationSpec) -> (key: String, steps: Int, batch: Int)? {
        guard case .vit(let v) = spec.model, case .mae(let m) = v.pretraining else { return nil }
        let steps = m.epochs * ((m.samplesPerEpoch + m.batchSize - 1) / m.batchSize)
        return ("\(v.width)x\(v.depth)/\(spec.frontEnd.fingerprint)/\(StableHash.hex(of: m))", steps, m.batchSize)
    }

    /// Rows with equal keys train the same network at the same batch size and input (pretraining aside).
    public static func modelKey(_ spec: AblationSpec) -> String {
        var model = spec.model
        if case .vit(var v) = model { v.pretraining = .none; model = .vit(v) }
        return "\(model)|\(spec.training.batchSize)|\(spec.frontEnd.fingerprint)|\(mae(spec)?.key ?? "-")"
    }

    /// Training micro-steps of one job (epochs × ⌈samples per epoch / batch⌉).
    public static func trainingSteps(_ spec: AblationSpec) -> Int {
        spec.training.epochs * ((spec.training.samplesPerEpoch + spec.training.batchSize - 1) / max(spec.training.batchSize, 1))
    }

    /// Windows a row reads: train_audio when it trains on it, soundscapes when it uses pseudo-labels,
    /// negatives or background mixing (the held-out soundscapes are read by every row).
    public static func windows(_ spec: AblationSpec, _ size: CorpusSize) -> Int {
        (spec.data.trainAudio ? size.audioWindows : 0) + size.soundscapeWindows
    }

    /// Bytes of the feature cache of a front end over the whole corpus (float16 [frames, bins] per window).
    public static func cacheBytes(_ spec: AblationSpec, _ size: CorpusSize) -> Int {
        (size.audioWindows + size.soundscapeWindows) * (spec.frontEnd.frames ?? 0) * spec.frontEnd.nMels * 2
    }

    /// Times `steps` training steps (after one warm-up) of `spec`'s model on random input, and as many
    /// MAE steps when the row pretrains; call with the engine at one thread.
    public static func measure(_ spec: AblationSpec, classes: Int, steps: Int) -> Measurement {
        let frames = spec.frontEnd.frames ?? 0, bins = spec.frontEnd.nMels
        let config = ModelBuilder.config(spec.model, frames: frames, bins: bins, classes: classes)
        let session = TrainStepBenchmark.Session(config: config, batch: spec.training.batchSize)
        _ = session.step()
        let timed = (0 ..< max(steps, 1)).map { _ in session.step() }
        var maeSeconds: Double?
        if case .vit(let v) = spec.model, case .mae(let m) = v.pretraining {
            maeSeconds = maeStep(ModelBuilder.vitConfig(v, frames: frames, bins: bins, classes: classes), m, steps: steps)
        }
        return Measurement(stepSeconds: TrainStepBenchmark.median(timed.map(\.seconds)),
                           stepCPUSeconds: TrainStepBenchmark.median(timed.map(\.cpuSeconds)),
                           maeStepSeconds: maeSeconds, peakMiB: TrainStepBenchmark.peakResidentMiB(),
                           parameters: session.parameterCount)
    }

    /// Median seconds of an MAE step (masked loss, backward, clip, AdamW) on random [B, 1, T, F] input.
    static func maeStep(_ vit: ViTConfig, _ m: MAESpec, steps: Int) -> Double {
        var rng = SeededGenerator(seed: 0)
        let stream = RandomStream(rng.split("masking"))
        let encoder = ViTEncoder(vit, rng: &rng, stream: stream)
        let model = MAEPretrainer(encoder: encoder, config: MAEConfig(maskRatio: m.maskRatio, decoderWidth: m.decoderWidth,
                                                                      decoderDepth: m.decoderDepth, decoderHeads: m.decoderHeads),
                                  rng: &rng, stream: stream)
        let optimizer = AdamW([ParameterGroup(model.namedParameters(), lr: Float(m.learningRate), weightDecay: Float(m.weightDecay))])
        var data = rng.split("data")
        let x = Tensor(shape: [m.batchSize, 1, vit.frames, vit.bins],
                       values: (0 ..< m.batchSize * vit.frames * vit.bins).map { _ in Float(data.normal()) })  // [B, 1, T, F]
        model.train()
        func step() -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let loss = model.loss(x)
            loss.backward()
            clipGradNorm(model.parameters(), maxNorm: Float(m.gradientClip))
            optimizer.step()
            optimizer.zeroGrad()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        _ = step()
        return TrainStepBenchmark.median((0 ..< max(steps, 1)).map { _ in step() })
    }
}
