/// One knob that differs between two specs: `path: old → new` (`none` when absent on one side).
public struct SpecChange: Hashable, Sendable, CustomStringConvertible {
    /// Dotted JSON key path, e.g. `loss.studyASL.gammaNegative` or `data.pseudoLabels`.
    public var path: String
    public var old: String
    public var new: String
    /// `old` / `new` with nested objects shortened to `{…}`.
    public var oldBrief: String
    public var newBrief: String

    public var description: String { "\(path): \(old) → \(new)" }
    /// One line with nested objects shortened, for table cells.
    public var brief: String { "\(path): \(oldBrief) → \(newBrief)" }

    /// The differences between two encodable values. Where a whole sub-object exists on one side
    /// only (an option switched on) or the two sides share no key (an enum case swapped: `studyASL`
    /// → `bce`), it is one change at that path rather than one per leaf.
    public static func changes<T: Encodable>(from old: T, to new: T) -> [SpecChange] {
        guard let a = try? JSONValue(encoding: old), let b = try? JSONValue(encoding: new) else { return [] }
        var out: [SpecChange] = []
        compare(a, b, path: "", into: &out)
        return out
    }

    private static func compare(_ a: JSONValue?, _ b: JSONValue?, path: String, into out: inout [SpecChange]) {
        if a == b { return }
        if case .object(let x)? = a, case .object(let y)? = b, !Set(x.keys).isDisjoint(with: y.keys) {
            for key in Set(x.keys).union(y.keys).sorted() {
                compare(x[key], y[key], path: path.isEmpty ? key : path + "." + key, into: &out)
            }
            return
        }
        out.append(SpecChange(path: path, old: a?.text ?? "none", new: b?.text ?? "none",
                              oldBrief: a?.brief ?? "none", newBrief: b?.brief ?? "none"))
    }
}
