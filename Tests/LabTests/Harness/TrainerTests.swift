import Foundation
import Testing
@testable import Lab

/// A tiny classifier defined only for these tests: mean over frames → Linear → GELU → Dropout →
/// Linear. It exercises the loop (groups, schedule, accumulation, clipping, checkpoints,
/// resumption, evaluation); the study's models come from the Models layer.
final class TinyClassifier: Classifier {
    let encoder: Linear, head: Linear, drop: Dropout
    let random: RandomStream
    let classes: Int
    var inputSize: (frames: Int, bins: Int) { (0, encoder.weight.shape[1]) }
    init(bins: Int, classes: Int, seed: UInt64) {
        self.classes = classes
        var g = SeededGenerator(seed: seed).split("init")
        encoder = Linear(bins, 16, rng: &g)
        head = Linear(16, classes, rng: &g)
        random = RandomStream(SeededGenerator(seed: seed).split("dropout"))
        drop = Dropout(0.1, stream: random)
    }
    var children: [(String, any Module)] { [("encoder", encoder), ("drop", drop), ("head", head)] }
    var encoderParameters: [(String, Tensor)] { encoder.namedParameters(prefix: "encoder.") }
    var headParameters: [(String, Tensor)] { head.namedParameters(prefix: "head.") }
    func callAsFunction(_ x: Tensor) -> Tensor {
        let b = x.shape[0], f = x.shape[3]
        let pooled = mean(x, axis: 2).reshaped([b, f])  // [B, F]
        return head(drop(gelu(encoder(pooled))))         // [B, C]
    }
}

/// Windows whose bin c carries class c's signal, plus noise; a pure function of its seed.
final class SyntheticWindows: ExperimentData {
    let classes = ["a", "b", "c"]
    let frames = 6, bins = 5
    var counts: [String: Int] { ["trainWindows": 96, "validationWindows": 40, "testWindows": 40, "soundscapeWindows": 40] }
    let skippedFiles: [String] = []
    let seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    func window(_ stream: String, _ index: Int, noise: Double) -> (x: [Float], y: [Float]) {
        var g = SeededGenerator(seed: seed).split(stream).split(UInt64(index))
        var y = [Float](repeating: 0, count: classes.count)
        for c in classes.indices where g.bernoulli(0.4) { y[c] = 1 }
        var x = [Float](repeating: 0, count: frames * bins)
        for t in 0 ..< frames {
            for f in 0 ..< bins {
                x[t * bins + f] = Float(g.normal() * noise) + (f < classes.count ? y[f] : 0)
            }
        }
        return (x, y)
    }

    func trainingBatchCount(epoch: Int, batchSize: Int) -> Int { (96 + batchSize - 1) / batchSize }

    func trainingBatch(epoch: Int, index: Int, batchSize: Int) throws -> Batch {
        var order = Array(0 ..< 96)
        var g = SeededGenerator(seed: seed).split("epoch").split(UInt64(epoch))
        order.shuffle(using: &g)
        let items = order[index * batchSize ..< min(order.count, (index + 1) * batchSize)].map { window("train", $0, noise: 0.8) }
        return batch(items)
    }

    func batch(_ items: [(x: [Float], y: [Float])]) -> Batch {
        Batch(inputs: items.flatMap(\.x), targets: items.flatMap(\.y), count: items.count, frames: frames, bins: bins, classes: classes.count)
    }

    var trainingWindowCount: Int { 96 }

    func trainingWindowBatch(range: Range<Int>) throws -> Batch { batch(range.map { window("train", $0, noise: 0.8) }) }

    func pretrainingBatch(epoch: Int, index: Int, batchSize: Int, samplesPerEpoch: Int) throws -> Batch {
        batch((0 ..< batchSize).map { window("mae-\(epoch)", index * batchSize + $0, noise: 0.8) })
    }

    func evaluationCount(_ set: EvaluationSet) -> Int { 40 }

    func evaluationBatch(_ set: EvaluationSet, range: Range<Int>) throws -> Batch {
        batch(range.map { window(set.rawValue, $0, noise: set == .soundscapes ? 1.6 : 0.8) })
    }
}

@Suite("Harness: trainer")
struct TrainerTests {
    static func spec(epochs: Int = 5, accumulation: Int = 2) -> AblationSpec {
        var spec = Suite.ci.specs[2]
        spec.training = TrainingSpec(epochs: epochs, batchSize: 16, accumulation: accumulation, samplesPerEpoch: 96, balancedListSize: 96)
        spec.optimizer = OptimizerSpec(encoderLearningRate: 3e-2, headLearningRate: 3e-2, weightDecay: 0.01, gradientClip: 1)
        spec.schedule = ScheduleSpec(cosineTMax: epochs, etaMin: 1e-3, warmupEpochs: 1)
        spec.loss = .bce
        return spec
    }

    func train(_ spec: AblationSpec, folder: RunFolder, stopAfter: Int? = nil) throws -> Trainer.Outcome? {
        let data = SyntheticWindows(seed: 3)
        let model = TinyClassifier(bins: data.bins, classes: data.classes.count, seed: 11)
        return try Trainer(spec: spec, seed: 0, data: data, model: model, random: model.random, folder: folder, dataFingerprint: "synthetic")
            .run(stopAfterEpoch: stopAfter)
    }

    @Test func learnsAndScoresEverySetAtBothThresholdChoices() throws {
        let root = try HarnessFixtures.temporaryFolder("trainer")
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try #require(try train(Self.spec(epochs: 10, accumulation: 1), folder: RunsLayout(root: root).run(suite: "t", spec: "s", seed: 0)))
        #expect(outcome.epochs.count == 10)
        #expect(outcome.epochs.last!.trainLoss < outcome.epochs.first!.trainLoss)
        // ~22 % of windows have no label and score 0 under zero_division = 0, so samples F1 tops out near 0.78.
        #expect(outcome.epochs.map(\.validationSamplesF1).max()! > 0.7, "the synthetic task is easy")
        #expect(outcome.epochs.first!.validationSamplesF1 < outcome.epochs.map(\.validationSamplesF1).max()!)
        #expect(abs(outcome.epochs[1].learningRates["head"]! - 0.03) < 1e-6, "epoch 2 = first cosine epoch at the base rate")
        #expect(outcome.thresholdsTunedOn == "validation")
        #expect(outcome.results.count == 6)
        let selected = outcome.epochs[outcome.selectedEpoch - 1].validationSamplesF1
        #expect(selected == outcome.epochs.map(\.validationSamplesF1).max()!)
        // The record's validation F1 @0.5 is the selected epoch's score (same weights, same windows).
        let validation = try #require(outcome.results.first { $0.set == .validation && $0.thresholds == .fixed(0.5) })
        #expect(abs(validation.metrics.samplesF1 - selected) < 1e-12)
        let test = try #require(outcome.results.first { $0.set == .test && $0.thresholds == .tunedOnValidation })
        #expect(test.metrics.rows == 40 && test.metrics.macroAUC! > 0.9)
    }

    @Test func interruptedRunResumesToTheSameResult() throws {
        let root = try HarnessFixtures.temporaryFolder("resume-train")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = RunsLayout(root: root)
        let whole = try #require(try train(Self.spec(), folder: layout.run(suite: "t", spec: "whole", seed: 0)))
        let folder = layout.run(suite: "t", spec: "cut", seed: 0)
        #expect(try train(Self.spec(), folder: folder, stopAfter: 2) == nil)
        #expect(folder.resumePoint(specHash: Self.spec().recipeHash, dataFingerprint: "synthetic")?.completedEpochs == 2)
        let resumed = try #require(try train(Self.spec(), folder: folder))
        #expect(resumed.epochs.map(\.trainLoss) == whole.epochs.map(\.trainLoss))
        #expect(resumed.epochs.map(\.validationSamplesF1) == whole.epochs.map(\.validationSamplesF1))
        #expect(resumed.selectedEpoch == whole.selectedEpoch)
        #expect(resumed.results == whole.results)
    }

    @Test func scheduleWarmsUpThenFollowsCosine() {
        let s = ScheduleSpec(cosineTMax: 4, etaMin: 0, warmupEpochs: 2)
        #expect(s.learningRate(base: 1, epoch: 1) == 0.5)
        #expect(s.learningRate(base: 1, epoch: 2) == 1)
        #expect(s.learningRate(base: 1, epoch: 3) == 1)  // cosine step 0
        #expect(abs(s.learningRate(base: 1, epoch: 5) - 0.5) < 1e-6)  // cosine step 2 of T_max 4
        #expect(ScheduleSpec().learningRate(base: 5e-4, epoch: 1) == 5e-4)
    }
}
