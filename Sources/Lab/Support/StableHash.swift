import Foundation

/// A digest that is the same on every machine and every run: FNV-1a 64 over bytes, or over a
/// value's canonical JSON (sorted keys). For cache and reuse keys, not for security.
public enum StableHash {
    /// FNV-1a 64 of `bytes`.
    public static func fnv1a<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// 16 hex digits of the FNV-1a 64 of `bytes`.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        hexDigits(fnv1a(bytes))
    }

    /// 16 hex digits of the FNV-1a 64 of `value`'s canonical JSON.
    public static func hex<T: Encodable>(of value: T) -> String {
        hexDigits(fnv1a(canonicalJSON(value)))
    }

    /// Sorted-keys JSON of `value` (the form hashes and records use).
    public static func canonicalJSON<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }

    static func hexDigits(_ h: UInt64) -> String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
