import Foundation

/// Binary cross-entropy on logits, numerically stable (`BCEWithLogitsLoss`):
/// ℓ = max(x, 0) − x·y + log(1 + e^−|x|); targets may be soft. Mean over all cells by default.
public func bceWithLogits(_ logits: Tensor, _ targets: Tensor, reduction: LossReduction = .mean) -> Tensor {
    cellwiseLoss(logits, targets, reduction: reduction) { x, y in
        (max(x, 0) - x * y + Foundation.log1p(Foundation.exp(-abs(x))), sigmoidDouble(x) - y)
    }
}
