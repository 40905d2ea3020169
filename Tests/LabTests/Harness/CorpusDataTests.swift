import Foundation
import Testing
@testable import Lab

/// `CorpusData` on the real recordings in ../shared/audio/real-mini (skipped when absent).
@Suite("Harness: corpus data")
struct CorpusDataTests {
    /// ../shared/audio/real-mini next to the repository (or next to the folder holding a worktree).
    static let realMini: URL? = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { root.deleteLastPathComponent() }  // Harness, LabTests, Tests, repository
        return ["../shared", "../../shared"].map { root.appendingPathComponent($0 + "/audio/real-mini").standardized }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("train.csv").path) }
    }()
    static var available: Bool { realMini != nil }

    @Test(.enabled(if: available)) func buildsSeededBatchesAndEvaluationSetsFromARealCorpus() throws {
        let cache = try HarnessFixtures.temporaryFolder("corpus-cache")
        defer { try? FileManager.default.removeItem(at: cache) }
        var spec = Suite.ci.specs[0]  // train audio only: no detections needed
        spec.training.samplesPerEpoch = 20
        let data = try CorpusData(spec: spec, seed: 0, folder: try #require(Self.realMini), cacheRoot: cache, skipCorrupt: false)
        #expect(data.classes.count == 82)
        #expect(data.frames == 256 && data.bins == 64)
        #expect(data.counts["trainWindows"]! > 0 && data.counts["validationWindows"]! > 0 && data.counts["testWindows"]! > 0)
        #expect(data.evaluationCount(.soundscapes) == 0, "real-mini has no truth file and no BirdNET detections CSV")
        #expect(data.trainingBatchCount(epoch: 1, batchSize: 8) == 3)
        let a = try data.trainingBatch(epoch: 1, index: 2, batchSize: 8)
        #expect(a.count == 4 && a.inputs.count == 4 * 256 * 64 && a.targets.count == 4 * 82)
        #expect(a.inputs.allSatisfy { $0.isFinite })
        let again = try data.trainingBatch(epoch: 1, index: 2, batchSize: 8)
        #expect(again.inputs == a.inputs && again.targets == a.targets, "batches are a pure function of (seed, epoch, index)")
        let other = try data.trainingBatch(epoch: 2, index: 2, batchSize: 8)
        #expect(other.inputs != a.inputs)
        let p = try data.pretrainingBatch(epoch: 1, index: 0, batchSize: 5, samplesPerEpoch: 12)
        #expect(p.count == 5 && p.inputs.count == 5 * 256 * 64)
        #expect(try data.pretrainingBatch(epoch: 1, index: 2, batchSize: 5, samplesPerEpoch: 12).count == 2)
        #expect(data.counts["pretrainingWindows"]! >= data.counts["trainWindows"]!)
        let v = try data.evaluationBatch(.validation, range: 0 ..< 3)
        #expect(v.count == 3 && v.targets.count == 3 * 82)
        // Every evaluation window carries exactly its recording's labels (real-mini: primary only).
        for row in 0 ..< 3 { #expect(v.targets[row * 82 ..< (row + 1) * 82].reduce(0, +) == 1) }

        // The trainer runs on it end to end (a test-only tiny model; one short epoch).
        spec.training = TrainingSpec(epochs: 1, batchSize: 8, accumulation: 1, samplesPerEpoch: 16, balancedListSize: 64)
        let small = try CorpusData(spec: spec, seed: 0, folder: try #require(Self.realMini), cacheRoot: cache, skipCorrupt: false)
        let model = TinyClassifier(bins: small.bins, classes: small.classes.count, seed: 1)
        let runs = try HarnessFixtures.temporaryFolder("corpus-runs")
        defer { try? FileManager.default.removeItem(at: runs) }
        let outcome = try #require(try Trainer(spec: spec, seed: 0, data: small, model: model, random: model.random,
                                               folder: RunsLayout(root: runs).run(suite: "t", spec: spec.name, seed: 0),
                                               dataFingerprint: "real-mini").run())
        #expect(outcome.epochs.count == 1 && outcome.epochs[0].trainLoss.isFinite)
        #expect(Set(outcome.results.map(\.set)) == [.validation, .test], "no soundscape truth in real-mini")
        #expect(outcome.results.allSatisfy { $0.metrics.rows > 0 && $0.metrics.perClassAUC.count == 82 })
    }
}
