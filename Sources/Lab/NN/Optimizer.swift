import Foundation

/// Parameters that share a learning rate and weight decay (PyTorch param group).
/// `names` are the parameters' state-dict names (used to save optimizer state).
public struct ParameterGroup {
    public var names: [String]
    public var parameters: [Tensor]
    /// The group's base learning rate (schedules scale from it).
    public var baseLR: Float
    /// The learning rate the next `step()` uses.
    public var lr: Float
    public var weightDecay: Float

    public init(_ named: [(String, Tensor)], lr: Float, weightDecay: Float) {
        names = named.map(\.0); parameters = named.map(\.1)
        baseLR = lr; self.lr = lr; self.weightDecay = weightDecay
    }
}

/// A first-order optimizer over parameter groups (AdamW, SGD).
///
/// Gradient accumulation: call `backward()` on `loss / k` for k micro-batches (gradients add up
/// in `.grad`), then `step()` and `zeroGrad()` once.
public protocol Optimizer: AnyObject {
    var groups: [ParameterGroup] { get set }
    /// Applies one update from the parameters' current gradients (parameters without one are skipped).
    func step()
    /// Per-parameter state tensors by name (`exp_avg.<param>` …) and scalar state as metadata.
    func state() -> (tensors: [(String, Tensor)], metadata: [String: String])
    /// Restores what `state()` returned; errors name missing or misshapen entries.
    func restore(tensors: [String: Tensor], metadata: [String: String], file: String) throws
}

extension Optimizer {
    /// Drops all gradients (the next backward writes fresh ones).
    public func zeroGrad() { for g in groups { for p in g.parameters { p.grad = nil } } }

    /// Sets every group's lr to `factor(baseLR)`, e.g. `{ schedule.lr(base: $0, epoch: e) }`.
    public func setLearningRates(_ lr: (Float) -> Float) {
        for i in groups.indices { groups[i].lr = lr(groups[i].baseLR) }
    }
}

/// Scales all gradients so their global L2 norm is at most `maxNorm`
/// (`torch.nn.utils.clip_grad_norm_`, factor maxNorm/(norm + 1e-6)); returns the norm before clipping.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var total = 0.0
    for p in parameters { if let g = p.grad { for i in 0 ..< g.count { total += Double(g.data[i]) * Double(g.data[i]) } } }
    let norm = Float(total.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for p in parameters { if let g = p.grad { for i in 0 ..< g.count { g.data[i] *= factor } } }
    }
    return norm
}

/// Counts micro-batches for gradient accumulation: `if acc.microStep() { optimizer.step(); … }`.
public struct GradientAccumulation {
    public let steps: Int
    public private(set) var counter = 0
    public init(steps: Int) { self.steps = max(1, steps) }
    /// The factor to scale each micro-batch loss by.
    public var lossScale: Float { 1 / Float(steps) }
    /// Records one micro-batch; true when it completed an accumulation (time to step).
    public mutating func microStep() -> Bool {
        counter += 1
        if counter == steps { counter = 0; return true }
        return false
    }
}

func stateTensor(_ tensors: [String: Tensor], _ name: String, like p: Tensor, file: String) throws -> Tensor {
    guard let t = tensors[name] else { throw InputError(file: file, column: name, "missing optimizer state tensor") }
    guard t.shape == p.shape else { throw InputError(file: file, column: name, "shape \(t.shape), expected \(p.shape)") }
    return t.detached()
}
