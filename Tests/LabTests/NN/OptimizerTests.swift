import Foundation
import Testing
@testable import Lab

/// SGD, clipping, accumulation and schedules against hand-computed values (AdamW against PyTorch
/// is in TorchReferenceTests).
@Suite struct OptimizerTests {
    @Test func sgdMomentumMatchesFormula() {
        let p = Tensor.parameter([2]); p.copyValues(from: Tensor(shape: [2], values: [1, -2]))
        let opt = SGD([ParameterGroup([("p", p)], lr: 0.1, weightDecay: 0.01)], momentum: 0.9)
        p.grad = Tensor(shape: [2], values: [0.5, 0.25]); opt.step()
        // g = 0.5 + 0.01·1 = 0.51; buf = g; p = 1 − 0.1·0.51
        #expect(abs(p.data[0] - (1 - 0.051)) < 1e-6)
        p.grad = Tensor(shape: [2], values: [0.5, 0.25]); opt.step()
        let g2 = 0.5 + 0.01 * (1 - 0.051), buf = 0.9 * 0.51 + g2
        #expect(abs(Double(p.data[0]) - ((1 - 0.051) - 0.1 * buf)) < 1e-6)
    }

    @Test func parameterGroupsUseTheirOwnLRAndDecay() {
        let a = Tensor.parameter([1]), b = Tensor.parameter([1])
        a.data[0] = 1; b.data[0] = 1
        let opt = AdamW([ParameterGroup([("a", a)], lr: 0.1, weightDecay: 0), ParameterGroup([("b", b)], lr: 0.01, weightDecay: 0.5)])
        a.grad = Tensor(shape: [1], values: [1]); b.grad = Tensor(shape: [1], values: [1])
        opt.step()
        // First Adam step moves by lr·sign(g) (m̂/√v̂ = 1); b also decays by lr·wd.
        #expect(abs(a.data[0] - 0.9) < 1e-5)
        #expect(abs(b.data[0] - (1 * (1 - 0.01 * 0.5) - 0.01)) < 1e-5)
        opt.setLearningRates { $0 * 0.5 }
        #expect(opt.groups.map(\.lr) == [0.05, 0.005])
    }

    @Test func gradNormClipping() {
        let a = Tensor.parameter([2]), b = Tensor.parameter([1])
        a.grad = Tensor(shape: [2], values: [3, 0]); b.grad = Tensor(shape: [1], values: [4])
        let norm = clipGradNorm([a, b], maxNorm: 1)
        #expect(abs(norm - 5) < 1e-6)
        #expect(abs(a.grad!.data[0] - 0.6) < 1e-5 && abs(b.grad!.data[0] - 0.8) < 1e-5)
        let small = clipGradNorm([a, b], maxNorm: 10)
        #expect(abs(small - 1) < 1e-4 && abs(a.grad!.data[0] - 0.6) < 1e-5)  // unchanged below the limit
    }

    @Test func accumulationEqualsOneBigBatch() {
        var rng = SeededGenerator(seed: 3)
        let layer = Linear(3, 2, rng: &rng)
        let x = randomTensor([4, 3], seed: 4), t = randomTensor([4, 2], seed: 5)
        mseLoss(layer(x), t).backward()
        let full = layer.weight.grad!.values
        layer.weight.grad = nil; layer.bias!.grad = nil
        var acc = GradientAccumulation(steps: 2)
        var stepped = [Bool]()
        for half in [0 ..< 2, 2 ..< 4] {
            (mseLoss(layer(x.slice(axis: 0, half)), t.slice(axis: 0, half)) * acc.lossScale).backward()
            stepped.append(acc.microStep())
        }
        #expect(stepped == [false, true])
        for (u, v) in zip(layer.weight.grad!.values, full) { #expect(abs(u - v) < 1e-6) }
    }

    @Test func schedules() {
        let cos = CosineAnnealing(tMax: 10, etaMin: 1e-6)
        #expect(cos.lr(base: 5e-4, epoch: 0) == 5e-4)
        #expect(abs(cos.lr(base: 5e-4, epoch: 5) - (1e-6 + (5e-4 - 1e-6) / 2)) < 1e-9)
        #expect(abs(cos.lr(base: 5e-4, epoch: 10) - 1e-6) < 1e-10)
        let w = WarmupCosine(warmupSteps: 10, totalSteps: 110, minLR: 0)
        #expect(w.lr(base: 1, step: 0) == 0)
        #expect(abs(w.lr(base: 1, step: 5) - 0.5) < 1e-6)
        #expect(abs(w.lr(base: 1, step: 10) - 1) < 1e-6)
        #expect(abs(w.lr(base: 1, step: 60) - 0.5) < 1e-6)
        #expect(abs(w.lr(base: 1, step: 110)) < 1e-6)
    }
}
