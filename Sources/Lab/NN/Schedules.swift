import Foundation

/// `torch.optim.lr_scheduler.CosineAnnealingLR` in closed form, stepped per epoch:
/// lr = eta_min + (base − eta_min)·(1 + cos(π·epoch/T_max))/2.
public struct CosineAnnealing: Sendable {
    public var tMax: Int
    public var etaMin: Float
    public init(tMax: Int, etaMin: Float) { self.tMax = tMax; self.etaMin = etaMin }
    public func lr(base: Float, epoch: Int) -> Float {
        etaMin + (base - etaMin) * Float(1 + Foundation.cos(Double.pi * Double(epoch) / Double(tMax))) / 2
    }
}

/// Linear warm-up from 0 over `warmupSteps`, then half-cosine down to `minLR` at `totalSteps`
/// (the MAE pretraining schedule, stepped per optimizer step).
public struct WarmupCosine: Sendable {
    public var warmupSteps: Int, totalSteps: Int
    public var minLR: Float
    public init(warmupSteps: Int, totalSteps: Int, minLR: Float = 0) {
        self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.minLR = minLR
    }
    public func lr(base: Float, step: Int) -> Float {
        if step < warmupSteps { return base * Float(step) / Float(max(warmupSteps, 1)) }
        let progress = Double(min(step, totalSteps) - warmupSteps) / Double(max(totalSteps - warmupSteps, 1))
        return minLR + (base - minLR) * Float(1 + Foundation.cos(Double.pi * progress)) / 2
    }
}
