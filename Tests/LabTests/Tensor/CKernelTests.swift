import CKernels
import Foundation
import Testing
@testable import Lab

/// The vectorised C kernels (Sources/CKernels, the clone this CPU selects: AVX-512, AVX2 or
/// baseline) against plain scalar references in Double, on odd lengths so every vector body
/// and every tail runs, in both overwrite and accumulate modes.
@Suite struct CKernelTests {
    static let lengths = [1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 257]

    func values(_ n: Int, seed: UInt64, _ lo: Float = -6, _ hi: Float = 6) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0 ..< n).map { _ in rng.uniformFloat(lo, hi) }
    }

    func expectClose(_ a: [Float], _ b: [Double], tol: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        var worst = 0.0, at = 0
        for (i, (x, y)) in zip(a, b).enumerated() {
            let e = abs(Double(x) - y) / max(1, abs(y))
            if e > worst { worst = e; at = i }
        }
        #expect(worst <= tol, "\(what) n=\(a.count): element \(at) \(a.isEmpty ? 0 : a[at]) vs \(b.isEmpty ? 0 : b[at])", sourceLocation: sourceLocation)
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// Runs an elementwise kernel `gx (+)= f(x, gy)` against `reference` (in both modes when it `accumulates`).
    func checkUnary(_ what: String, tol: Double, accumulates: Bool = false, kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int32) -> Void,
                    reference: (Double, Double) -> Double) {
        for (k, n) in Self.lengths.enumerated() {
            let x = values(n, seed: UInt64(k)), gy = values(n, seed: UInt64(100 + k), -1, 1), start = values(n, seed: UInt64(200 + k), -1, 1)
            for accumulate in accumulates ? [false, true] : [false] {
                var out = accumulate ? start : [Float](repeating: .nan, count: n)
                kernel(x, gy, &out, n, accumulate ? 1 : 0)
                let want = (0 ..< n).map { i in (accumulate ? Double(start[i]) : 0) + reference(Double(x[i]), Double(gy[i])) }
                expectClose(out, want, tol: tol, "\(what) accumulate \(accumulate)")
            }
        }
    }

    @Test func activations() {
        let gelu = { (v: Double) in 0.5 * v * (1 + erf(v / 2.0.squareRoot())) }
        let geluPrime = { (v: Double) in 0.5 * (1 + erf(v / 2.0.squareRoot())) + v * Foundation.exp(-0.5 * v * v) / (2 * Double.pi).squareRoot() }
        checkUnary("gelu forward", tol: 1e-6, kernel: { x, _, y, n, _ in ck_gelu_forward(x, y, n) }) { v, _ in gelu(v) }
        checkUnary("gelu backward", tol: 1e-6, accumulates: true, kernel: { ck_gelu_backward($0, $1, $2, $3, $4) }) { v, g in g * geluPrime(v) }
        checkUnary("silu forward", tol: 1e-6, kernel: { x, _, y, n, _ in ck_silu_forward(x, y, n) }) { v, _ in v * Self.sigmoid(v) }
        checkUnary("silu backward", tol: 1e-6, accumulates: true, kernel: { ck_silu_backward($0, $1, $2, $3, $4) }) { v, g in
            let s = Self.sigmoid(v); return g * s * (1 + v * (1 - s))
        }
        checkUnary("sigmoid", tol: 1e-6, kernel: { x, _, y, n, _ in ck_sigmoid_forward(x, y, n) }) { v, _ in Self.sigmoid(v) }
        // Large magnitudes saturate instead of overflowing.
        var y = [Float](repeating: 0, count: 4)
        ck_silu_forward([-200, -90, 90, 200], &y, 4)
        #expect(y.allSatisfy { $0.isFinite } && abs(y[0]) < 1e-30 && y[3] == 200)
    }

    @Test func batchNormPieces() {
        let scale: Float = 0.7, shift: Float = -0.3
        checkUnary("affine", tol: 1e-6, kernel: { x, _, y, n, _ in ck_affine(x, y, n, scale, shift, 0) }) { v, _ in v * 0.7 - 0.3 }
        checkUnary("affine silu", tol: 1e-6, kernel: { x, _, y, n, _ in ck_affine(x, y, n, scale, shift, 1) }) { v, _ in
            let z = v * Double(scale) + Double(shift); return z * Self.sigmoid(z)
        }
        for (k, n) in Self.lengths.enumerated() {
            let x = values(n, seed: UInt64(k)), gy = values(n, seed: UInt64(70 + k), -1, 1), mean: Float = 0.2
            for silu in [false, true] {
                var dz = [Float](repeating: .nan, count: n), sums: [Float] = [0, 0]
                ck_batchnorm_backward_sums(x, gy, &dz, n, scale, shift, mean, silu ? 1 : 0, &sums)
                let wantDz = (0 ..< n).map { i -> Double in
                    guard silu else { return Double(gy[i]) }
                    let z = Double(x[i]) * Double(scale) + Double(shift), s = Self.sigmoid(z)
                    return Double(gy[i]) * s * (1 + z * (1 - s))
                }
                if silu { expectClose(dz, wantDz, tol: 1e-6, "batchnorm dz") }
                let s1 = wantDz.reduce(0, +), s2 = (0 ..< n).reduce(0.0) { $0 + wantDz[$1] * (Double(x[$1]) - Double(mean)) }
                expectClose(sums, [s1, s2], tol: 1e-5, "batchnorm sums silu \(silu)")
            }
            expectClose([ck_sum(x, n), ck_sum_squared_deviation(x, mean, n)],
                        [x.reduce(0.0) { $0 + Double($1) }, x.reduce(0.0) { $0 + (Double($1) - Double(mean)) * (Double($1) - Double(mean)) }],
                        tol: 1e-5, "sum and squared deviation")
        }
        checkUnary("batchnorm input grad", tol: 1e-6, accumulates: true, kernel: { x, dz, y, n, a in ck_batchnorm_input_grad(x, dz, y, n, 1.5, 0.25, -0.125, 0.5, a) }) { v, dz in
            1.5 * (dz + 0.125 - (v - 0.25) * 0.5)
        }
    }

    @Test func dotAndAdd() {
        for (k, n) in Self.lengths.enumerated() {
            let x = values(n, seed: UInt64(k), -1, 1), y = values(n, seed: UInt64(50 + k), -1, 1)
            let want = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            expectClose([ck_dot(x, y, n)], [want], tol: 1e-5, "dot")
            var z = y
            ck_add(n, x, &z)
            expectClose(z, (0 ..< n).map { Double(y[$0]) + Double(x[$0]) }, tol: 1e-6, "add")
        }
    }

    /// Column sums (Linear's bias gradient) and LayerNorm's γ/β gradients against Double sums,
    /// and bit for bit the same whatever the column split (what makes them thread-count independent).
    @Test func columnReductionsDoNotDependOnTheSplit() {
        for (k, d) in [1, 7, 16, 17, 100, 257].enumerated() {
            let rows = 37
            let g = values(rows * d, seed: UInt64(300 + k), -1, 1), x = values(rows * d, seed: UInt64(400 + k))
            var stats = [Float]()  // μ, σ⁻¹ per row
            for r in 0 ..< rows { stats += [Float(r % 5) * 0.1, 1 + Float(r % 3) * 0.25] }
            let split = d / 3
            var whole = [Float](repeating: .nan, count: d), parts = [Float](repeating: .nan, count: d)
            ck_column_sums(g, rows, d, 0, d, &whole, 0)
            ck_column_sums(g, rows, d, 0, split, &parts, 0)
            ck_column_sums(g, rows, d, split, d, &parts, 0)
            #expect(whole == parts, "column sums d=\(d) depend on the split")
            var wantSums = [Double](repeating: 0, count: d)
            for r in 0 ..< rows { for j in 0 ..< d { wantSums[j] += Double(g[r * d + j]) } }
            expectClose(whole, wantSums, tol: 1e-5, "column sums")
            var again = whole
            ck_column_sums(g, rows, d, 0, d, &again, 1)
            expectClose(again, whole.map { 2 * Double($0) }, tol: 1e-6, "column sums accumulate")

            var dg = [Float](repeating: .nan, count: d), db = dg, dg2 = dg, db2 = dg
            ck_layernorm_param_grads(x, g, stats, rows, d, 0, d, &dg, &db)
            ck_layernorm_param_grads(x, g, stats, rows, d, 0, split, &dg2, &db2)
            ck_layernorm_param_grads(x, g, stats, rows, d, split, d, &dg2, &db2)
            #expect(dg == dg2 && db == db2, "LayerNorm γ/β gradients d=\(d) depend on the split")
            var wantGamma = [Double](repeating: 0, count: d)
            for r in 0 ..< rows {
                let mu = Double(stats[2 * r]), rstd = Double(stats[2 * r + 1])
                for j in 0 ..< d { wantGamma[j] += Double(g[r * d + j]) * (Double(x[r * d + j]) - mu) * rstd }
            }
            expectClose(dg, wantGamma, tol: 1e-5, "dγ")
            expectClose(db, whole.map { Double($0) }, tol: 1e-6, "dβ")
        }
    }

    @Test func softmaxRowsAndBackward() {
        for (k, d) in Self.lengths.enumerated() {
            let rows = 3, scale: Float = 0.6
            let x = values(rows * d, seed: UInt64(k), -8, 8), gy = values(rows * d, seed: UInt64(60 + k), -1, 1)
            var y = [Float](repeating: .nan, count: rows * d)
            ck_softmax_rows(x, &y, rows, d, scale)
            var want = [Double](repeating: 0, count: rows * d)
            for r in 0 ..< rows {
                let row = (0 ..< d).map { Double(scale) * Double(x[r * d + $0]) }
                let m = row.max()!, e = row.map { Foundation.exp($0 - m) }, s = e.reduce(0, +)
                for i in 0 ..< d { want[r * d + i] = e[i] / s }
            }
            expectClose(y, want, tol: 1e-6, "softmax d=\(d)")
            for accumulate in [false, true] {
                var gx = accumulate ? gy : [Float](repeating: .nan, count: rows * d)
                ck_softmax_backward_rows(y, gy, &gx, rows, d, scale, accumulate ? 1 : 0)
                var wantGx = [Double](repeating: 0, count: rows * d)
                for r in 0 ..< rows {
                    let dot = (0 ..< d).reduce(0.0) { $0 + Double(gy[r * d + $1]) * Double(y[r * d + $1]) }
                    for i in 0 ..< d {
                        let j = r * d + i
                        wantGx[j] = (accumulate ? Double(gy[j]) : 0) + Double(scale) * Double(y[j]) * (Double(gy[j]) - dot)
                    }
                }
                expectClose(gx, wantGx, tol: 1e-6, "softmax backward d=\(d) accumulate \(accumulate)")
            }
        }
    }

    /// Depthwise convolution (C plane kernel, forward and backward) equals a dense convolution
    /// with a block-diagonal weight on planes wide enough for full AVX-512 rows plus tails.
    @Test(arguments: [(3, 1, 1), (3, 2, 1), (5, 2, 2), (5, 1, 2)])
    func depthwiseWidePlanes(k: Int, s: Int, p: Int) {
        for (h, w) in [(5, 37), (4, 70), (3, 17)] {
            let worst = depthwiseDenseDifference(k: k, s: s, p: p, h: h, w: w)
            #expect(worst < 1e-4, "k\(k) s\(s) p\(p) \(h)×\(w): differs by \(worst)")
        }
    }
}
