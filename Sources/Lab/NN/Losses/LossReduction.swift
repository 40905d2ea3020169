import Foundation

/// How per-cell losses are combined.
public enum LossReduction: Sendable { case mean, sum }

/// A loss that is a sum of independent per-cell terms of (logit, target): computes the value
/// and its derivative per cell in Double, reduces, and records the backward.
func cellwiseLoss(_ logits: Tensor, _ targets: Tensor, reduction: LossReduction, _ cell: (Double, Double) -> (value: Double, dx: Double)) -> Tensor {
    precondition(logits.shape == targets.shape, "loss: logits \(logits.shape) vs targets \(targets.shape)")
    let n = logits.count
    let derivative = Storage(count: n)
    var total = 0.0
    let scale = reduction == .mean ? 1 / Double(max(n, 1)) : 1
    for i in 0 ..< n {
        let (v, d) = cell(Double(logits.data[i]), Double(targets.data[i]))
        total += v
        derivative.pointer[i] = Float(d * scale)
    }
    let y = Tensor(scalar: Float(total * scale))
    y.recordBackward([logits]) { gy in
        let g0 = gy[0], pd = derivative.pointer
        logits.accumulateGrad { g, fresh in
            if fresh { for i in 0 ..< n { g[i] = g0 * pd[i] } } else { for i in 0 ..< n { g[i] += g0 * pd[i] } }
        }
    }
    return y
}

@inline(__always) func sigmoidDouble(_ x: Double) -> Double { x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x)) }
