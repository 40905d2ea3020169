import Foundation

/// AdamW (Loshchilov & Hutter; `torch.optim.AdamW`): decoupled weight decay p ← p − lr·wd·p,
/// then the bias-corrected Adam step p ← p − lr·m̂/(√v̂ + eps).
public final class AdamW: Optimizer {
    public var groups: [ParameterGroup]
    public let beta1: Float, beta2: Float, eps: Float
    private var m: [ObjectIdentifier: Tensor] = [:]
    private var v: [ObjectIdentifier: Tensor] = [:]
    private var steps: [ObjectIdentifier: Int] = [:]

    public init(_ groups: [ParameterGroup], betas: (Float, Float) = (0.9, 0.999), eps: Float = 1e-8) {
        self.groups = groups
        (beta1, beta2) = betas
        self.eps = eps
    }

    public func step() {
        for group in groups {
            for p in group.parameters {
                guard let g = p.grad else { continue }
                let id = ObjectIdentifier(p)
                let mt = m[id] ?? Tensor(zeros: p.shape), vt = v[id] ?? Tensor(zeros: p.shape)
                m[id] = mt; v[id] = vt
                let t = (steps[id] ?? 0) + 1
                steps[id] = t
                let bc1 = 1 - Foundation.pow(Double(beta1), Double(t)), bc2 = 1 - Foundation.pow(Double(beta2), Double(t))
                let stepSize = group.lr / Float(bc1), bc2Sqrt = Float(bc2.squareRoot())
                let decay = 1 - group.lr * group.weightDecay
                let pp = p.data, pg = g.data, pm = mt.data, pv = vt.data
                let b1 = beta1, b2 = beta2, e = eps
                parallelFor(p.count, costPerItem: 16) { r in
                    for i in r {
                        let gi = pg[i]
                        pm[i] = b1 * pm[i] + (1 - b1) * gi
                        pv[i] = b2 * pv[i] + (1 - b2) * gi * gi
                        pp[i] = pp[i] * decay - stepSize * pm[i] / (pv[i].squareRoot() / bc2Sqrt + e)
                    }
                }
            }
        }
    }

    public func state() -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        var tensors: [(String, Tensor)] = [], meta: [String: String] = [:]
        for group in groups {
            for (name, p) in zip(group.names, group.parameters) {
                let id = ObjectIdentifier(p)
                guard let mt = m[id], let vt = v[id] else { continue }
                tensors += [("exp_avg.\(name)", mt), ("exp_avg_sq.\(name)", vt)]
                meta["step.\(name)"] = String(steps[id] ?? 0)
            }
        }
        return (tensors, meta)
    }

    public func restore(tensors: [String: Tensor], metadata: [String: String], file: String) throws {
        m = [:]; v = [:]; steps = [:]
        for group in groups {
            for (name, p) in zip(group.names, group.parameters) {
                guard let s = metadata["step.\(name)"] else { continue }  // never stepped
                guard let t = Int(s) else { throw InputError(file: file, column: "step.\(name)", "expected an integer, got '\(s)'") }
                let id = ObjectIdentifier(p)
                m[id] = try stateTensor(tensors, "exp_avg.\(name)", like: p, file: file)
                v[id] = try stateTensor(tensors, "exp_avg_sq.\(name)", like: p, file: file)
                steps[id] = t
            }
        }
    }
}
