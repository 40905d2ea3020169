import Foundation
import Testing
@testable import Lab

/// Layers: parameter names, gradient checks through the modules, initialisers, loading errors.
@Suite struct LayerTests {
    final class Block: Layer {
        let norm: LayerNorm, fc1: Linear, fc2: Linear, drop: Dropout
        init(_ d: Int, rng: inout SeededGenerator, stream: RandomStream) {
            norm = LayerNorm(d, eps: 1e-6); fc1 = Linear(d, 2 * d, rng: &rng); fc2 = Linear(2 * d, d, rng: &rng)
            drop = Dropout(0.25, stream: stream)
        }
        var children: [(String, any Module)] { [("norm", norm), ("mlp.fc1", fc1), ("mlp.fc2", fc2), ("drop", drop)] }
        func callAsFunction(_ x: Tensor) -> Tensor { x + drop(fc2(gelu(fc1(norm(x))))) }
    }

    final class ConvNet: Layer {
        let stem: Conv2d, bn: BatchNorm2d, dw: Conv2d, bn2: BatchNorm2d, head: Linear
        init(rng: inout SeededGenerator) {
            stem = Conv2d(2, 4, kernel: 3, stride: 2, padding: 1, bias: false, rng: &rng)
            bn = BatchNorm2d(4, activation: .silu)
            dw = Conv2d(4, 4, kernel: 3, padding: 1, groups: 4, bias: false, rng: &rng)
            bn2 = BatchNorm2d(4)
            head = Linear(4, 3, rng: &rng)
        }
        var children: [(String, any Module)] { [("stem", stem), ("bn", bn), ("dw", dw), ("bn2", bn2), ("head", head)] }
        func callAsFunction(_ x: Tensor) -> Tensor {
            let h = bn(stem(x))                     // [B, 4, H/2, W/2]
            let s = sigmoid(globalAvgPool2d(h))     // squeeze-excite style gate [B, 4]
            let g = h * s.reshaped([s.shape[0], 4, 1, 1])
            return head(globalAvgPool2d(silu(bn2(dw(g)))))  // [B, 3]
        }
    }

    @Test func parameterNamesArePyTorchStyle() {
        var rng = SeededGenerator(seed: 1)
        let model = Sequential([Block(4, rng: &rng, stream: RandomStream(rng.split("d"))), Block(4, rng: &rng, stream: RandomStream(rng.split("d2")))])
        let names = model.namedParameters().map(\.0)
        #expect(names.prefix(6) == ["0.norm.weight", "0.norm.bias", "0.mlp.fc1.weight", "0.mlp.fc1.bias", "0.mlp.fc2.weight", "0.mlp.fc2.bias"])
        #expect(model.parameterCount == 2 * (8 + 4 * 8 + 8 + 8 * 4 + 4))
        let conv = ConvNet(rng: &rng)
        #expect(conv.namedBuffers().map(\.0) == ["bn.running_mean", "bn.running_var", "bn2.running_mean", "bn2.running_var"])
        #expect(conv.namedParameters().map(\.0).contains("dw.weight"))
        #expect(conv.dw.weight.shape == [4, 1, 3, 3])
    }

    @Test func trainEvalSwitchesEveryDescendant() {
        var rng = SeededGenerator(seed: 2)
        let stream = RandomStream(rng.split("drop"))
        let model = Sequential([Block(4, rng: &rng, stream: stream)])
        model.eval()
        #expect((model.layers[0] as! Block).drop.isTraining == false)
        let x = randomTensor([2, 3, 4], seed: 3)
        let a = model(x).values, b = model(x).values
        #expect(a == b)  // no dropout in eval
        model.train()
        #expect((model.layers[0] as! Block).drop.isTraining)
    }

    @Test func gradientsThroughLayers() {
        var rng = SeededGenerator(seed: 4)
        let block = Block(4, rng: &rng, stream: RandomStream(rng.split("d")))
        block.drop.stream.generator = SeededGenerator(seed: 9)
        let x = randomTensor([2, 3, 4], seed: 5)
        let params = block.parameters()
        gradCheck([x] + params) { _ in
            block.drop.stream.generator = SeededGenerator(seed: 9)  // same mask every evaluation
            return block(x)
        }
        let net = ConvNet(rng: &rng)
        let img = randomTensor([3, 2, 6, 6], seed: 6)
        gradCheck([img] + net.parameters(), maxChecks: 30) { _ in net(img) }
        net.eval()
        gradCheck([img] + net.parameters(), maxChecks: 30) { _ in net(img) }
    }

    @Test func initialiserStatistics() {
        var rng = SeededGenerator(seed: 7)
        let w = Tensor.parameter([256, 512])
        Init.xavierUniform(w, rng: &rng)
        let bound = (6.0 / Double(256 + 512)).squareRoot()
        #expect(w.values.allSatisfy { abs(Double($0)) <= bound })
        #expect(abs(std(w) - bound / 3.0.squareRoot()) < 0.01 * bound)
        Init.truncatedNormal(w, std: 1, a: -2, b: 2, rng: &rng)
        #expect(w.values.allSatisfy { abs($0) <= 2 })
        #expect(abs(std(w) - 0.8796) < 0.01)  // std of N(0,1) truncated to [−2, 2]
        let c = Tensor.parameter([64, 32, 3, 3])
        Init.kaimingNormal(c, fanOut: true, rng: &rng)
        #expect(abs(std(c) - (2.0 / Double(64 * 9)).squareRoot()) < 0.02 * (2.0 / Double(64 * 9)).squareRoot())
        Init.kaimingUniform(c, rng: &rng)
        #expect(c.values.allSatisfy { abs(Double($0)) <= 1 / Double(32 * 9).squareRoot() + 1e-7 })
        // Same seed, same weights.
        var r1 = SeededGenerator(seed: 11), r2 = SeededGenerator(seed: 11)
        #expect(Linear(8, 8, rng: &r1).weight.values == Linear(8, 8, rng: &r2).weight.values)
    }

    private func std(_ t: Tensor) -> Double {
        let v = t.values.map(Double.init), m = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
    }

    @Test func loadNamesEveryProblem() {
        var rng = SeededGenerator(seed: 8)
        let model = ConvNet(rng: &rng)
        var tensors = Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.0, $0.1.detached()) })
        tensors["stem.weight"] = nil
        tensors["head.bias"] = Tensor(zeros: [4])
        tensors["extra.weight"] = Tensor(zeros: [1])
        do {
            try model.load(tensors, file: "ckpt.safetensors")
            Issue.record("load accepted a broken state dict")
        } catch let e as InputError {
            #expect(e.file == "ckpt.safetensors")
            #expect(e.reason.contains("missing tensor 'stem.weight'"))
            #expect(e.reason.contains("'head.bias' has shape [4], expected [3]"))
            #expect(e.reason.contains("unexpected tensor 'extra.weight'"))
        } catch { Issue.record("\(error)") }
        var other = SeededGenerator(seed: 99)
        let source = ConvNet(rng: &other)
        try? model.load(Dictionary(uniqueKeysWithValues: source.stateDict()), file: "x")
        #expect(model.head.weight.values == source.head.weight.values)
    }
}
