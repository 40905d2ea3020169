import CSndfile
import Foundation

/// Decode (+ resample to 32 kHz) speed on one thread, as a multiple of real time, on Ogg Vorbis
/// files it writes itself (deterministic tones and noise, Vorbis quality 0.4).
public enum DecodeBenchmark {
    /// One file layout and its measured speeds.
    public struct Row: Sendable {
        public var name: String
        public var url: URL
        public var seconds: Double
        /// Audio seconds per wall second, decoding at the native rate.
        public var decodeRealTime: Double
        /// Audio seconds per wall second, decoding and resampling to 32 kHz (what `AudioFile.read` does).
        public var decodeResampleRealTime: Double
    }

    /// The layouts measured: (label, rate, channels).
    public static let layouts: [(String, Int, Int)] = [
        ("ogg Vorbis 44.1 kHz stereo", 44_100, 2),
        ("ogg Vorbis 48 kHz mono", 48_000, 1),
        ("ogg Vorbis 32 kHz mono (no resampling)", 32_000, 1),
    ]

    /// Writes one `seconds`-long file per layout into `folder`.
    public static func writeFiles(seconds: Double, in folder: URL) throws -> [(String, URL)] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try layouts.map { name, rate, channels in
            let url = folder.appendingPathComponent("bench-\(rate)-\(channels).ogg")
            try writeVorbis(testSignal(rate: rate, channels: channels, seconds: seconds), rate: rate, channels: channels, to: url)
            return (name, url)
        }
    }

    /// Times `AudioFile.read` on each file in CPU seconds of this thread (best of `passes`).
    public static func run(files: [(String, URL)], passes: Int = 3) throws -> [Row] {
        try files.map { name, url in
            let info = try AudioFile.info(url)
            let decode = try bestSeconds(passes) { _ = try AudioFile.read(url, sampleRate: info.sampleRate) }
            let both = try bestSeconds(passes) { _ = try AudioFile.read(url, sampleRate: AudioFile.studyRate) }
            return Row(name: name, url: url, seconds: info.duration,
                       decodeRealTime: info.duration / decode, decodeResampleRealTime: info.duration / both)
        }
    }

    private static func bestSeconds(_ passes: Int, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0 ..< passes {
            let start = threadCPUSeconds()
            try body()
            best = min(best, threadCPUSeconds() - start)
        }
        return best
    }

    /// Interleaved [frames, channels]: a sweep, a tone per channel and noise.
    private static func testSignal(rate: Int, channels: Int, seconds: Double) -> [Float] {
        var random = SeededGenerator(seed: UInt64(rate * 10 + channels))
        let frames = Int(Double(rate) * seconds)
        var out = [Float](repeating: 0, count: frames * channels)
        for n in 0 ..< frames {
            let t = Double(n) / Double(rate)
            for c in 0 ..< channels {
                out[n * channels + c] = Float(0.3 * sin(2 * .pi * (1_000 + 500 * Double(c)) * t)
                    + 0.1 * sin(2 * .pi * (500 + 200 * t.truncatingRemainder(dividingBy: 10)) * t) + 0.05 * random.normal())
            }
        }
        return out
    }

    /// Interleaved multi-channel Vorbis (AudioWriter writes mono only; the bench needs stereo).
    private static func writeVorbis(_ samples: [Float], rate: Int, channels: Int, to url: URL) throws {
        var info = SF_INFO(frames: 0, samplerate: Int32(rate), channels: Int32(channels),
                           format: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS), sections: 0, seekable: 0)
        guard let file = sf_open(url.path, Int32(SFM_WRITE), &info) else {
            throw InputError(file: url.path, "cannot write: \(String(cString: sf_strerror(nil)))")
        }
        defer { sf_close(file) }
        var quality = 0.4
        _ = sf_command(file, Int32(SFC_SET_VBR_ENCODING_QUALITY), &quality, Int32(MemoryLayout<Double>.size))
        // In blocks: libsndfile hands one call's frames to libvorbis at once, which then
        // overflows the stack on long writes (≈ 60 s of 44.1 kHz stereo crashes).
        let frames = samples.count / channels
        var done = 0
        while done < frames {
            let block = min(4_096, frames - done)
            let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress! + done * channels, sf_count_t(block)) }
            guard written == block else { throw InputError(file: url.path, "wrote \(done + Int(written)) of \(frames) frames") }
            done += block
        }
    }
}
