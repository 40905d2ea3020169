import Foundation

/// Integrity checksums of files the harness writes and reads back (checkpoints, feature-cache
/// entries): FNV-1a 64 over little-endian 8-byte words, then the trailing bytes one at a time.
/// Eight times faster than byte-wise FNV over megabytes of tensor data; it detects flipped,
/// zeroed or truncated bytes, not deliberate tampering.
public enum Checksum {
    /// The algorithm's tag, written before the digits ("fnv1a64w:0123…").
    public static let tag = "fnv1a64w"

    /// The digest of `bytes`, continuing from `seed` (chain calls to cover several buffers).
    public static func digest(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            for i in 0 ..< words { h = (h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) &* 0x100_0000_01b3 }
        }
        for i in words * 8 ..< bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }

    /// The digest of `data` (or of its `range`), continuing from `seed`.
    public static func digest(_ data: Data, range: Range<Int>? = nil, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        data.withUnsafeBytes { raw in
            let r = range ?? 0 ..< raw.count
            return digest(UnsafeRawBufferPointer(rebasing: raw[r]), seed: seed)
        }
    }

    /// "fnv1a64w:" and 16 hex digits of `value`.
    public static func text(_ value: UInt64) -> String { "\(tag):\(StableHash.hexDigits(value))" }
}
