import Foundation

/// Decoding sound files through libsndfile: wav, flac, ogg (Vorbis and Opus), mp3; any rate,
/// channel count and sample format. Everything comes back as mono Float at the rate asked for,
/// sample for sample what `librosa.load(path, sr=rate, offset=…, duration=…)` returns (same
/// decoder, channel mean, libsoxr "HQ" resampling), except that a window is zero-padded to its
/// full duration, and that an mp3 window is the exact slice of the whole decoded file where
/// libsndfile's mp3 seek (which librosa uses) can land hundreds of samples off.
public enum AudioFile {
    /// The study's sample rate.
    public static let studyRate = 32_000

    /// Reads the header of `url`. For mp3, whose header holds only an estimate of the length,
    /// the frames are counted by decoding the file.
    public static func info(_ url: URL) throws -> AudioInfo {
        let handle = try SoundHandle(url)
        guard handle.isMP3 else { return handle.info }
        var info = handle.info
        info.frames = try handle.countFrames()
        return info
    }

    /// Decodes `url` to mono at `sampleRate`.
    ///
    /// - Parameters:
    ///   - offset: start of the window in seconds; the file is entered by seeking where the format
    ///     allows. The first frame is ⌊offset · native rate⌋, as librosa computes it.
    ///   - duration: length of the window in seconds; `nil` reads to the end. ⌊duration · native
    ///     rate⌋ frames are decoded and resampled, then the result is zero-padded (or trimmed) to
    ///     exactly round(duration · sampleRate) samples, so a window past the end is padded.
    /// - Throws: `InputError` naming the file for a missing, empty, unreadable, corrupt or
    ///   truncated file, an unknown format, an offset at or past the end, or a non-finite sample.
    public static func read(_ url: URL, offset: Double = 0, duration: Double? = nil,
                            sampleRate: Int = studyRate) throws -> [Float] {
        guard offset >= 0, offset.isFinite else {
            throw InputError(file: url.path, "offset \(offset) s must be a finite number ≥ 0")
        }
        if let duration, !(duration > 0 && duration.isFinite) {
            throw InputError(file: url.path, "duration \(duration) s must be a finite number > 0")
        }
        guard sampleRate > 0 else { throw InputError(file: url.path, "sample rate \(sampleRate) must be > 0") }
        let handle = try SoundHandle(url)
        let info = handle.info
        let start = Int(offset * Double(info.sampleRate))
        if !handle.isMP3 && start >= info.frames {
            throw InputError(file: url.path, String(format: "offset %.3f s is at or past the end of the file (%.3f s long)", offset, info.duration))
        }
        let wanted = duration.map { Int($0 * Double(info.sampleRate)) }
        var mono = try handle.readMono(from: start, count: wanted)
        if mono.isEmpty && start > 0 {
            // Only reachable for mp3, whose header length is an estimate.
            throw InputError(file: url.path, String(format: "offset %.3f s is at or past the end of the file", offset))
        }
        mono = try Resampler.resample(mono, from: info.sampleRate, to: sampleRate)
        if let duration {
            let target = Int((duration * Double(sampleRate)).rounded())
            if mono.count < target { mono.append(contentsOf: repeatElement(0, count: target - mono.count)) }
            if mono.count > target { mono.removeLast(mono.count - target) }
        }
        return mono
    }
}
