import Foundation
import Testing
@testable import Lab

/// The engine trains: tiny models fit small tasks; a checkpoint resumes bit-exactly.
@Suite struct TrainingTests {
    /// Two-layer MLP with LayerNorm + GELU on a 4-class problem of 32 points.
    @Test func mlpFitsToNearZeroLoss() {
        var rng = SeededGenerator(seed: 1)
        let model = Sequential([Linear(2, 32, rng: &rng), LayerNorm(32), GELU(), Linear(32, 4, rng: &rng)])
        var data = rng.split("data")
        let x = Tensor(shape: [32, 2], values: (0 ..< 64).map { _ in data.uniformFloat(-1, 1) })
        // Label = quadrant, one-hot targets for BCE.
        var t = [Float](repeating: 0, count: 128)
        for i in 0 ..< 32 { t[i * 4 + (x.data[2 * i] > 0 ? 1 : 0) + (x.data[2 * i + 1] > 0 ? 2 : 0)] = 1 }
        let targets = Tensor(shape: [32, 4], values: t)
        let opt = AdamW([ParameterGroup(model.namedParameters(), lr: 1e-2, weightDecay: 0)])
        var first: Float = 0, last: Float = 0
        for step in 0 ..< 400 {
            let loss = bceWithLogits(model(x), targets)
            if step == 0 { first = loss.item() }
            last = loss.item()
            loss.backward(); opt.step(); opt.zeroGrad()
        }
        #expect(first > 0.5)
        #expect(last < 0.01, "final loss \(last)")
    }

    /// Conv + BN(SiLU) + depthwise + squeeze-excite + dropout net separates two image patterns.
    @Test func convNetFits() {
        var rng = SeededGenerator(seed: 2)
        let net = LayerTests.ConvNet(rng: &rng)
        var data = rng.split("images")
        let b = 8
        var pixels = [Float](repeating: 0, count: b * 2 * 6 * 6), labels = [Float](repeating: 0, count: b * 3)
        for i in 0 ..< b {
            let cls = i % 3
            labels[i * 3 + cls] = 1
            for c in 0 ..< 2 { for y in 0 ..< 6 { for xx in 0 ..< 6 {
                let pattern: Float = cls == 0 ? Float(y) / 5 : cls == 1 ? Float(xx) / 5 : Float((y + xx) % 2)
                pixels[((i * 2 + c) * 6 + y) * 6 + xx] = pattern + data.uniformFloat(-0.1, 0.1)
            } } }
        }
        let x = Tensor(shape: [b, 2, 6, 6], values: pixels), t = Tensor(shape: [b, 3], values: labels)
        let opt = AdamW([ParameterGroup(net.namedParameters(), lr: 2e-2, weightDecay: 0)])
        var last: Float = 1
        for _ in 0 ..< 300 {
            let loss = bceWithLogits(net(x), t)
            last = loss.item()
            loss.backward(); clipGradNorm(net.parameters(), maxNorm: 5); opt.step(); opt.zeroGrad()
        }
        #expect(last < 0.02, "final loss \(last)")
    }

    @Test func checkpointResumesExactly() throws {
        func makeModel() -> (Sequential, RandomStream) {
            var rng = SeededGenerator(seed: 5)
            let stream = RandomStream(rng.split("dropout"))
            return (Sequential([Linear(3, 8, rng: &rng), BatchNorm2d(8), GELU(), Dropout(0.3, stream: stream), Linear(8, 2, rng: &rng)]), stream)
        }
        let x = randomTensor([6, 3], seed: 6), t = randomTensor([6, 2], seed: 7, 0, 1)
        func train(_ m: Sequential, _ o: AdamW, steps: Int) {
            for _ in 0 ..< steps { let l = bceWithLogits(m(x), t); l.backward(); o.step(); o.zeroGrad() }
        }
        let (model, stream) = makeModel()
        let opt = AdamW([ParameterGroup(model.namedParameters(), lr: 1e-2, weightDecay: 0.01)], betas: (0.9, 0.95))
        train(model, opt, steps: 3)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-ckpt-\(UInt64.random(in: 0 ... .max)).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(model: model, optimizer: opt, generators: ["dropout": stream.generator], metadata: ["epoch": "3"], to: url)
        train(model, opt, steps: 3)

        let (fresh, freshStream) = makeModel()
        let opt2 = AdamW([ParameterGroup(fresh.namedParameters(), lr: 1e-2, weightDecay: 0.01)], betas: (0.9, 0.95))
        let restored = try Checkpoint.load(model: fresh, optimizer: opt2, from: url)
        #expect(restored.metadata["epoch"] == "3")
        freshStream.generator = try #require(restored.generators["dropout"])
        train(fresh, opt2, steps: 3)
        for ((n, a), (_, b)) in zip(model.stateDict(), fresh.stateDict()) { #expect(a.values == b.values, "\(n) differs after resume") }
    }
}

