import Foundation

/// Training met a non-finite loss or gradient (NaN or ±inf): the run stops at once, naming where,
/// instead of training on and recording metrics of a diverged model. The command-line tool prints
/// it and exits with status 2.
public struct NonFiniteTraining: Error, CustomStringConvertible, Equatable, Sendable {
    public var epoch: Int
    /// 1-based micro-batch of the epoch.
    public var step: Int
    /// "loss", or "gradient" with the parameter group and the first parameter at fault.
    public var quantity: String

    public init(epoch: Int, step: Int, quantity: String) { self.epoch = epoch; self.step = step; self.quantity = quantity }

    public var description: String {
        "training diverged: non-finite \(quantity) at epoch \(epoch), step \(step) "
            + "(lower the learning rate, enable gradient clipping, or check the resumed checkpoint's weights)"
    }

    /// Throws when `loss` is not finite.
    static func checkLoss(_ loss: Float, epoch: Int, step: Int) throws {
        guard loss.isFinite else { throw NonFiniteTraining(epoch: epoch, step: step, quantity: "loss (\(loss))") }
    }

    /// Throws at the first parameter whose gradient holds a non-finite value; `groupNames[i]` names group i.
    static func checkGradients(_ groups: [ParameterGroup], groupNames: [String], epoch: Int, step: Int) throws {
        for (g, group) in groups.enumerated() {
            for (name, p) in zip(group.names, group.parameters) {
                guard let grad = p.grad, !allFinite(grad) else { continue }
                let label = g < groupNames.count ? groupNames[g] : "group \(g)"
                throw NonFiniteTraining(epoch: epoch, step: step, quantity: "gradient in parameter group '\(label)' (\(name))")
            }
        }
    }

    /// Whether every value of `t` is finite (x − x is NaN exactly for NaN and ±inf).
    static func allFinite(_ t: Tensor) -> Bool {
        var acc: Float = 0
        for i in 0 ..< t.count { acc += t.data[i] - t.data[i] }
        return acc == 0
    }
}
