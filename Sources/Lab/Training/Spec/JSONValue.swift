import Foundation

/// Any JSON value, decoded from a Codable value's encoding; used to walk a spec as key paths.
public indirect enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The JSON value of any Encodable.
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Leaves by dotted key path; arrays and empty objects are leaves.
    public func leaves(prefix: String = "") -> [(path: String, value: JSONValue)] {
        guard case .object(let fields) = self, !fields.isEmpty else { return [(prefix, self)] }
        return fields.keys.sorted().flatMap { key in
            fields[key]!.leaves(prefix: prefix.isEmpty ? key : prefix + "." + key)
        }
    }

    /// The value at a dotted path, if present.
    public func value(at path: String) -> JSONValue? {
        var node = self
        for key in path.split(separator: ".") {
            guard case .object(let fields) = node, let next = fields[String(key)] else { return nil }
            node = next
        }
        return node
    }

    /// Compact text: numbers without a trailing ".0", strings bare, objects as `{k: v, …}` in key order.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return Self.numberText(n)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
        case .object(let o):
            if let (key, value) = o.first, o.count == 1 {  // a one-key enum case: `bce`, `mae {…}`
                if value == .bool(true) { return key }
                if case .object = value { return "\(key) \(value.text)" }
            }
            return "{" + o.keys.sorted().map { "\($0): \(o[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }

    /// Like `text`, with nested objects shortened to `{…}` (for table cells).
    public var brief: String {
        guard case .object(let o) = self else { return text }
        if let (key, value) = o.first, o.count == 1 {
            if value == .bool(true) { return key }
            if case .object = value { return "\(key) {…}" }
        }
        return o.values.contains { if case .object = $0 { return true } else { return false } } ? "{…}" : text
    }

    static func numberText(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }
}

extension JSONValue {
    /// `brief` text of any Encodable ("studyASL {…}", "bce"); "?" if it does not encode.
    public static func briefText<T: Encodable>(of value: T) -> String {
        (try? JSONValue(encoding: value))?.brief ?? "?"
    }
}
