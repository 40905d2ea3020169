import Foundation

/// The training and evaluation loop of one (spec, seed) run (DESIGN §7, §10):
/// AdamW with encoder and head groups, warm-up + cosine per epoch, gradient accumulation and
/// global-norm clipping, model selection on validation samples-F1 at 0.5, then scoring every
/// evaluation set at 0.5 and at per-class thresholds tuned on validation.
///
/// After every epoch it writes `last-epoch-N.safetensors` (model, optimizer, random streams) and,
/// when the epoch is the best so far, `best-epoch-N.safetensors` (weights), each carrying its epoch
/// in its metadata, then commits the epoch by renaming progress.json (naming those files) into
/// place. On resume anything progress.json does not name is discarded, so a kill at any instant
/// continues from the last committed epoch with identical results. The finished run's files are
/// published as `best.safetensors` and `last.safetensors` (`RunFolder.write`).
public struct Trainer {
    public var spec: AblationSpec
    public var seed: Int
    public var data: any ExperimentData
    public var model: any Classifier
    /// The stream the model's dropout / drop-path layers draw from (saved in checkpoints).
    public var random: RandomStream
    public var folder: RunFolder
    public var dataFingerprint: String

    public init(spec: AblationSpec, seed: Int, data: any ExperimentData, model: any Classifier, random: RandomStream,
                folder: RunFolder, dataFingerprint: String) {
        self.spec = spec; self.seed = seed; self.data = data; self.model = model; self.random = random
        self.folder = folder; self.dataFingerprint = dataFingerprint
    }

    /// What the loop produced: curves, the chosen epoch, and the final metrics.
    public struct Outcome {
        public var epochs: [EpochRecord]
        public var selectedEpoch: Int
        public var results: [EvaluationResult]
        public var thresholdsTunedOn: String?
        /// Seconds spent in earlier, interrupted attempts.
        public var resumedSeconds: Double
    }


    /// Trains (or resumes) and evaluates. `stopAfterEpoch` ends the run early after that epoch
    /// with its checkpoints written (for tests of resumption); nil runs to the end.
    public func run(stopAfterEpoch: Int? = nil) throws -> Outcome? {
        let opt = spec.optimizer
        let optimizer = AdamW([
            ParameterGroup(model.encoderParameters, lr: Float(opt.encoderLearningRate), weightDecay: Float(opt.weightDecay)),
            ParameterGroup(model.headParameters, lr: Float(opt.headLearningRate), weightDecay: Float(opt.weightDecay)),
        ], betas: (Float(opt.betas.first ?? 0.9), Float(opt.betas.dropFirst().first ?? 0.999)), eps: Float(opt.eps))
        let loss = TrainingLoss.function(spec.loss)
        let hash = spec.recipeHash
        var epochs: [EpochRecord] = []
        var best = (epoch: 0, score: -Double.infinity)
        var first = 1
        var resumedSeconds = 0.0
        if let point = folder.resumePoint(specHash: hash, dataFingerprint: dataFingerprint),
           point.files.contains(RunFolder.checkpointName("last", epoch: point.completedEpochs)) {
            folder.discardUncommitted(keeping: point.files)
            let generators = try Self.restore(model: model, optimizer: optimizer, epoch: point.completedEpochs, kind: "last", from: folder)
            if let g = generators["model"] { random.generator = g }
            epochs = point.epochs
            best = (point.bestEpoch, point.bestScore)
            first = point.completedEpochs + 1
            resumedSeconds = point.elapsedSeconds
            FileHandleLog.line("resuming from epoch \(point.completedEpochs) of \(spec.training.epochs) (\(folder.progressURL.path))")
        } else {
            folder.discardUncommitted(keeping: [])
        }
        let started = Date()
        for epoch in first ... max(first, spec.training.epochs) where epoch <= spec.training.epochs {
            let epochStart = Date()
            optimizer.setLearningRates { spec.schedule.learningRate(base: $0, epoch: epoch) }
            let trainLoss = try trainOneEpoch(epoch, optimizer: optimizer, loss: loss)
            let validation = try TimeBreakdown.job.measure(.evaluation) {
                try Evaluation.predict(model, data: data, set: .validation, batchSize: spec.training.batchSize, label: "validation")
            }
            let score = validation.map { scoreMultiLabel(targets: $0.targets, scores: $0.scores, thresholds: .scalar(0.5)).samplesF1 } ?? 0
            let validationLoss = validation.map { Double(loss(Tensor(shape: [$0.scores.rows, $0.scores.classes], values: $0.logits),
                                                              Tensor(shape: [$0.targets.rows, $0.targets.classes], values: $0.targets.values)).item()) }
            epochs.append(EpochRecord(epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss, validationSamplesF1: score,
                                      learningRates: ["encoder": Double(optimizer.groups[0].lr), "head": Double(optimizer.groups[1].lr)],
                                      seconds: Date().timeIntervalSince(epochStart)))
            var files = [RunFolder.checkpointName("last", epoch: epoch)]
            try TimeBreakdown.job.measure(.checkpoints) {
                if Self.improves(score: score, loss: validationLoss, over: best, epochs: epochs) || !spec.evaluation.selectOnValidation {
                    best = (epoch, score)
                    try Checkpoint.save(model: model, optimizer: nil, metadata: ["epoch": "\(epoch)", "specHash": hash],
                                        to: folder.checkpointURL(RunFolder.checkpointName("best", epoch: epoch)), verify: true)
                }
                if best.epoch > 0 { files.append(RunFolder.checkpointName("best", epoch: best.epoch)) }
                try Checkpoint.save(model: model, optimizer: optimizer, generators: ["model": random.generator],
                                    metadata: ["epoch": "\(epoch)", "specHash": hash], to: folder.checkpointURL(files[0]), verify: true)
                try folder.saveProgress(ResumePoint(specHash: hash, dataFingerprint: dataFingerprint, completedEpochs: epoch, epochs: epochs,
                                                    bestEpoch: best.epoch, bestScore: best.score, files: files,
                                                    elapsedSeconds: resumedSeconds + Date().timeIntervalSince(started)))
                folder.discardUncommitted(keeping: files)
            }
            FileHandleLog.line("epoch \(epoch)/\(spec.training.epochs): train loss \(String(format: "%.4f", trainLoss)), "
                + "validation samples F1 @0.5 \(String(format: "%.4f", score))")
            if let stop = stopAfterEpoch, epoch >= stop, epoch < spec.training.epochs { return nil }
        }
        _ = try Self.restore(model: model, optimizer: nil, epoch: best.epoch, kind: "best", from: folder)
        let (results, tunedOn) = try TimeBreakdown.job.measure(.evaluation) { try Evaluation.score(model, data: data, spec: spec) }
        return Outcome(epochs: epochs, selectedEpoch: best.epoch, results: results, thresholdsTunedOn: tunedOn, resumedSeconds: resumedSeconds)
    }

    /// Loads the committed `kind` checkpoint of `epoch` (checksum verified by `Safetensors.read`) and
    /// checks that it says it holds that epoch of this recipe; returns its random generators.
    static func restore(model: any Classifier, optimizer: AdamW?, epoch: Int, kind: String, from folder: RunFolder) throws
        -> [String: SeededGenerator]
    {
        let url = folder.checkpointURL(RunFolder.checkpointName(kind, epoch: epoch))
        let (generators, metadata) = try Checkpoint.load(model: model, optimizer: optimizer, from: url)
        guard metadata["epoch"] == "\(epoch)" else {
            throw InputError(file: url.path, column: "epoch", "the checkpoint holds epoch \(metadata["epoch"] ?? "none"), "
                + "but \(RunFolder.progressName) committed it as epoch \(epoch)")
        }
        return generators
    }

    /// Model selection (DESIGN §7): a higher validation samples-F1 at 0.5 wins; on a tie (often
    /// every epoch at 0 while a small model's scores stay below 0.5) the lower validation loss
    /// wins, so a tie never keeps the first, barely trained epoch.
    static func improves(score: Double, loss: Double?, over best: (epoch: Int, score: Double), epochs: [EpochRecord]) -> Bool {
        if score != best.score { return score > best.score }
        let bestLoss = epochs.first { $0.epoch == best.epoch }?.validationLoss ?? .infinity
        return (loss ?? .infinity) < bestLoss
    }

    /// One epoch of optimizer steps; returns the mean micro-batch loss.
    func trainOneEpoch(_ epoch: Int, optimizer: AdamW, loss: (Tensor, Tensor) -> Tensor) throws -> Double {
        model.train()
        let batchSize = spec.training.batchSize
        let count = data.trainingBatchCount(epoch: epoch, batchSize: batchSize)
        var accumulation = GradientAccumulation(steps: spec.training.accumulation)
        let parameters = model.parameters()
        let progress = Progress("epoch \(epoch)/\(spec.training.epochs) train", total: count, plain: true)
        var total = 0.0
        optimizer.zeroGrad()
        for i in 0 ..< count {
            let clock = TimeBreakdown.job
            let batch = try clock.measure(.batches) { try data.trainingBatch(epoch: epoch, index: i, batchSize: batchSize) }
            let x = Tensor(shape: [batch.count, 1, data.frames, data.bins], values: batch.inputs)  // [B, 1, T, F]
            let y = Tensor(shape: [batch.count, data.classes.count], values: batch.targets)        // [B, C]
            let value = clock.measure(.forwardBackward) { loss(model(x), y) }
            try NonFiniteTraining.checkLoss(value.item(), epoch: epoch, step: i + 1)
            clock.measure(.forwardBackward) { (value * accumulation.lossScale).backward() }
            total += Double(value.item())
            if accumulation.microStep() || i == count - 1 {
                try NonFiniteTraining.checkGradients(optimizer.groups, groupNames: ["encoder", "head"], epoch: epoch, step: i + 1)
                clock.measure(.optimizer) {
                    if let clip = spec.optimizer.gradientClip { clipGradNorm(parameters, maxNorm: Float(clip)) }
                    optimizer.step()
                    optimizer.zeroGrad()
                }
            }
            progress.advance(note: String(format: "loss %.4f", total / Double(i + 1)))
        }
        progress.finish()
        return count == 0 ? .nan : total / Double(count)
    }
}
