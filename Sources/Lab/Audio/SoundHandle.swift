import CSndfile
import Foundation

/// An open libsndfile handle with its header checked, closed on deinit.
final class SoundHandle {
    let url: URL
    let info: AudioInfo
    /// True for mp3, where libsndfile (1.2 with mpg123) is inexact twice: the frame count is
    /// estimated from the bit rate when the file has no Xing/LAME header (so reads go to the real
    /// end of the stream instead), and `sf_seek` can land hundreds of samples off (so windows are
    /// reached by decoding from the start, which keeps them the exact slice of the whole file).
    let isMP3: Bool
    private let file: OpaquePointer

    /// More frames per byte than any codec produces: a header claiming this is corrupt.
    private static let maxSamplesPerByte = 10_000

    init(_ url: URL) throws {
        self.url = url
        var attributes = stat()
        guard stat(url.path, &attributes) == 0 else { throw InputError(file: url.path, "file not found") }
        guard (attributes.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: url.path, "not a regular file") }
        guard attributes.st_size > 0 else { throw InputError(file: url.path, "the file is empty (0 bytes)") }
        var sfinfo = SF_INFO()
        guard let file = sf_open(url.path, Int32(SFM_READ), &sfinfo) else {
            let reason = String(cString: sf_strerror(nil))
            throw InputError(file: url.path, "not a readable sound file: \(reason) (expected wav, flac, ogg Vorbis/Opus or mp3)")
        }
        self.file = file
        let major = sfinfo.format & Int32(SF_FORMAT_TYPEMASK)
        isMP3 = major == Int32(SF_FORMAT_MPEG)
        info = AudioInfo(sampleRate: Int(sfinfo.samplerate), channels: Int(sfinfo.channels),
                         frames: Int(sfinfo.frames), seekable: sfinfo.seekable != 0)
        if let problem = Self.headerProblem(sfinfo, fileSize: Int(attributes.st_size), log: log()) {
            sf_close(file)
            throw InputError(file: url.path, problem)
        }
    }

    deinit { sf_close(file) }

    /// Why the header cannot be trusted, or nil.
    private static func headerProblem(_ sfinfo: SF_INFO, fileSize: Int, log: String) -> String? {
        guard sfinfo.samplerate > 0, sfinfo.channels > 0 else {
            return "invalid header: \(sfinfo.samplerate) Hz, \(sfinfo.channels) channels"
        }
        guard sfinfo.frames > 0 else { return "holds no audio frames" }
        guard sfinfo.frames != Int64.max else {  // libsndfile's SF_COUNT_MAX: it found no end of stream
            return "corrupt or truncated: the length of the stream cannot be determined (no end of stream found)"
        }
        guard Int(sfinfo.frames) / maxSamplesPerByte <= fileSize / Int(sfinfo.channels) else {
            return "corrupt or truncated: the header claims \(sfinfo.frames) frames for a \(fileSize)-byte file"
        }
        if let (declared, present) = wavDataLengths(log), declared > present, declared < 0xFFFF_FFF0 {
            return "truncated: the data chunk declares \(declared) bytes but only \(present) are present"
        }
        return nil
    }

    /// ("data : N (should be M)") from libsndfile's WAV parse log: declared and present bytes.
    private static func wavDataLengths(_ log: String) -> (Int, Int)? {
        for line in log.split(separator: "\n") where line.hasPrefix("data : ") && line.contains("(should be") {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count >= 2 { return (numbers[0], numbers[1]) }
        }
        return nil
    }

    /// libsndfile's log of parsing this file's header.
    private func log() -> String {
        var buffer = [CChar](repeating: 0, count: 8192)
        _ = sf_command(file, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count))
        return String(cString: buffer)
    }

    /// Reads `count` frames (nil: to the end) starting at `start`, averaging the channels.
    ///
    /// - Throws: `InputError` for a non-finite sample, a decoder error, or a stream that ends
    ///   before the frames its header promised (a truncated file; not for mp3, see
    ///   `isMP3`).
    func readMono(from start: Int, count: Int?) throws -> [Float] {
        if start > 0 { try seek(to: start) }
        let promised = max(0, info.frames - start)
        let limit = count ?? (isMP3 ? Int.max : promised)
        let channels = info.channels
        let chunkFrames = 16_384
        var chunk = [Float](repeating: 0, count: chunkFrames * channels)  // [frames, channels]
        var mixed = [Float](repeating: 0, count: chunkFrames)
        var mono: [Float] = []
        mono.reserveCapacity(min(limit, promised + chunkFrames, 1 << 26))
        while mono.count < limit {
            let want = min(chunkFrames, limit - mono.count)
            let got = Int(chunk.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(want)) })
            if got <= 0 { break }
            if channels == 1 {
                try appendChecked(chunk[0 ..< got], to: &mono, start: start)
            } else {
                Self.downmix(chunk, frames: got, channels: channels, into: &mixed)
                try appendChecked(mixed[0 ..< got], to: &mono, start: start)
            }
        }
        if sf_error(file) != 0 {
            throw InputError(file: url.path, "corrupt or truncated audio after frame \(start + mono.count): \(String(cString: sf_strerror(file)))")
        }
        if !isMP3 && mono.count < min(limit, promised) {
            throw InputError(file: url.path, "corrupt or truncated: the header promises \(info.frames) frames but decoding stops at frame \(start + mono.count)")
        }
        return mono
    }

    /// Appends `values` to `mono` after checking that every one is finite.
    private func appendChecked(_ values: ArraySlice<Float>, to mono: inout [Float], start: Int) throws {
        var probe: Float = 0
        for value in values { probe += value * 0 }  // NaN as soon as any value is NaN or ±inf
        if !probe.isFinite, let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw InputError(file: url.path, "non-finite sample at frame \(start + mono.count + bad - values.startIndex)")
        }
        mono.append(contentsOf: values)
    }

    /// The channel mean of `frames` interleaved frames.
    private static func downmix(_ interleaved: [Float], frames: Int, channels: Int, into mixed: inout [Float]) {
        let count = Float(channels)
        for i in 0 ..< frames {
            var sum: Float = 0
            for c in 0 ..< channels { sum += interleaved[i * channels + c] }
            mixed[i] = sum / count  // numpy's mean: sum, then divide
        }
    }

    /// Frames the stream really holds, by decoding it to the end.
    func countFrames() throws -> Int {
        try readMono(from: 0, count: nil).count
    }

    private func seek(to frame: Int) throws {
        if info.seekable && !isMP3 {
            guard sf_seek(file, sf_count_t(frame), SEEK_SET) >= 0 else {
                throw InputError(file: url.path, "cannot seek to frame \(frame): \(String(cString: sf_strerror(file)))")
            }
            return
        }
        // Not seekable, or mp3: decode and drop.
        var chunk = [Float](repeating: 0, count: 8192 * info.channels)
        var left = frame
        while left > 0 {
            let got = chunk.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, sf_count_t(min(8192, left))) }
            if got <= 0 { return }  // past the end: the read that follows finds nothing
            left -= Int(got)
        }
    }
}
