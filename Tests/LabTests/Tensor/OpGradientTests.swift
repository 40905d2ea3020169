import Testing
@testable import Lab

/// Finite-difference checks of every op's backward (tolerance in `gradCheck`).
@Suite struct OpGradientTests {
    @Test func broadcastingArithmetic() {
        let shapes: [([Int], [Int])] = [([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([2, 3, 1, 1], [2, 3, 4, 5]), ([3, 1], [1, 4]), ([2, 3, 4], [])]
        for (sa, sb) in shapes {
            let a = randomTensor(sa, seed: 1), b = randomTensor(sb, seed: 2, 0.5, 1.5)
            gradCheck([a, b]) { $0[0] + $0[1] }
            gradCheck([a, b]) { $0[0] - $0[1] }
            gradCheck([a, b]) { $0[0] * $0[1] }
            gradCheck([a, b]) { $0[0] / $0[1] }
        }
    }

    @Test func scalarOps() {
        let a = randomTensor([3, 5], seed: 3)
        gradCheck([a]) { $0[0] * 2.5 + 1 }
        gradCheck([a]) { -$0[0] - 0.5 }
        gradCheck([a]) { affine($0[0], scale: -3, shift: 2) }
    }

    @Test func activations() {
        let a = randomTensor([4, 7], seed: 4, -3, 3)
        gradCheck([a]) { gelu($0[0]) }
        gradCheck([a]) { silu($0[0]) }
        gradCheck([a]) { sigmoid($0[0]) }
        gradCheck([a]) { exp($0[0]) }
        gradCheck([a]) { square($0[0]) }
        let r = Tensor(shape: [6], values: [-2, -1, -0.3, 0.4, 1, 2])
        gradCheck([r]) { relu($0[0]) }
        let pos = randomTensor([4, 5], seed: 5, 0.5, 2)
        gradCheck([pos]) { log($0[0]) }
        gradCheck([pos]) { sqrt($0[0]) }
    }

    @Test func reductions() {
        let a = randomTensor([2, 3, 4], seed: 6)
        gradCheck([a]) { sum($0[0]) }
        gradCheck([a]) { mean($0[0]) }
        for axis in [0, 1, 2, -1] {
            gradCheck([a]) { sum($0[0], axis: axis) }
            gradCheck([a]) { mean($0[0], axis: axis, keepDim: true) }
        }
    }

    @Test func shapeOps() {
        let a = randomTensor([2, 3, 4], seed: 7)
        gradCheck([a]) { $0[0].reshaped([6, 4]) * $0[0].reshaped([6, 4]) }
        gradCheck([a]) { $0[0].permuted([2, 0, 1]) }
        gradCheck([a]) { $0[0].transposed(0, 1) }
        gradCheck([a]) { $0[0].slice(axis: 1, 1 ..< 3) }
        gradCheck([a]) { $0[0].slice(axis: -1, 0 ..< 1) }
        let c = randomTensor([1, 1, 4], seed: 8)
        gradCheck([c]) { $0[0].expanded(to: [2, 3, 4]) }
        let b = randomTensor([2, 2, 4], seed: 9)
        gradCheck([a, b]) { concat([$0[0], $0[1]], axis: 1) }
        gradCheck([a, a.slice(axis: 2, 0 ..< 2).detached()]) { concat([$0[0], $0[1]], axis: 2) }
    }

    @Test func matmulAllTranspositions() {
        for ta in [false, true] {
            for tb in [false, true] {
                let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 10), b = randomTensor(tb ? [5, 4] : [4, 5], seed: 11)
                gradCheck([a, b]) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
                let ba = randomTensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 12), bb = randomTensor(tb ? [2, 5, 4] : [2, 4, 5], seed: 13)
                gradCheck([ba, bb]) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
                gradCheck([ba, b]) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }  // shared B
            }
        }
    }

    @Test func linearOp() {
        let x = randomTensor([2, 3, 4], seed: 14), w = randomTensor([5, 4], seed: 15), b = randomTensor([5], seed: 16)
        gradCheck([x, w, b]) { linear($0[0], weight: $0[1], bias: $0[2]) }
        gradCheck([x, w]) { linear($0[0], weight: $0[1], bias: nil) }
    }

    @Test func conv2dOp() {
        let cases: [(x: [Int], w: [Int], s: Int, p: Int)] = [
            ([2, 3, 6, 5], [4, 3, 3, 3], 1, 1), ([2, 3, 7, 6], [4, 3, 3, 3], 2, 1),
            ([3, 4, 3, 3], [5, 4, 1, 1], 1, 0),    // pointwise, samples packed into one GEMM
            ([2, 4, 40, 30], [3, 4, 1, 1], 1, 0),  // pointwise, one sample per GEMM, no im2col
            ([2, 1, 32, 16], [6, 1, 16, 16], 16, 0),  // ViT patch embedding
            ([2, 2, 40, 30], [3, 2, 3, 3], 2, 1),  // one sample per GEMM with im2col
        ]
        for (i, c) in cases.enumerated() {
            let x = randomTensor(c.x, seed: 17 + UInt64(i)), w = randomTensor(c.w, seed: 30 + UInt64(i), -0.3, 0.3), b = randomTensor([c.w[0]], seed: 40)
            gradCheck([x, w, b], maxChecks: 40) { conv2d($0[0], weight: $0[1], bias: $0[2], stride: (c.s, c.s), padding: (c.p, c.p)) }
        }
    }

    @Test func depthwiseConv() {
        let cases: [(x: [Int], k: Int, s: Int, p: Int)] = [([2, 3, 6, 7], 3, 1, 1), ([2, 3, 9, 8], 5, 2, 2), ([1, 2, 5, 5], 3, 2, 1), ([2, 2, 4, 4], 5, 1, 2)]
        for (i, c) in cases.enumerated() {
            let x = randomTensor(c.x, seed: 50 + UInt64(i)), w = randomTensor([c.x[1], 1, c.k, c.k], seed: 60 + UInt64(i)), b = randomTensor([c.x[1]], seed: 70)
            gradCheck([x, w, b]) { depthwiseConv2d($0[0], weight: $0[1], bias: $0[2], stride: (c.s, c.s), padding: (c.p, c.p)) }
        }
    }

    @Test func pooling() {
        let x = randomTensor([2, 3, 6, 4], seed: 80)
        gradCheck([x]) { avgPool2d($0[0], kernel: 2) }
        gradCheck([x]) { avgPool2d($0[0], kernel: 3, stride: 1) }
        gradCheck([x]) { globalAvgPool2d($0[0]) }
    }

    @Test func batchNormTrainingEvalAndFusedSiLU() {
        let x = randomTensor([3, 4, 3, 2], seed: 81, -2, 2), g = randomTensor([4], seed: 82, 0.5, 1.5), b = randomTensor([4], seed: 83)
        let rm = randomTensor([4], seed: 84), rv = randomTensor([4], seed: 85, 0.5, 1.5)
        for act in [FusedActivation.none, .silu] {
            gradCheck([x, g, b]) { batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm.detached(), runningVar: rv.detached(), training: true, activation: act) }
            gradCheck([x, g, b]) { batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm, runningVar: rv, training: false, activation: act) }
        }
        let flat = randomTensor([5, 3], seed: 86)
        gradCheck([flat, g.slice(axis: 0, 0 ..< 3).detached(), b.slice(axis: 0, 0 ..< 3).detached()]) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: Tensor(zeros: [3]), runningVar: Tensor(shape: [3], repeating: 1), training: true)
        }
    }

    @Test func layerNormOp() {
        let x = randomTensor([2, 3, 8], seed: 87, -2, 2), g = randomTensor([8], seed: 88, 0.5, 1.5), b = randomTensor([8], seed: 89)
        gradCheck([x, g, b]) { layerNorm($0[0], gamma: $0[1], beta: $0[2], eps: 1e-6) }
    }

    @Test func softmaxOp() {
        let x = randomTensor([3, 7], seed: 90, -3, 3)
        gradCheck([x]) { softmax($0[0]) }
    }

    @Test func attentionOp() {
        let qkv = randomTensor([2, 5, 3 * 8], seed: 91, -1.5, 1.5)
        gradCheck([qkv], maxChecks: 120) { attention(qkv: $0[0], heads: 2) }
        // Two in a row: each op's saved state must outlive later ops' buffers.
        let w = randomTensor([24, 8], seed: 95)
        gradCheck([qkv, w], maxChecks: 80) { attention(qkv: linear(attention(qkv: $0[0], heads: 2), weight: $0[1], bias: nil), heads: 4) }
        let x = randomTensor([3, 4, 3, 3], seed: 96), g = randomTensor([4], seed: 97, 0.5, 1.5), b = randomTensor([4], seed: 98)
        gradCheck([x]) { batchNorm(batchNorm($0[0], gamma: g, beta: b, runningMean: Tensor(zeros: [4]), runningVar: Tensor(zeros: [4]), training: true),
                                   gamma: b, beta: g, runningMean: Tensor(zeros: [4]), runningVar: Tensor(zeros: [4]), training: true, activation: .silu) }
        let t = randomTensor([3, 6, 4], seed: 99)
        gradCheck([t]) { layerNorm(layerNorm($0[0], gamma: g, beta: b), gamma: b, beta: g) }
    }

    @Test func dropoutAndDropPath() {
        let x = randomTensor([4, 3, 5], seed: 92)
        gradCheck([x]) { var r = SeededGenerator(seed: 5); return dropout($0[0], p: 0.3, training: true, rng: &r) }
        gradCheck([x]) { var r = SeededGenerator(seed: 6); return dropPath($0[0], p: 0.5, training: true, rng: &r) }
    }

    @Test func tokenGatherScatter() {
        let x = randomTensor([2, 5, 3], seed: 93)
        let idx = [4, 0, 2, 1, 3, 3]
        gradCheck([x]) { gatherTokens($0[0], indices: idx, count: 3) }
        let y = randomTensor([2, 3, 3], seed: 94)
        gradCheck([y]) { scatterTokens($0[0], indices: idx, length: 5) }
    }
}

/// The checker itself must fail on a wrong backward.
@Suite struct GradCheckSelfTests {
    /// y = x² with a deliberately wrong backward (x instead of 2x).
    private func wrongSquare(_ x: Tensor) -> Tensor {
        let y = Tensor(uninitialized: x.shape)
        for i in 0 ..< x.count { y.data[i] = x.data[i] * x.data[i] }
        y.recordBackward([x]) { gy in x.accumulateGrad { g, fresh in for i in 0 ..< x.count { g[i] = (fresh ? 0 : g[i]) + gy[i] * x.data[i] } } }
        return y
    }

    @Test func detectsWrongBackward() {
        let x = randomTensor([5], seed: 1, 1, 2)
        withKnownIssue { gradCheck([x]) { wrongSquare($0[0]) } }
    }
}

/// Depthwise convolution equals a dense convolution with a block-diagonal weight.
@Suite struct DepthwiseAgreesWithDenseTests {
    @Test(arguments: [(3, 1, 1), (3, 2, 1), (5, 2, 2), (5, 1, 2), (3, 2, 0), (1, 1, 0)])
    func matchesDense(k: Int, s: Int, p: Int) {
        for (h, w) in [(7, 9), (8, 6), (5, 5)] {
            let worst = depthwiseDenseDifference(k: k, s: s, p: p, h: h, w: w)
            #expect(worst < 1e-5, "k\(k) s\(s) p\(p) \(h)×\(w): output or gradients differ by \(worst)")
        }
    }
}

/// The largest difference between `depthwiseConv2d` and `conv2d` with the equivalent
/// block-diagonal weight (3 channels, batch 2), over the output, the input gradient and the
/// weight gradient for one upstream gradient; ∞ when the output shapes differ.
func depthwiseDenseDifference(k: Int, s: Int, p: Int, h: Int, w: Int) -> Float {
    let c = 3
    let x = randomTensor([2, c, h, w], seed: 1), dw = randomTensor([c, 1, k, k], seed: 2)
    let dense = Tensor(zeros: [c, c, k, k])
    for ch in 0 ..< c { for t in 0 ..< k * k { dense.data[(ch * c + ch) * k * k + t] = dw.data[ch * k * k + t] } }
    var results: [[Float]] = [], shapes: [[Int]] = []
    for useDense in [false, true] {
        let xi = x.detached(); xi.isLeafRequiringGrad = true
        let wi = (useDense ? dense : dw).detached(); wi.isLeafRequiringGrad = true
        let y = useDense ? conv2d(xi, weight: wi, bias: nil, stride: (s, s), padding: (p, p))
            : depthwiseConv2d(xi, weight: wi, bias: nil, stride: (s, s), padding: (p, p))
        y.backward(seed: Tensor(shape: y.shape, values: (0 ..< y.count).map { Float(($0 * 7919) % 13) / 13 - 0.5 }))
        var gw = wi.grad?.values ?? []
        if useDense && !gw.isEmpty { gw = (0 ..< c * k * k).map { i in gw[((i / (k * k)) * c + i / (k * k)) * k * k + i % (k * k)] } }
        results.append(y.values + (xi.grad?.values ?? []) + gw)
        shapes.append(y.shape)
    }
    guard shapes[0] == shapes[1], results[0].count == results[1].count else { return .infinity }
    return zip(results[0], results[1]).map { abs($0 - $1) }.max() ?? .infinity
}
