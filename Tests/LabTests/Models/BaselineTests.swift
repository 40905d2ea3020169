import Foundation
import Testing
@testable import Lab

@Suite("Models: baseline")
struct BaselineTests {
    static func model(classes: Int = 3) -> BaselineClassifier {
        var g = SeededGenerator(seed: 1)
        return BaselineClassifier(BaselineConfig(frames: 8, bins: 4, classes: classes), rng: &g)
    }

    /// `count` random windows [count, 8, 4].
    static func windows(_ count: Int, seed: UInt64 = 2) -> [Float] {
        var g = SeededGenerator(seed: seed)
        return (0 ..< count * 32).map { _ in Float(g.normal() * 2 + 1) }
    }

    @Test func standardisationIsFixedFromTheTrainingWindowsAndOnlyTheLinearLayerTrains() throws {
        let model = Self.model()
        let train = Self.windows(20)
        let pooled = model.pool(windows: train, count: 20)  // [20, 12]
        model.fitStandardization(pooled: pooled, count: 20)
        var z = pooled
        model.standardize(&z)
        for j in 0 ..< 12 {
            let column = (0 ..< 20).map { Double(z[$0 * 12 + j]) }
            let mean = column.reduce(0, +) / 20
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20
            #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-4, "feature \(j): mean \(mean), variance \(variance)")
        }
        #expect(model.encoderParameters.isEmpty && model.headParameters.map(\.0) == ["classifier.weight", "classifier.bias"])
        #expect(model.namedBuffers().map(\.0) == ["standardization.mean", "standardization.std"])

        let x = Tensor(shape: [20, 1, 8, 4], values: train)
        let logits = model(x)
        #expect(logits.shape == [20, 3] && logits.values.allSatisfy { $0 == 0 }, "zero start")
        sum(logits * Tensor(shape: [20, 3], values: (0 ..< 60).map { Float($0 % 7) })).backward()
        #expect(model.classifier.weight.grad != nil && !x.requiresGrad)
    }

    @Test func aConstantFeatureKeepsStdOneAndTheStateDictRoundTrips() throws {
        let model = Self.model()
        // Band 0 constant over time in every window: its mean, std and p90 after the median are all 0.
        var train = Self.windows(6)
        for w in 0 ..< 6 { for t in 0 ..< 8 { train[w * 32 + t * 4] = 3 } }
        model.fitStandardization(pooled: model.pool(windows: train, count: 6), count: 6)
        #expect(model.std.values[0] == 1 && model.std.values[4] == 1 && model.std.values[8] == 1)
        Init.constant(model.classifier.weight, 0.25)
        let folder = try HarnessFixtures.temporaryFolder("baseline-model")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try model.save(to: url)
        let copy = Self.model()
        try copy.load(from: url)
        #expect(copy.mean.values == model.mean.values && copy.std.values == model.std.values)
        let x = Tensor(shape: [6, 8, 4], values: train)
        #expect(copy(x).values == model(x).values)
    }

    @Test func specIsAOneKeyObjectAndRejectsBadStatistics() throws {
        let spec = ModelSpec.baseline(BaselineSpec())
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(json == #"{"baseline":{"statistics":["mean","std","p90"]}}"#)
        #expect(try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8)) == spec)
        for bad in [#"{"baseline":{"statistics":[]}}"#, #"{"baseline":{"statistics":["mean","mean"]}}"#, #"{"baseline":{"statistics":["max"]}}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(ModelSpec.self, from: Data(bad.utf8)) }
        }
        let built = ModelBuilder.config(spec, frames: 8, bins: 4, classes: 3)
        #expect(built == .baseline(BaselineConfig(frames: 8, bins: 4, classes: 3)))
        #expect(spec.label == "linear on pooled mean/std/p90")
    }
}
