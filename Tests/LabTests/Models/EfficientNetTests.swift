import Foundation
import Testing
@testable import Lab

@Suite struct EfficientNetTests {
    @Test func b0HasTimmParameterCount() {
        var rng = SeededGenerator(seed: 0)
        let model = EfficientNet(.b0(frames: 128, bins: 256, classes: 206), rng: &rng, stream: RandomStream(rng))
        #expect(model.parameterCount == 4_270_858)
        #expect(model.blocks.map(\.count) == [1, 2, 2, 3, 3, 4, 1])
        #expect(model.headParameters.map(\.0) == ["classifier.weight", "classifier.bias"])
    }

    @Test func roundingFollowsTimm() {
        let c = EfficientNetConfig(frames: 64, bins: 64, classes: 3, widthMultiplier: 1.1, depthMultiplier: 1.2)  // B2
        #expect([32, 16, 24, 40, 80, 112, 192, 320, 1280].map(c.roundFilters) == [32, 16, 24, 48, 88, 120, 208, 352, 1408])
        #expect([1, 2, 2, 3, 3, 4, 1].map(c.roundRepeats) == [2, 3, 3, 4, 4, 5, 2])
        let q = EfficientNetConfig(frames: 64, bins: 64, classes: 3, widthMultiplier: 0.25, depthMultiplier: 0.25)
        #expect([32, 16, 24, 40, 1280].map(q.roundFilters) == [8, 8, 8, 16, 320])
    }

    @Test func smallVariantMatchesPyTorchEval() throws {
        let url = ModelFixtures.url("effnet_small.safetensors")
        let (tensors, _) = try Safetensors.read(url)
        var rng = SeededGenerator(seed: 0)
        let config = EfficientNetConfig(frames: 64, bins: 48, classes: 7, widthMultiplier: 0.25, depthMultiplier: 0.25)
        let model = EfficientNet(config, rng: &rng, stream: RandomStream(rng))
        try model.load(tensors.filter { !$0.key.hasPrefix("io.") }, file: url.path)
        model.eval()
        let logits = Autograd.noGrad { model(try! #require(tensors["io.input"])) }
        #expect(ModelFixtures.maxAbsDifference(logits, try #require(tensors["io.logits"])) < 1e-4)
    }

    @Test func trainStepRunsAndUpdatesRunningStatistics() {
        var rng = SeededGenerator(seed: 5)
        let config = EfficientNetConfig(frames: 32, bins: 32, classes: 4, widthMultiplier: 0.25, depthMultiplier: 0.25)
        let model = EfficientNet(config, rng: &rng, stream: RandomStream(rng.split("stream")))
        let before = model.bn1.runningMean.values
        let x = randomTensor([4, 32, 32], seed: 6)
        let y = Tensor(shape: [4, 4], values: [1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0])
        let opt = AdamW(model.parameterGroups(encoderLR: 1e-3, headLR: 1e-3, weightDecay: 0.01))
        var losses: [Float] = []
        for _ in 0 ..< 8 {
            let loss = bceWithLogits(model(x), y)
            losses.append(loss.item())
            loss.backward(); opt.step(); opt.zeroGrad()
        }
        #expect(model.bn1.runningMean.values != before)
        #expect(losses.last! < losses.first!)
    }
}
