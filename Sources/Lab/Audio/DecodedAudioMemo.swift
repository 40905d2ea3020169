import Foundation

/// Whole sound files decoded once (mono, at the rate asked for) and kept in memory up to a byte
/// budget, so that the many jittered or augmented training windows of one file cost a slice
/// instead of an open, a seek and a decode each.
///
/// A window is the slice of the whole decoded file starting at ⌊offset · rate⌋, zero-padded to
/// round(duration · rate) samples — the window `FeatureCache` computes its entries from. For a
/// file already at `rate` (the Kaggle corpus and the fixture are 32 kHz) these are the samples
/// `AudioFile.read(url, offset:, duration:, sampleRate:)` returns, sample for sample.
///
/// Files beyond the budget evict the least recently used ones. Safe to call from several threads:
/// two threads may decode the same file at once, and both get the same samples.
public final class DecodedAudioMemo: @unchecked Sendable {
    /// Bytes of decoded audio kept at most (1 GiB holds about 2.3 hours at 32 kHz).
    public let budgetBytes: Int
    private var files: [String: (samples: [Float], lastUse: Int)] = [:]
    private var bytes = 0
    private var clock = 0
    private let lock = NSLock()

    public init(budgetBytes: Int = 1 << 30) { self.budgetBytes = budgetBytes }

    /// The window of `url` at `offset` s lasting `duration` s, at `sampleRate`.
    /// Throws `InputError` naming the file for an offset at or past its end, or an unreadable file.
    public func read(_ url: URL, offset: Double, duration: Double, sampleRate: Int) throws -> [Float] {
        guard offset >= 0, offset.isFinite, duration > 0, duration.isFinite else {
            throw InputError(file: url.path, "window offset \(offset) s and duration \(duration) s must be finite, offset ≥ 0, duration > 0")
        }
        let whole = try samples(of: url, sampleRate: sampleRate)
        let start = Int(offset * Double(sampleRate))
        guard start < whole.count else {
            throw InputError(file: url.path, String(format: "offset %.3f s is at or past the end of the file (%.3f s long)",
                                                    offset, Double(whole.count) / Double(sampleRate)))
        }
        let count = Int((duration * Double(sampleRate)).rounded())
        return WaveformAugment.fit(Array(whole[start ..< min(whole.count, start + count)]), count: count)
    }

    /// The whole file at `sampleRate`, decoded on first use.
    func samples(of url: URL, sampleRate: Int) throws -> [Float] {
        let key = "\(url.standardizedFileURL.path)@\(sampleRate)"
        lock.lock()
        clock += 1
        if let hit = files[key] {
            files[key]?.lastUse = clock
            lock.unlock()
            return hit.samples
        }
        lock.unlock()
        let decoded = try AudioFile.read(url, sampleRate: sampleRate)
        keep(decoded, as: key)
        return decoded
    }

    private func keep(_ samples: [Float], as key: String) {
        let size = samples.count * MemoryLayout<Float>.stride
        guard size <= budgetBytes else { return }
        lock.lock(); defer { lock.unlock() }
        guard files[key] == nil else { return }
        while bytes + size > budgetBytes, let oldest = files.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.samples.count * MemoryLayout<Float>.stride
            files[oldest.key] = nil
        }
        clock += 1
        files[key] = (samples, clock)
        bytes += size
    }
}
