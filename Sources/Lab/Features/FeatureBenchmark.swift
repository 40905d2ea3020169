import COpenBLAS
import Foundation

/// Front-end throughput on one thread, next to librosa (and torchaudio's Kaldi fbank) measured in
/// the same run by a Python child process when python3 with librosa is available.
public enum FeatureBenchmark {
    /// One measured front end and its reference.
    public struct Row: Sendable {
        public var name: String
        public var msPerClip: Double
        public var reference: String
        /// nil when the reference could not be run.
        public var referenceMsPerClip: Double?
        public var clipsPerSecond: Double { 1000 / msPerClip }
        public var speedUp: Double? { referenceMsPerClip.map { $0 / msPerClip } }
    }

    /// The configurations measured, with the key of their Python reference.
    public static let cases: [(name: String, frontEnd: FrontEnd, reference: String)] = {
        var mel1024 = FrontEnd.librosaMel
        mel1024.nFFT = 1024; mel1024.windowLength = 1024; mel1024.hop = 320
        return [
            ("mel n_fft 1024 hop 320 128 mels", mel1024, "librosa_mel_1024_320"),
            ("mel librosa defaults (2048/512)", .librosaMel, "librosa_mel_default"),
            ("mel-db study CNN [320, 128]", .studyCNN, "librosa_mel_db_cnn"),
            ("fbank Bird-MAE [512, 128]", .birdMAE, "librosa_mel_1024_320"),
            ("fbank Bird-MAE [512, 128]", .birdMAE, "torchaudio_kaldi_fbank"),
        ]
    }()

    /// `count` deterministic 5 s test clips at 32 kHz (tones, a chirp and noise).
    public static func clips(count: Int, seconds: Double = 5) -> [[Float]] {
        (0 ..< count).map { i in
            var random = SeededGenerator(seed: 2025).split(UInt64(i))
            let f = 500 + 300 * Double(i % 10)
            return (0 ..< Int(32_000 * seconds)).map { n in
                let t = Double(n) / 32_000
                return Float(0.3 * sin(2 * .pi * f * t) + 0.2 * sin(2 * .pi * (800 + 900 * t) * t) + 0.05 * random.normal())
            }
        }
    }

    /// CPU milliseconds per clip of `frontEnd` over `clips` on this thread (CPU time, so other
    /// processes sharing the core do not count): the best of `passes` passes.
    public static func msPerClip(_ frontEnd: FrontEnd, clips: [[Float]], passes: Int = 3) -> Double {
        openblas_set_num_threads(1)
        _ = frontEnd(clips[0])  // plans and filters
        var best = Double.infinity
        for _ in 0 ..< passes {
            let start = threadCPUSeconds()
            var checksum: Float = 0
            for clip in clips { checksum += frontEnd(clip).values[7] }
            let elapsed = (threadCPUSeconds() - start) * 1000
            if checksum.isNaN { print("") }  // keeps the work observable
            best = min(best, elapsed / Double(clips.count))
        }
        return best
    }

    /// Runs every case; `reference` holds Python's ms/clip by key (empty when unavailable).
    public static func run(clips: [[Float]], reference: [String: Double]) -> [Row] {
        var measured: [FrontEnd: Double] = [:]
        return cases.map { c in
            let ms = measured[c.frontEnd] ?? msPerClip(c.frontEnd, clips: clips)
            measured[c.frontEnd] = ms
            return Row(name: c.name, msPerClip: ms, reference: c.reference, referenceMsPerClip: reference[c.reference])
        }
    }
}

/// CPU seconds used by the calling thread.
public func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
