/// The loss a spec names, as a function of logits [B, C] and targets [B, C] (DESIGN §6).
public enum TrainingLoss {
    public static func function(_ spec: LossSpec) -> (Tensor, Tensor) -> Tensor {
        switch spec {
        case .studyASL(let a):
            return { studyASL($0, $1, gammaNeg: a.gammaNegative, gammaPos: a.gammaPositive, clip: a.clip, eps: a.eps) }
        case .referenceASL(let a):
            return { referenceASL($0, $1, gammaNeg: a.gammaNegative, gammaPos: a.gammaPositive, clip: a.clip, eps: a.eps,
                                  reduction: a.reduction == .sum ? .sum : .mean) }
        case .bce:
            return { bceWithLogits($0, $1) }
        }
    }
}

extension ScheduleSpec {
    /// Learning rate of 1-based `epoch` for base rate `base`: linear warm-up over `warmupEpochs`
    /// (epoch k of w at k/w of base), then `CosineAnnealing(T_max, eta_min)` counted from the
    /// first epoch after warm-up (PyTorch's CosineAnnealingLR stepped once per epoch).
    public func learningRate(base: Float, epoch: Int) -> Float {
        if epoch <= warmupEpochs { return base * Float(epoch) / Float(max(warmupEpochs, 1)) }
        return CosineAnnealing(tMax: max(cosineTMax, 1), etaMin: Float(etaMin)).lr(base: base, epoch: epoch - 1 - warmupEpochs)
    }
}
