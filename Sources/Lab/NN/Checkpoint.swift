import Foundation

/// A resumable training state in one safetensors file: the model's state dict under its own
/// names (loadable by PyTorch after dropping the `optimizer.` entries), the optimizer's state
/// under `optimizer.…`, random generators as JSON in the metadata (`rng.<label>`), and free-form
/// metadata (epoch, step, spec hash…).
public enum Checkpoint {
    /// Writes model, optimizer, generators and `metadata` atomically to `url`. With `verify`, reads
    /// the file back and checks its checksum, so a checkpoint damaged on its way to disk is an
    /// error when it is written rather than when a later run needs it.
    public static func save(model: any Module, optimizer: (any Optimizer)?, generators: [String: SeededGenerator] = [:],
                            metadata: [String: String] = [:], to url: URL, verify: Bool = false) throws {
        var tensors = model.stateDict()
        var meta = metadata
        if let optimizer {
            let s = optimizer.state()
            tensors += s.tensors.map { ("optimizer.\($0.0)", $0.1) }
            for (k, v) in s.metadata { meta["optimizer.\(k)"] = v }
            for (i, g) in optimizer.groups.enumerated() { meta["optimizer.group\(i).lr"] = String(g.lr) }
        }
        for (label, g) in generators { meta["rng.\(label)"] = String(decoding: try JSONEncoder().encode(g), as: UTF8.self) }
        try Safetensors.write(tensors, metadata: meta, to: url)
        if verify { _ = try Safetensors.read(url) }
    }

    /// Restores model and optimizer from `url`; returns the saved generators and metadata.
    @discardableResult
    public static func load(model: any Module, optimizer: (any Optimizer)?, from url: URL) throws
        -> (generators: [String: SeededGenerator], metadata: [String: String])
    {
        let (tensors, meta) = try Safetensors.read(url)
        let modelTensors = tensors.filter { !$0.key.hasPrefix("optimizer.") }
        try model.load(modelTensors, file: url.path)
        if let optimizer {
            var state: [String: Tensor] = [:], smeta: [String: String] = [:]
            for (k, v) in tensors where k.hasPrefix("optimizer.") { state[String(k.dropFirst(10))] = v }
            for (k, v) in meta where k.hasPrefix("optimizer.") { smeta[String(k.dropFirst(10))] = v }
            try optimizer.restore(tensors: state, metadata: smeta, file: url.path)
            for i in optimizer.groups.indices {
                if let s = smeta["group\(i).lr"], let lr = Float(s) { optimizer.groups[i].lr = lr }
            }
        }
        var generators: [String: SeededGenerator] = [:]
        var rest: [String: String] = [:]
        for (k, v) in meta {
            if k.hasPrefix("rng.") {
                do { generators[String(k.dropFirst(4))] = try JSONDecoder().decode(SeededGenerator.self, from: Data(v.utf8)) } catch {
                    throw InputError(file: url.path, column: k, "expected a SeededGenerator as JSON")
                }
            } else if !k.hasPrefix("optimizer.") {
                rest[k] = v
            }
        }
        return (generators, rest)
    }
}
