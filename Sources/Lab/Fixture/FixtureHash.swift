import Foundation

/// A 64-bit FNV-1a hash, for fingerprints of generated files (not cryptographic).
public enum FixtureHash {
    /// FNV-1a of `bytes`, as 16 hex digits.
    public static func fnv1a<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
        String(format: "%016llx", value(bytes))
    }

    /// FNV-1a of `bytes` as a number.
    public static func value<C: Sequence>(_ bytes: C, start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
        var h = start
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
