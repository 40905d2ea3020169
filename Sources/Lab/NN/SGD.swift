/// SGD with momentum (`torch.optim.SGD`): g ← g + wd·p; buf ← μ·buf + g (buf = g at first);
/// p ← p − lr·buf (Nesterov: p ← p − lr·(g + μ·buf)).
public final class SGD: Optimizer {
    public var groups: [ParameterGroup]
    public let momentum: Float
    public let nesterov: Bool
    private var buffers: [ObjectIdentifier: Tensor] = [:]

    public init(_ groups: [ParameterGroup], momentum: Float = 0.9, nesterov: Bool = false) {
        self.groups = groups; self.momentum = momentum; self.nesterov = nesterov
    }

    public func step() {
        for group in groups {
            for p in group.parameters {
                guard let g = p.grad else { continue }
                let id = ObjectIdentifier(p)
                let first = buffers[id] == nil
                let buf = buffers[id] ?? Tensor(zeros: p.shape)
                buffers[id] = buf
                let pp = p.data, pg = g.data, pb = buf.data
                let lr = group.lr, wd = group.weightDecay, mu = momentum, nest = nesterov
                for i in 0 ..< p.count {
                    let gi = pg[i] + wd * pp[i]
                    pb[i] = (first || mu == 0) ? gi : mu * pb[i] + gi
                    pp[i] -= lr * (nest ? gi + mu * pb[i] : pb[i])
                }
            }
        }
    }

    public func state() -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        var tensors: [(String, Tensor)] = []
        for group in groups {
            for (name, p) in zip(group.names, group.parameters) {
                if let b = buffers[ObjectIdentifier(p)] { tensors.append(("momentum_buffer.\(name)", b)) }
            }
        }
        return (tensors, [:])
    }

    public func restore(tensors: [String: Tensor], metadata: [String: String], file: String) throws {
        buffers = [:]
        for group in groups {
            for (name, p) in zip(group.names, group.parameters) where tensors["momentum_buffer.\(name)"] != nil {
                buffers[ObjectIdentifier(p)] = try stateTensor(tensors, "momentum_buffer.\(name)", like: p, file: file)
            }
        }
    }
}
