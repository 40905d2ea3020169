import CSndfile
import Foundation

/// Decoding sound files through libsndfile: wav, flac, ogg (Vorbis and Opus), mp3; any rate,
/// channel count and sample format. Everything comes back as mono Float at the rate asked for.
public enum AudioFile {
    /// The study's sample rate.
    public static let studyRate = 32_000

    /// Reads the header of `url`.
    public static func info(_ url: URL) throws -> AudioInfo {
        let handle = try SoundHandle(url)
        return handle.info
    }

    /// Decodes `url` to mono at `sampleRate`.
    ///
    /// - Parameters:
    ///   - offset: start of the window in seconds (seeks where the format allows).
    ///   - duration: length of the window in seconds; `nil` reads to the end. A window that runs
    ///     past the end of the file is zero-padded to exactly `duration · sampleRate` samples.
    /// - Throws: `InputError` naming the file for a missing, empty, unreadable or corrupt file,
    ///   an offset at or past the end, or a non-finite sample.
    public static func read(_ url: URL, offset: Double = 0, duration: Double? = nil,
                            sampleRate: Int = studyRate) throws -> [Float] {
        guard offset >= 0, offset.isFinite else {
            throw InputError(file: url.path, "offset \(offset) s must be a finite number ≥ 0")
        }
        if let duration, !(duration > 0 && duration.isFinite) {
            throw InputError(file: url.path, "duration \(duration) s must be a finite number > 0")
        }
        let handle = try SoundHandle(url)
        let info = handle.info
        let startFrame = Int((offset * Double(info.sampleRate)).rounded())
        guard startFrame < info.frames || (startFrame == 0 && info.frames > 0) else {
            throw InputError(file: url.path, String(format: "offset %.3f s is at or past the end of the file (%.3f s long)", offset, info.duration))
        }
        let wanted = duration.map { Int(($0 * Double(info.sampleRate)).rounded()) } ?? (info.frames - startFrame)
        let count = min(wanted, info.frames - startFrame)
        var mono = try handle.readMono(from: startFrame, count: count)
        mono = try Resampler.resample(mono, from: info.sampleRate, to: sampleRate)
        if let duration {
            let target = Int((duration * Double(sampleRate)).rounded())
            if mono.count < target { mono.append(contentsOf: repeatElement(0, count: target - mono.count)) }
            if mono.count > target { mono.removeLast(mono.count - target) }
        }
        return mono
    }
}

/// An open libsndfile handle, closed on deinit.
final class SoundHandle {
    let url: URL
    let info: AudioInfo
    private let file: OpaquePointer

    init(_ url: URL) throws {
        self.url = url
        var attributes: stat = stat()
        guard stat(url.path, &attributes) == 0 else {
            throw InputError(file: url.path, "file not found")
        }
        guard attributes.st_size > 0 else { throw InputError(file: url.path, "the file is empty (0 bytes)") }
        var sfinfo = SF_INFO()
        guard let file = sf_open(url.path, Int32(SFM_READ), &sfinfo) else {
            let reason = String(cString: sf_strerror(nil))
            throw InputError(file: url.path, "not a readable sound file: \(reason) (expected wav, flac, ogg or mp3)")
        }
        self.file = file
        guard sfinfo.samplerate > 0, sfinfo.channels > 0 else {
            sf_close(file)
            throw InputError(file: url.path, "invalid header: \(sfinfo.samplerate) Hz, \(sfinfo.channels) channels")
        }
        guard sfinfo.frames > 0 else {
            sf_close(file)
            throw InputError(file: url.path, "holds no audio frames")
        }
        info = AudioInfo(sampleRate: Int(sfinfo.samplerate), channels: Int(sfinfo.channels),
                         frames: Int(sfinfo.frames), seekable: sfinfo.seekable != 0)
    }

    deinit { sf_close(file) }

    /// Reads `count` frames starting at `start`, averaging the channels.
    func readMono(from start: Int, count: Int) throws -> [Float] {
        if start > 0 {
            if info.seekable {
                guard sf_seek(file, sf_count_t(start), SEEK_SET) >= 0 else {
                    throw InputError(file: url.path, "cannot seek to frame \(start): \(String(cString: sf_strerror(file)))")
                }
            } else {
                try skip(start)
            }
        }
        let channels = info.channels
        var mono = [Float](repeating: 0, count: count)
        var chunk = [Float](repeating: 0, count: 8192 * channels)
        var filled = 0
        while filled < count {
            let want = min(8192, count - filled)
            let got = chunk.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(want)) }
            if got <= 0 { break }
            let n = Int(got)
            let scale = 1 / Float(channels)
            for i in 0 ..< n {
                var sum: Float = 0
                for c in 0 ..< channels { sum += chunk[i * channels + c] }
                let value = channels == 1 ? sum : sum * scale
                guard value.isFinite else {
                    throw InputError(file: url.path, "non-finite sample at frame \(start + filled + i)")
                }
                mono[filled + i] = value
            }
            filled += n
        }
        let status = sf_error(file)
        if status != 0 {
            throw InputError(file: url.path, "corrupt or truncated audio after frame \(start + filled): \(String(cString: sf_strerror(file)))")
        }
        if filled < count {
            // The header promised more frames than the stream holds: a truncated file.
            if filled == 0 {
                throw InputError(file: url.path, "corrupt or truncated audio: no frames could be decoded from frame \(start)")
            }
            mono.removeLast(count - filled)
        }
        return mono
    }

    private func skip(_ frames: Int) throws {
        var chunk = [Float](repeating: 0, count: 8192 * info.channels)
        var left = frames
        while left > 0 {
            let got = chunk.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(min(8192, left))) }
            if got <= 0 { throw InputError(file: url.path, "stream ended before frame \(frames)") }
            left -= Int(got)
        }
    }
}
