import Foundation
import Testing
@testable import Lab

/// Forward values and gradients against PyTorch 2.15.0 (Fixtures/reference/tensor/make_reference.py,
/// committed output reference.json). Tolerance: |swift − torch| ≤ 1e-4 · (|torch| + mean |torch|)
/// per element, i.e. 1e-4 relative with the tensor's mean magnitude guarding near-zero entries.
@Suite struct TorchReferenceTests {
    static let reference: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Fixtures/reference/tensor/reference.json").standardized
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    struct Case {
        let raw: [String: Any]
        init(_ name: String) { raw = TorchReferenceTests.reference[name] as! [String: Any] }
        func input(_ n: String) -> Tensor {
            let shapes = raw["shapes"] as! [String: [Int]], inputs = raw["inputs"] as! [String: [Double]]
            return Tensor(shape: shapes[n]!, values: inputs[n]!.map(Float.init))
        }
        func values(_ key: String) -> [Double] { raw[key] as! [Double] }
        func grad(_ n: String) -> [Double] { (raw["grads"] as! [String: [Double]])[n]! }
        var gy: Tensor { Tensor(shape: raw["y_shape"] as! [Int], values: values("gy").map(Float.init)) }
    }

    func expectClose(_ a: Tensor?, _ r: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let a else { Issue.record("\(what): missing", sourceLocation: sourceLocation); return }
        #expect(a.count == r.count, "\(what): \(a.count) vs \(r.count) elements", sourceLocation: sourceLocation)
        let meanMag = r.reduce(0) { $0 + abs($1) } / Double(max(r.count, 1))
        var worst = 0.0, at = 0
        for i in 0 ..< min(a.count, r.count) {
            let e = abs(Double(a.data[i]) - r[i]) / (abs(r[i]) + meanMag)
            if e > worst { worst = e; at = i }
        }
        #expect(worst <= 1e-4, "\(what): element \(at) swift \(a.data[at]) torch \(r[at]) (relative \(worst))", sourceLocation: sourceLocation)
    }

    /// Runs forward, backward with the case's gy, and compares output and gradients.
    func check(_ c: Case, _ names: [String], sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
        let inputs = names.map { c.input($0) }
        for t in inputs { t.isLeafRequiringGrad = true }
        let y = f(inputs)
        expectClose(y, c.values("y"), "y", sourceLocation: sourceLocation)
        y.backward(seed: c.gy)
        for (n, t) in zip(names, inputs) { expectClose(t.grad, c.grad(n), "d\(n)", sourceLocation: sourceLocation) }
    }

    @Test func conv2d3x3Stride2() {
        check(Case("conv2d"), ["x", "w", "b"]) { conv2d($0[0], weight: $0[1], bias: $0[2], stride: (2, 2), padding: (1, 1)) }
    }

    @Test func conv2dPointwise() {
        check(Case("conv2d_1x1"), ["x", "w", "b"]) { conv2d($0[0], weight: $0[1], bias: $0[2]) }
    }

    @Test func depthwiseConv5x5Stride2() {
        check(Case("depthwise"), ["x", "w"]) { depthwiseConv2d($0[0], weight: $0[1], bias: nil, stride: (2, 2), padding: (2, 2)) }
    }

    @Test func batchNormTrainingAndRunningStatistics() {
        let c = Case("batchnorm_train")
        let rm = Tensor(shape: [3], values: c.values("running_mean_before").map(Float.init))
        let rv = Tensor(shape: [3], values: c.values("running_var_before").map(Float.init))
        check(c, ["x", "g", "b"]) { batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm, runningVar: rv, training: true, momentum: 0.1, eps: 1e-5) }
        expectClose(rm, c.values("running_mean_after"), "running_mean")
        expectClose(rv, c.values("running_var_after"), "running_var")
    }

    @Test func batchNormEval() {
        let c = Case("batchnorm_eval")
        let rm = Tensor(shape: [3], values: c.values("running_mean").map(Float.init))
        let rv = Tensor(shape: [3], values: c.values("running_var").map(Float.init))
        check(c, ["x", "g", "b"]) { batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm, runningVar: rv, training: false, eps: 1e-5) }
    }

    @Test func layerNormEps1e6() {
        check(Case("layernorm"), ["x", "g", "b"]) { layerNorm($0[0], gamma: $0[1], beta: $0[2], eps: 1e-6) }
    }

    @Test func multiHeadAttention() {
        check(Case("attention"), ["qkv"]) { attention(qkv: $0[0], heads: 3) }
    }

    @Test func exactGELU() { check(Case("gelu"), ["x"]) { gelu($0[0]) } }

    @Test func siLU() { check(Case("silu"), ["x"]) { silu($0[0]) } }

    @Test func twoAdamWSteps() {
        let r = TorchReferenceTests.reference["adamw"] as! [String: Any]
        func t(_ k: String) -> Tensor { Tensor(shape: [3, 4], values: (r[k] as! [Double]).map(Float.init)) }
        let p = t("p0")
        p.isLeafRequiringGrad = true
        let opt = AdamW([ParameterGroup([("p", p)], lr: 1e-2, weightDecay: 0.05)], betas: (0.9, 0.999), eps: 1e-8)
        p.grad = t("g1"); opt.step()
        expectClose(p, r["p1"] as! [Double], "p after step 1")
        p.grad = t("g2"); opt.step()
        expectClose(p, r["p2"] as! [Double], "p after step 2")
        let state = Dictionary(uniqueKeysWithValues: opt.state().tensors)
        expectClose(state["exp_avg.p"], r["exp_avg"] as! [Double], "exp_avg")
        expectClose(state["exp_avg_sq.p"], r["exp_avg_sq"] as! [Double], "exp_avg_sq")
    }
}
