import Foundation
import Testing
@testable import Lab

/// Non-finite guards (issue 17): training stops at the first non-finite loss or gradient, naming
/// epoch, step and parameter group; prediction refuses NaN weights and non-finite outputs.
@Suite("Harness: non-finite guards")
struct NonFiniteTests {
    /// SyntheticWindows with a NaN in one training batch.
    final class PoisonedWindows: ExperimentData {
        let base = SyntheticWindows(seed: 3)
        let epoch: Int, index: Int
        init(epoch: Int, index: Int) { self.epoch = epoch; self.index = index }
        var classes: [String] { base.classes }
        var frames: Int { base.frames }
        var bins: Int { base.bins }
        var counts: [String: Int] { base.counts }
        var skippedFiles: [String] { base.skippedFiles }
        var trainingWindowCount: Int { base.trainingWindowCount }
        func trainingWindowBatch(range: Range<Int>) throws -> Batch { try base.trainingWindowBatch(range: range) }
        func trainingBatchCount(epoch: Int, batchSize: Int) -> Int { base.trainingBatchCount(epoch: epoch, batchSize: batchSize) }
        func trainingBatch(epoch: Int, index: Int, batchSize: Int) throws -> Batch {
            var b = try base.trainingBatch(epoch: epoch, index: index, batchSize: batchSize)
            if epoch == self.epoch && index == self.index { b.inputs[7] = .nan }
            return b
        }
        func pretrainingBatch(epoch: Int, index: Int, batchSize: Int, samplesPerEpoch: Int) throws -> Batch {
            try base.pretrainingBatch(epoch: epoch, index: index, batchSize: batchSize, samplesPerEpoch: samplesPerEpoch)
        }
        func evaluationCount(_ set: EvaluationSet) -> Int { base.evaluationCount(set) }
        func evaluationBatch(_ set: EvaluationSet, range: Range<Int>) throws -> Batch { try base.evaluationBatch(set, range: range) }
    }

    @Test func trainingStopsAtTheFirstNonFiniteLossNamingEpochAndStep() throws {
        let root = try HarnessFixtures.temporaryFolder("nonfinite")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = PoisonedWindows(epoch: 2, index: 3)
        let model = TinyClassifier(bins: data.bins, classes: data.classes.count, seed: 11)
        let trainer = Trainer(spec: TrainerTests.spec(), seed: 0, data: data, model: model, random: model.random,
                              folder: RunsLayout(root: root).run(suite: "t", spec: "s", seed: 0), dataFingerprint: "synthetic")
        let error = try #require(throws: NonFiniteTraining.self) { try trainer.run() }
        #expect(error.epoch == 2 && error.step == 4 && error.quantity.hasPrefix("loss"))
    }

    @Test func aNonFiniteGradientNamesItsParameterGroup() throws {
        var rng = SeededGenerator(seed: 2)
        let encoder = Linear(3, 2, rng: &rng), head = Linear(2, 1, rng: &rng)
        let groups = [ParameterGroup(encoder.namedParameters(prefix: "encoder."), lr: 1, weightDecay: 0),
                      ParameterGroup(head.namedParameters(prefix: "head."), lr: 1, weightDecay: 0)]
        for p in encoder.parameters() + head.parameters() { p.grad = Tensor(shape: p.shape, values: [Float](repeating: 0.5, count: p.count)) }
        try NonFiniteTraining.checkGradients(groups, groupNames: ["encoder", "head"], epoch: 1, step: 1)
        head.weight.grad!.data[1] = .infinity
        let error = try #require(throws: NonFiniteTraining.self) {
            try NonFiniteTraining.checkGradients(groups, groupNames: ["encoder", "head"], epoch: 3, step: 9)
        }
        #expect(error == NonFiniteTraining(epoch: 3, step: 9, quantity: "gradient in parameter group 'head' (head.weight)"))
    }

    @Test func predictionRefusesNaNWeights() throws {
        let folder = try HarnessFixtures.temporaryFolder("predict-nan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = HarnessFixtures.record(row: 5, spec: Suite.ci.specs[4], seed: 0, base: 0.5)
        var rng = SeededGenerator(seed: 9)
        let trained = ModelBuilder.config(record.spec.model, frames: 256, bins: 64, classes: record.data.classes.count)
            .make(rng: &rng, stream: RandomStream(SeededGenerator(seed: 1)))
        trained.parameters()[0].data[0] = .nan
        let weights = folder.appendingPathComponent("best.safetensors")
        try Checkpoint.save(model: trained, optimizer: nil, to: weights)
        let error = try #require(throws: InputError.self) { try Prediction.model(for: record, weights: weights) }
        #expect(error.file == weights.path && error.reason.contains("non-finite"))
    }
}
