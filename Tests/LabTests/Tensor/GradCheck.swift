import Testing
@testable import Lab

/// Finite-difference gradient check in Float32 with Double accumulation.
///
/// Checks d(Σ w∘f(inputs))/d(input) for a random weighting w against central differences with
/// step `eps` (default 1e-2, second-order error ≈ eps²·f‴). Tolerance: every element must satisfy
/// |analytic − numeric| ≤ tol · max(1, max |numeric|) with tol = 5e-3 unless stated.
/// Up to `maxChecks` elements per input are probed (spread evenly).
func gradCheck(
    _ inputs: [Tensor], eps: Float = 1e-2, tol: Double = 5e-3, maxChecks: Int = 60,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    for t in inputs { t.isLeafRequiringGrad = true; t.grad = nil }
    let y = f(inputs)
    var rng = SeededGenerator(seed: 99)
    let w = Tensor(shape: y.shape, values: (0 ..< y.count).map { _ in rng.uniformFloat(-1, 1) })
    y.backward(seed: w)
    func objective() -> Double {
        Autograd.noGrad {
            let out = f(inputs)
            var s = 0.0
            for i in 0 ..< out.count { s += Double(out.data[i]) * Double(w.data[i]) }
            return s
        }
    }
    for (k, t) in inputs.enumerated() {
        guard let g = t.grad else {
            Issue.record("input \(k) \(t.shape) got no gradient", sourceLocation: sourceLocation)
            continue
        }
        let stride = max(1, t.count / maxChecks)
        var numeric: [(Int, Double)] = []
        for i in Swift.stride(from: 0, to: t.count, by: stride) {
            let old = t.data[i]
            t.data[i] = old + eps; let plus = objective()
            t.data[i] = old - eps; let minus = objective()
            t.data[i] = old
            numeric.append((i, (plus - minus) / (2 * Double(eps))))
        }
        let scale = max(1, numeric.map { abs($0.1) }.max() ?? 0)
        var worst = 0.0, worstIndex = 0
        for (i, n) in numeric {
            let e = abs(Double(g.data[i]) - n)
            if e > worst { worst = e; worstIndex = i }
        }
        #expect(worst <= tol * scale, "input \(k) \(t.shape): element \(worstIndex) analytic \(g.data[worstIndex]) vs numeric \(numeric.first { $0.0 == worstIndex }!.1) (scale \(scale))", sourceLocation: sourceLocation)
    }
}

/// A tensor of uniform values in [lo, hi) from `seed`.
func randomTensor(_ shape: [Int], seed: UInt64, _ lo: Float = -1, _ hi: Float = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return Tensor(shape: shape, values: (0 ..< shape.reduce(1, *)).map { _ in rng.uniformFloat(lo, hi) })
}
