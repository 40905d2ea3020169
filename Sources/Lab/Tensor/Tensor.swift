import Foundation

/// # The Birdlab tensor engine
///
/// `Tensor` is a Float32 array with a shape (row-major, images NCHW, token sequences [B, T, D]).
/// Gradients are reverse-mode and recorded as a graph, like PyTorch: every op that has an input
/// with `requiresGrad` stores a backward closure in its output's `GradNode`; `loss.backward()`
/// orders the graph topologically and runs the closures from the loss back to the leaves,
/// accumulating into each leaf's `grad`. The graph is consumed by `backward()` (each node is
/// dropped right after it ran, so activation memory falls as backward proceeds). Every op in
/// `Sources/Lab/Tensor/Ops` has a forward kernel and its backward, and nothing else computes
/// gradients. Buffers come from `BufferPool`, so a loop with fixed shapes reuses memory.
///
/// ## Writing a layer
/// A layer is a class conforming to `Layer` (see `NN/Module.swift`): it owns parameter tensors
/// (`Tensor.parameter(...)`), lists them by their PyTorch names, and composes ops in
/// `callAsFunction`. No backward code is written for layers or models.
///
/// ```swift
/// final class MLP: Layer {
///     let fc1: Linear, fc2: Linear
///     init(_ d: Int, _ hidden: Int, rng: inout SeededGenerator) {
///         fc1 = Linear(d, hidden, rng: &rng); fc2 = Linear(hidden, d, rng: &rng)
///     }
///     var children: [(String, any Module)] { [("fc1", fc1), ("fc2", fc2)] }
///     func callAsFunction(_ x: Tensor) -> Tensor { fc2(gelu(fc1(x))) }   // [B, T, D] -> [B, T, D]
/// }
/// ```
/// `model.namedParameters()` then yields `fc1.weight`, `fc1.bias`, … (safetensors names),
/// `model.train()` / `model.eval()` switch BatchNorm, Dropout and DropPath.
///
/// ## A training step
/// ```swift
/// let logits = model(x)                              // forward builds the graph
/// let loss = bceWithLogits(logits, targets)          // scalar tensor
/// (loss * (1 / Float(accumulation))).backward()      // grads add up in parameters' .grad
/// clipGradNorm(model.parameters(), maxNorm: 1)
/// optimizer.step(); optimizer.zeroGrad()
/// ```
/// Inference: wrap in `Autograd.noGrad { … }` so no graph is kept.
///
/// ## Writing a new op
/// Compute the output with raw pointers (`x.data`), then
/// `y.recordBackward([x, w]) { gy in x.accumulateGrad { gx, fresh in … } … }`.
/// `gy` is the output's gradient; `accumulateGrad` hands the input's gradient buffer and `fresh`
/// (true: the buffer is uninitialised, write it; false: add to it). Never capture `y` itself in
/// the closure (capture `y.storage` if the output value is needed).
public final class Tensor {
    /// Dimensions, outermost first.
    public let shape: [Int]
    /// Number of elements (product of `shape`).
    public let count: Int
    /// The memory; several tensors may share it (`reshaped` is a view).
    public let storage: Storage
    /// Set on leaves that want gradients (parameters); ops' outputs track it through `node`.
    public var isLeafRequiringGrad: Bool
    /// Accumulated gradient (same shape), created by `backward()`; nil until then.
    public var grad: Tensor?
    /// The op that produced this tensor, while a graph is recorded.
    var node: GradNode?

    /// A tensor over existing storage (no copy).
    public init(shape: [Int], storage: Storage, requiresGrad: Bool = false) {
        let n = shape.reduce(1, *)
        precondition(n <= storage.count, "shape \(shape) needs \(n) floats, storage has \(storage.count)")
        self.shape = shape
        self.count = n
        self.storage = storage
        self.isLeafRequiringGrad = requiresGrad
    }

    /// An uninitialised tensor (every element must be written before it is read).
    public convenience init(uninitialized shape: [Int]) {
        self.init(shape: shape, storage: Storage(count: shape.reduce(1, *)))
    }

    /// A tensor filled with `value`.
    public convenience init(shape: [Int], repeating value: Float) {
        self.init(uninitialized: shape)
        data.update(repeating: value, count: count)
    }

    /// Zeros.
    public convenience init(zeros shape: [Int]) { self.init(shape: shape, repeating: 0) }

    /// A tensor holding `values` (row-major).
    public convenience init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values for shape \(shape)")
        self.init(uninitialized: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A scalar (shape []).
    public convenience init(scalar: Float) { self.init(shape: [], values: [scalar]) }

    /// A trainable parameter: zeros with `requiresGrad`; initialise with `Init`.
    public static func parameter(_ shape: [Int]) -> Tensor {
        let t = Tensor(zeros: shape)
        t.isLeafRequiringGrad = true
        return t
    }

    /// Whether gradients flow to this tensor.
    @inline(__always) public var requiresGrad: Bool { isLeafRequiringGrad || node != nil }

    /// Raw element pointer (row-major).
    @inline(__always) public var data: UnsafeMutablePointer<Float> { storage.pointer }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Size of dimension `axis` (negative counts from the end).
    public func size(_ axis: Int) -> Int { shape[axis < 0 ? shape.count + axis : axis] }

    /// Copy of the elements.
    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// The single element of a one-element tensor.
    public func item() -> Float {
        precondition(count == 1, "item() of a tensor with shape \(shape)")
        return data[0]
    }

    /// A copy that is not part of any graph.
    public func detached() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.data.update(from: data, count: count)
        return t
    }

    /// Overwrites the elements with `source`'s (same count); not recorded.
    public func copyValues(from source: Tensor) {
        precondition(source.count == count, "copy \(source.shape) into \(shape)")
        data.update(from: source.data, count: count)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = values.prefix(8).map { String(format: "%.5g", $0) }.joined(separator: ", ")
        return "Tensor\(shape)[\(shown)\(count > 8 ? ", …" : "")]"
    }
}
