import Foundation

/// Anything that owns parameters: layers, blocks, whole models.
///
/// A module lists its own parameters and buffers by their PyTorch attribute names and its child
/// modules by their attribute names; `namedParameters()` joins them with dots exactly like
/// `torch.nn.Module.named_parameters()` (`blocks.0.attn.qkv.weight`), so safetensors files map
/// one to one. Only modules whose behaviour differs in training (BatchNorm, Dropout, DropPath)
/// store `isTraining`; containers just list children.
public protocol Module: AnyObject {
    /// This module's own trainable tensors, e.g. `[("weight", weight), ("bias", bias)]`.
    var ownParameters: [(String, Tensor)] { get }
    /// This module's own non-trainable state saved in checkpoints (BatchNorm running statistics).
    var ownBuffers: [(String, Tensor)] { get }
    /// Child modules by attribute name (`"fc1"`, or `"0"`, `"1"` for lists).
    var children: [(String, any Module)] { get }
    /// Training mode flag; the default implementation ignores it (no mode-dependent behaviour).
    var isTraining: Bool { get set }
}

/// A module with a single-tensor forward pass.
public protocol Layer: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
}

extension Module {
    public var ownParameters: [(String, Tensor)] { [] }
    public var ownBuffers: [(String, Tensor)] { [] }
    public var children: [(String, any Module)] { [] }
    public var isTraining: Bool {
        get { children.first?.1.isTraining ?? true }
        set {}
    }

    /// All parameters with dotted PyTorch names, in declaration order.
    public func namedParameters(prefix: String = "") -> [(String, Tensor)] {
        var out = ownParameters.map { (prefix + $0.0, $0.1) }
        for (name, child) in children { out += child.namedParameters(prefix: prefix + name + ".") }
        return out
    }

    /// All buffers with dotted names.
    public func namedBuffers(prefix: String = "") -> [(String, Tensor)] {
        var out = ownBuffers.map { (prefix + $0.0, $0.1) }
        for (name, child) in children { out += child.namedBuffers(prefix: prefix + name + ".") }
        return out
    }

    /// Parameters then buffers: what a checkpoint stores (PyTorch's `state_dict`, minus
    /// BatchNorm's integer `num_batches_tracked`).
    public func stateDict() -> [(String, Tensor)] { namedParameters() + namedBuffers() }

    /// The parameter tensors.
    public func parameters() -> [Tensor] { namedParameters().map(\.1) }

    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Switches this module and every descendant to training (true) or evaluation mode.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in children { child.train(on) }
    }

    /// Evaluation mode (BatchNorm uses running statistics, Dropout and DropPath pass through).
    public func eval() { train(false) }

    /// Copies `tensors` into this module's parameters and buffers by name. Every missing,
    /// misshapen or (when `strict`) unexpected tensor is named in one `InputError` for `file`.
    public func load(_ tensors: [String: Tensor], file: String, strict: Bool = true) throws {
        var problems: [String] = []
        let own = stateDict()
        for (name, t) in own {
            guard let source = tensors[name] else { problems.append("missing tensor '\(name)' \(t.shape)"); continue }
            if source.shape != t.shape {
                problems.append("tensor '\(name)' has shape \(source.shape), expected \(t.shape)")
            }
        }
        if strict {
            let known = Set(own.map(\.0))
            for name in tensors.keys.sorted() where !known.contains(name) { problems.append("unexpected tensor '\(name)'") }
        }
        guard problems.isEmpty else { throw InputError(file: file, problems.joined(separator: "; ")) }
        for (name, t) in own { t.copyValues(from: tensors[name]!) }
    }
}

/// Layers applied in order; children are named "0", "1", … like `torch.nn.Sequential`.
public final class Sequential: Layer {
    public let layers: [any Layer]
    public init(_ layers: [any Layer]) { self.layers = layers }
    public var children: [(String, any Module)] { layers.enumerated().map { ("\($0.offset)", $0.element) } }
    public func callAsFunction(_ x: Tensor) -> Tensor { layers.reduce(x) { $1($0) } }
}
