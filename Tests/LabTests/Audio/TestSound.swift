import CSndfile
import Foundation

/// Writes small sound files for decoder tests straight through libsndfile (tests only).
enum TestSound {
    static let pcm16 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    static let pcm24 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
    static let float32 = Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
    static let flac16 = Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
    static let flac24 = Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
    static let vorbis = Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
    static let opus = Int32(SF_FORMAT_OGG | SF_FORMAT_OPUS)
    static let mp3 = Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)

    /// A fresh temporary folder for one test.
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-audio-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// True when this libsndfile can write `format` at `rate` with `channels`.
    static func canWrite(_ format: Int32, rate: Int, channels: Int) -> Bool {
        var info = SF_INFO(frames: 0, samplerate: Int32(rate), channels: Int32(channels), format: format, sections: 0, seekable: 0)
        return sf_format_check(&info) != 0
    }

    /// Writes interleaved `samples` ([frames, channels]) to `url`.
    static func write(_ samples: [Float], channels: Int = 1, rate: Int, format: Int32, to url: URL) throws {
        var info = SF_INFO(frames: 0, samplerate: Int32(rate), channels: Int32(channels), format: format, sections: 0, seekable: 0)
        guard let file = sf_open(url.path, Int32(SFM_WRITE), &info) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: sf_strerror(nil))])
        }
        defer { sf_close(file) }
        let frames = samples.count / channels
        let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t(frames)) }
        guard written == frames else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A sine of `hz` at `rate` for `seconds`, amplitude `amplitude`.
    static func sine(_ hz: Double, rate: Int, seconds: Double, amplitude: Float = 0.5) -> [Float] {
        (0 ..< Int(Double(rate) * seconds)).map { amplitude * Float(sin(2 * Double.pi * hz * Double($0) / Double(rate))) }
    }

    /// Interleaves channels of equal length.
    static func interleave(_ channels: [[Float]]) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(channels.count * channels[0].count)
        for i in channels[0].indices { for c in channels { out.append(c[i]) } }
        return out
    }
}
