import CKernels
import Foundation

/// A recorded op: the inputs it read and how to push the output's gradient into them.
final class GradNode {
    var inputs: [Tensor]
    var backward: ((UnsafeMutablePointer<Float>) -> Void)?
    init(inputs: [Tensor], backward: @escaping (UnsafeMutablePointer<Float>) -> Void) {
        self.inputs = inputs
        self.backward = backward
    }
}

/// Gradient recording switches.
public enum Autograd {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// Whether ops on this thread record a graph (false inside `noGrad`).
    public static var isRecording: Bool { pthread_getspecific(key) == nil }

    /// Runs `body` without recording gradients (inference, metrics, target computation).
    public static func noGrad<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}

extension Tensor {
    /// Records `backward` for this (freshly computed) output if any input needs a gradient.
    /// `backward` receives this tensor's gradient; it must not capture `self`.
    @inline(__always)
    public func recordBackward(_ inputs: [Tensor], _ backward: @escaping (UnsafeMutablePointer<Float>) -> Void) {
        guard inputs.contains(where: { $0.requiresGrad }), Autograd.isRecording else { return }
        node = GradNode(inputs: inputs, backward: backward)
    }

    /// Hands this tensor's gradient buffer to `body` if it requires a gradient. `fresh` is true
    /// when the buffer was just created and is uninitialised (`body` must write every element);
    /// otherwise `body` adds to it.
    @inline(__always)
    public func accumulateGrad(_ body: (_ grad: UnsafeMutablePointer<Float>, _ fresh: Bool) -> Void) {
        guard let (g, fresh) = gradBuffer() else { return }
        body(g, fresh)
    }

    /// The gradient buffer and whether it is fresh (contents undefined: write, do not add),
    /// created on first use; nil when this tensor needs no gradient.
    func gradBuffer() -> (UnsafeMutablePointer<Float>, fresh: Bool)? {
        guard requiresGrad else { return nil }
        if let g = grad { return (g.data, false) }
        let g = Tensor(uninitialized: shape)
        grad = g
        return (g.data, true)
    }

    /// Adds `source` (count elements) into this tensor's gradient.
    public func accumulateGrad(adding source: UnsafePointer<Float>) {
        accumulateGrad { g, fresh in
            parallelFor(count, costPerItem: 4) { r in
                if fresh { (g + r.lowerBound).update(from: source + r.lowerBound, count: r.count) }
                else { ck_add(r.count, source + r.lowerBound, g + r.lowerBound) }
            }
        }
    }

    /// Reverse-mode sweep from this tensor. A non-scalar tensor needs `seed` (its gradient).
    /// Leaves accumulate into `grad`; the recorded graph is consumed.
    public func backward(seed: Tensor? = nil) {
        precondition(seed != nil || count == 1, "backward() of non-scalar \(shape) needs a seed")
        guard node != nil else { return }
        var order: [Tensor?] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative post-order DFS over op outputs.
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (t, i) = stack.popLast() {
            let inputs = t.node?.inputs ?? []
            if i < inputs.count {
                stack.append((t, i + 1))
                let child = inputs[i]
                if child.node != nil, visited.insert(ObjectIdentifier(child)).inserted { stack.append((child, 0)) }
            } else {
                order.append(t)
            }
        }
        let g = Tensor(uninitialized: shape)
        if let seed { g.copyValues(from: seed) } else { g.data[0] = 1 }
        grad = g
        for i in stride(from: order.count - 1, through: 0, by: -1) {
            guard let t = order[i] else { continue }
            order[i] = nil
            let node = t.node
            t.node = nil
            if let gy = t.grad, let run = node?.backward { run(gy.data) }
            if t !== self { t.grad = nil }
        }
    }
}
