import Foundation

/// The study's asymmetric loss (DESIGN §6): with p = σ(x) and p₋ = min(1 − p + clip, 1),
/// ℓ = −[ y·log(max(p, eps))·(1 − p)^γ₊ + (1 − y)·log(max(p₋, eps))·p^γ₋ ], mean over all cells.
/// The negative focusing weight p^γ₋ uses the unclipped p; gradients flow through every factor.
public func studyASL(_ logits: Tensor, _ targets: Tensor, gammaNeg: Double = 5, gammaPos: Double = 0,
                     clip: Double = 0.05, eps: Double = 1e-8) -> Tensor {
    cellwiseLoss(logits, targets, reduction: .mean) { x, y in
        let p = sigmoidDouble(x)
        let pos = positiveTerm(p, y, gammaPos, eps)
        // negative: log(max(p₋, eps)) · p^γ₋
        let pNeg = min(1 - p + clip, 1)
        let dpNeg: Double = (1 - p + clip < 1) ? -1 : 0
        let l2 = Foundation.log(max(pNeg, eps)), dl2 = pNeg > eps ? dpNeg / pNeg : 0
        let w2 = power(p, gammaNeg), dw2 = gammaNeg == 0 ? 0 : gammaNeg * power(p, gammaNeg - 1)
        let neg = (value: (1 - y) * l2 * w2, dp: (1 - y) * (dl2 * w2 + l2 * dw2))
        return (-(pos.value + neg.value), -(pos.dp + neg.dp) * p * (1 - p))
    }
}

/// The reference asymmetric loss (Ridnik et al. 2021, Alibaba-MIIL/ASL `AsymmetricLoss`):
/// p₋ = min(1 − p + clip, 1) (no clipping when clip = 0), positive weight (1 − p)^γ₊,
/// negative weight (1 − p₋)^γ₋ = max(p − clip, 0)^γ₋; `.sum` as the paper, `.mean` as timm
/// and BirdSet. Gradients flow through the focusing weights.
public func referenceASL(_ logits: Tensor, _ targets: Tensor, gammaNeg: Double = 4, gammaPos: Double = 1,
                         clip: Double = 0.05, eps: Double = 1e-8, reduction: LossReduction = .sum) -> Tensor {
    cellwiseLoss(logits, targets, reduction: reduction) { x, y in
        let p = sigmoidDouble(x)
        let pos = positiveTerm(p, y, gammaPos, eps)
        let clipped = clip > 0 && 1 - p + clip < 1
        let pNeg = clip > 0 ? min(1 - p + clip, 1) : 1 - p
        let dpNeg: Double = (clip <= 0 || clipped) ? -1 : 0
        let l2 = Foundation.log(max(pNeg, eps)), dl2 = pNeg > eps ? dpNeg / pNeg : 0
        let base = 1 - pNeg
        let w2 = power(base, gammaNeg), dw2 = gammaNeg == 0 ? 0 : gammaNeg * power(base, gammaNeg - 1) * -dpNeg
        let neg = (value: (1 - y) * l2 * w2, dp: (1 - y) * (dl2 * w2 + l2 * dw2))
        return (-(pos.value + neg.value), -(pos.dp + neg.dp) * p * (1 - p))
    }
}

/// y·log(max(p, eps))·(1 − p)^γ₊ and its derivative in p.
private func positiveTerm(_ p: Double, _ y: Double, _ gamma: Double, _ eps: Double) -> (value: Double, dp: Double) {
    let l1 = Foundation.log(max(p, eps)), dl1 = p > eps ? 1 / p : 0
    let w1 = power(1 - p, gamma), dw1 = gamma == 0 ? 0 : -gamma * power(1 - p, gamma - 1)
    return (y * l1 * w1, y * (dl1 * w1 + l1 * dw1))
}

/// x^γ with 0^0 = 1.
private func power(_ x: Double, _ gamma: Double) -> Double { gamma == 0 ? 1 : Foundation.pow(x, gamma) }
