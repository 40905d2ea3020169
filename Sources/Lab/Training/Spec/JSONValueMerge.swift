/// Laying one JSON tree over another, and the smallest tree that turns one into another: how a
/// spec-file row's knobs are applied to its parent, and how a row is written as its changes.
extension JSONValue {
    /// `self` with `override` laid over it. Objects merge key by key, recursively; a `null` in
    /// `override` removes the key (an option switched off); any other value replaces. A one-key
    /// object (an enum case: `{studyASL: …}`, `{vit: …}`) is replaced whole by an object that
    /// shares none of its keys (the case swapped: `{bce: true}`, `{efficientNet: …}`).
    public func merging(_ override: JSONValue) -> JSONValue {
        guard case .object(let base) = self, case .object(let top) = override, !Self.swapsCase(base, top) else {
            return override
        }
        var out = base
        for (key, value) in top {
            if value == .null { out[key] = nil } else { out[key] = base[key].map { $0.merging(value) } ?? value }
        }
        return .object(out)
    }

    /// The smallest override with `base.merging(override) == self`; nil when the two are equal.
    public func override(from base: JSONValue) -> JSONValue? {
        if self == base { return nil }
        guard case .object(let new) = self, case .object(let old) = base, !Self.swapsCase(old, new) else { return self }
        var out: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) {
            switch (old[key], new[key]) {
            case (_, nil): out[key] = .null
            case (nil, let value?): out[key] = value
            case (let a?, let b?): if let change = b.override(from: a) { out[key] = change }
            }
        }
        return .object(out)
    }

    /// True when `top` replaces `base` whole: `base` is a one-key object and `top` a non-empty
    /// object sharing none of its keys.
    private static func swapsCase(_ base: [String: JSONValue], _ top: [String: JSONValue]) -> Bool {
        base.count == 1 && !top.isEmpty && Set(base.keys).isDisjoint(with: top.keys)
    }
}
