import Foundation
import Testing
@testable import Lab

/// Large inputs take the parallel code paths (`parallelFor`, per-head workers, split and packed GEMMs);
/// their results must equal the serial paths', which the gradient checks cover.
@Suite(.serialized) struct ParallelPathTests {
    /// Forward values and input gradients of `f` with `threads` workers.
    func run(_ threads: Int, _ inputs: [Tensor], _ f: ([Tensor]) -> Tensor) -> [[Float]] {
        Threads.configure(threads)
        defer { Threads.configure(nil) }
        for t in inputs { t.isLeafRequiringGrad = true; t.grad = nil }
        let y = f(inputs)
        y.backward(seed: Tensor(shape: y.shape, values: (0 ..< y.count).map { Float(($0 * 7919) % 13) / 13 - 0.5 }))
        return [y.values] + inputs.map { $0.grad?.values ?? [] }
    }

    func expectSame(_ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
        let serial = run(1, inputs, f), parallel = run(4, inputs, f)
        for (k, (a, b)) in zip(serial, parallel).enumerated() {
            #expect(a.count == b.count, sourceLocation: sourceLocation)
            let scale = max(1, a.map { abs($0) }.max() ?? 0)
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * scale, "output \(k): serial vs parallel differ by \(worst)", sourceLocation: sourceLocation)
        }
    }

    @Test func elementwiseBroadcastAndReductions() {
        let x = randomTensor([4, 64, 16, 16], seed: 1), s = randomTensor([4, 64, 1, 1], seed: 2, 0.5, 1.5), v = randomTensor([16], seed: 3)
        expectSame([x, s]) { $0[0] * $0[1] }
        expectSame([x, s]) { $0[1] / ($0[0] * $0[0] + 1) }
        expectSame([x, v]) { $0[0] + $0[1] - $0[0] * $0[1] }
        expectSame([x]) { gelu(silu($0[0])) * sigmoid($0[0]) }
        expectSame([x]) { sum($0[0], axis: 1) + mean($0[0], axis: 1) }
        expectSame([x]) { globalAvgPool2d($0[0]) }
        expectSame([x]) { $0[0].permuted([0, 2, 3, 1]) }
        expectSame([x]) { avgPool2d($0[0], kernel: 2) }
    }

    @Test func normalisationAndAttention() {
        let x = randomTensor([8, 32, 16, 16], seed: 4, -2, 2), g = randomTensor([32], seed: 5, 0.5, 1.5), b = randomTensor([32], seed: 6)
        expectSame([x, g, b]) { batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: Tensor(zeros: [32]), runningVar: Tensor(zeros: [32]), training: true, activation: .silu) }
        let t = randomTensor([4, 65, 32], seed: 7)
        expectSame([t, g, b]) { layerNorm($0[0], gamma: $0[1], beta: $0[2]) }
        expectSame([t]) { softmax($0[0]) }
        let qkv = randomTensor([4, 65, 96], seed: 8)
        expectSame([qkv]) { attention(qkv: $0[0], heads: 4) }
    }

    @Test func convolutions() {
        let x = randomTensor([4, 16, 24, 20], seed: 9), w = randomTensor([32, 16, 3, 3], seed: 10, -0.2, 0.2), dw = randomTensor([16, 1, 5, 5], seed: 11)
        expectSame([x, w]) { conv2d($0[0], weight: $0[1], bias: nil, stride: (2, 2), padding: (1, 1)) }
        expectSame([x, dw]) { depthwiseConv2d($0[0], weight: $0[1], bias: nil, stride: (1, 1), padding: (2, 2)) }
        expectSame([x, dw]) { depthwiseConv2d($0[0], weight: $0[1], bias: nil, stride: (2, 2), padding: (2, 2)) }
        let pw = randomTensor([24, 16, 1, 1], seed: 12)
        expectSame([x, pw]) { conv2d($0[0], weight: $0[1], bias: nil) }
    }

    /// Products large enough to be split over the pool, by rows and by columns, with transposes
    /// and accumulation into an existing gradient.
    @Test func splitMatrixProducts() {
        let x = randomTensor([600, 96], seed: 13), w = randomTensor([80, 96], seed: 14), bias = randomTensor([80], seed: 15)
        #expect(GemmSplit(m: 600, n: 80, k: 96, threads: 4).parts > 1)
        expectSame([x, w, bias]) { linear($0[0], weight: $0[1], bias: $0[2]) }
        expectSame([x, w]) { linear($0[0], weight: $0[1], bias: nil) + linear($0[0], weight: $0[1], bias: nil) }
        let a = randomTensor([70, 64], seed: 16), b = randomTensor([64, 900], seed: 17)
        #expect(GemmSplit(m: 70, n: 900, k: 64, threads: 4).parts > 1 && !GemmSplit(m: 70, n: 900, k: 64, threads: 4).byRows)
        expectSame([a, b]) { matmul($0[0], $0[1]) }
        expectSame([a, b]) { matmul($0[0].permuted([1, 0]), $0[1].permuted([1, 0]), transposeA: true, transposeB: true) }
    }

    /// On two threads a Linear layer's (or a 1×1 convolution's) weight gradient runs whole beside
    /// its input gradient's blocks (one pool job); values and gradients equal the one-thread run's exactly.
    @Test func pairedGradientProducts() {
        let x = randomTensor([600, 96], seed: 18), w = randomTensor([80, 96], seed: 19), bias = randomTensor([80], seed: 20)
        #expect(GemmSplit(m: 600, n: 96, k: 80, threads: 2, blocksPerThread: 4).parts == 4)
        let f: ([Tensor]) -> Tensor = { linear($0[0], weight: $0[1], bias: $0[2]) + linear($0[0], weight: $0[1], bias: nil) }
        #expect(run(1, [x, w, bias], f) == run(2, [x, w, bias], f))
        let image = randomTensor([2, 32, 40, 40], seed: 22), pointwise = randomTensor([48, 32, 1, 1], seed: 23), cb = randomTensor([48], seed: 24)
        let conv: ([Tensor]) -> Tensor = { conv2d($0[0], weight: $0[1], bias: $0[2]) }
        #expect(run(1, [image, pointwise, cb], conv) == run(2, [image, pointwise, cb], conv))
        let a = randomTensor([96, 96], seed: 21)   // x is the weight: no pairing (one buffer)
        #expect(run(1, [a, bias], { linear($0[0], weight: $0[0], bias: nil) }) == run(2, [a, bias], { linear($0[0], weight: $0[0], bias: nil) }))
    }

    /// The pool runs each item once, hands out worker numbers below the width, and runs a nested
    /// job on the calling worker.
    @Test func poolRunsEachItemOnce() {
        Threads.configure(3)
        defer { Threads.configure(nil) }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 1000)
        counts.initialize(repeating: 0, count: 1000)
        defer { counts.deallocate() }
        var widest = 0
        let lock = NSLock()
        poolRun(1000) { i, worker in
            poolRun(3) { _, inner in precondition(inner == 0, "nested job left its worker") }
            counts[i] += 1
            lock.lock(); widest = max(widest, worker); lock.unlock()
        }
        #expect((0 ..< 1000).allSatisfy { counts[$0] == 1 })
        #expect(widest < 3)
    }
}
