import Foundation
import Testing
@testable import Lab

@Suite("Harness: prediction")
struct PredictionTests {
    @Test func predictsEveryWindowOfASoundscapeWithTheRunsWeights() throws {
        let folder = try HarnessFixtures.temporaryFolder("predict")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A run record of the ci suite's EfficientNet row, and weights saved the way the trainer saves them.
        let record = HarnessFixtures.record(row: 5, spec: Suite.ci.specs[4], seed: 0, base: 0.5)
        var rng = SeededGenerator(seed: 9)
        let trained = ModelBuilder.config(record.spec.model, frames: 256, bins: 64, classes: record.data.classes.count)
            .make(rng: &rng, stream: RandomStream(SeededGenerator(seed: 1)))
        let weights = folder.appendingPathComponent("best.safetensors")
        try Checkpoint.save(model: trained, optimizer: nil, to: weights)

        let model = try Prediction.model(for: record, weights: weights)
        // 7 s of audio: two rows, the second window zero-padded.
        var g = SeededGenerator(seed: 4)
        let audio = (0 ..< 7 * 32_000).map { _ in Float(g.normal() * 0.1) }
        let wav = folder.appendingPathComponent("S01_20250101_000000.wav")
        try AudioWriter.writeWav(audio, sampleRate: 32_000, to: wav, format: .float32)
        let (ids, p) = try Prediction.soundscape(wav, model: model, frontEnd: record.spec.frontEnd)
        #expect(ids == ["S01_20250101_000000_5", "S01_20250101_000000_10"])
        #expect(p.count == 2 && p.allSatisfy { $0.count == record.data.classes.count && $0.allSatisfy { $0 > 0 && $0 < 1 } })
        // Same numbers as the trained model on the same features: the weights were loaded.
        trained.eval()
        let second = Array(audio[160_000...]) + [Float](repeating: 0, count: 2 * 160_000 - audio.count)
        let logits = Autograd.noGrad { trained.logits(batch: record.spec.frontEnd.modelInput(second).values, count: 1) }.values
        for (a, b) in zip(p[1], logits.map { 1 / (1 + Foundation.exp(-$0)) }) { #expect(abs(a - b) < 1e-5) }
    }
}
