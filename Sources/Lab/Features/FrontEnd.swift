import Foundation

/// One way of turning 32 kHz mono audio into a [frames, bins] feature matrix (DESIGN §4).
///
/// A value: every parameter is a field, so reduced configs (64 mels, a coarser hop) are just
/// other values, and `fingerprint` names them in cache keys.
public struct FrontEnd: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Kaldi fbank of the clip (minus its mean), padded with its minimum, then (x + 7.2) / (2 · 4.43).
        case fbank
        /// librosa.feature.melspectrogram power, transposed.
        case mel
        /// The study's CNN input: peak-normalised clip → mel → power_to_db(ref = max, top_db 80)
        /// → (dB + 80) / 80 clipped to [0, 1], zero-padded.
        case melDb = "mel-db"
    }

    public var kind: Kind
    /// Input sample rate in Hz (32,000).
    public var sampleRate: Int
    /// FFT size: fbank 1024 (next power of two of the window), mel 2048.
    public var nFFT: Int
    /// Analysis window length in samples: fbank 800 (25 ms), mel = nFFT.
    public var windowLength: Int
    /// Samples between frames: fbank 320 (10 ms), mel 512.
    public var hop: Int
    public var nMels: Int
    public var fmin: Double
    public var fmax: Double
    /// Pad or trim to this many rows (fbank 512, mel-db 320, mel nil = as computed).
    public var frames: Int?
    /// The fbank analysis window (Bird-MAE: symmetric Hann). The mel kinds always use librosa's periodic Hann.
    public var window: Window
    /// Per-window band normalisation applied after the front end (and after the feature cache,
    /// so it is not part of `fingerprint`); `.none` is the study's input.
    public var bands: BandNormalization

    public init(kind: Kind, sampleRate: Int = 32_000, nFFT: Int, windowLength: Int? = nil, hop: Int,
                nMels: Int = 128, fmin: Double, fmax: Double = 16_000, frames: Int?, window: Window? = nil,
                bands: BandNormalization = .none) {
        self.kind = kind
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.windowLength = windowLength ?? nFFT
        self.hop = hop
        self.nMels = nMels
        self.fmin = fmin
        self.fmax = fmax
        self.frames = frames
        self.window = window ?? (kind == .fbank ? .hannSymmetric : .hannPeriodic)
        self.bands = bands
    }

    private enum CodingKeys: String, CodingKey { case kind, sampleRate, nFFT, windowLength, hop, nMels, fmin, fmax, frames, window, bands }

    /// Decodes records written before `bands` existed as `.none`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        sampleRate = try c.decode(Int.self, forKey: .sampleRate)
        nFFT = try c.decode(Int.self, forKey: .nFFT)
        windowLength = try c.decode(Int.self, forKey: .windowLength)
        hop = try c.decode(Int.self, forKey: .hop)
        nMels = try c.decode(Int.self, forKey: .nMels)
        fmin = try c.decode(Double.self, forKey: .fmin)
        fmax = try c.decode(Double.self, forKey: .fmax)
        frames = try c.decodeIfPresent(Int.self, forKey: .frames)
        window = try c.decode(Window.self, forKey: .window)
        bands = try c.decodeIfPresent(BandNormalization.self, forKey: .bands) ?? .none
    }

    /// What a model is fed: the front end's features of `samples`, then the band normalisation.
    public func modelInput(_ samples: [Float]) -> FeatureMatrix {
        var m = callAsFunction(samples)
        bands.apply(&m.values, frames: m.frames, bins: m.bins)
        return m
    }

    /// Bird-MAE input: Kaldi fbank, 25 ms / 10 ms, 128 mels 20 Hz–16 kHz, [512, 128], normalized.
    public static let birdMAE = FrontEnd(kind: .fbank, nFFT: 1024, windowLength: 800, hop: 320,
                                         fmin: 20, fmax: 16_000, frames: 512)
    /// The study's CNN input: librosa mel defaults at 32 kHz → dB → [0, 1], [320, 128].
    public static let studyCNN = FrontEnd(kind: .melDb, nFFT: 2048, hop: 512, fmin: 0, fmax: 16_000, frames: 320)
    /// librosa.feature.melspectrogram defaults at 32 kHz (power, not dB), rows as computed.
    public static let librosaMel = FrontEnd(kind: .mel, nFFT: 2048, hop: 512, fmin: 0, fmax: 16_000, frames: nil)

    /// Bird-MAE's fbank normalisation: (x − mean) / (2 · std) with the AudioSet statistics.
    public static let fbankMean: Float = -7.2
    public static let fbankStd: Float = 4.43

    /// Bumped whenever an algorithm changes output values.
    public static let algorithmVersion = 2

    /// Features of `samples` (mono at `sampleRate`): [frames, nMels], time first.
    public func callAsFunction(_ samples: [Float]) -> FeatureMatrix {
        switch kind {
        case .fbank: return fbank(samples)
        case .mel: return mel(samples)
        case .melDb: return melDb(samples)
        }
    }

    /// Stable text of every parameter and the algorithm version, for cache keys.
    public var fingerprint: String {
        let framesText = frames.map(String.init) ?? "all"
        return "frontend-v\(Self.algorithmVersion) kind=\(kind.rawValue) sr=\(sampleRate) nfft=\(nFFT) win=\(windowLength)"
            + " window=\(window.rawValue) hop=\(hop) mels=\(nMels) fmin=\(fmin) fmax=\(fmax) frames=\(framesText)"
    }

    /// Window and filters are built once per parameter set and shared by all threads.
    private static let kaldiTransforms = Memo<FrontEnd, KaldiFbank>()
    private static let melTransforms = Memo<FrontEnd, MelSpectrogram>()

    private func fbank(_ samples: [Float]) -> FeatureMatrix {
        // Bird-MAE subtracts the clip mean first; Kaldi's per-frame DC removal makes that an exact
        // no-op up to float rounding ((x − c) − mean(x − c) = x − mean(x)), so it is skipped.
        let transform = Self.kaldiTransforms.value(for: self) {
            KaldiFbank(sampleRate: sampleRate, windowLength: windowLength, hop: hop, nFFT: nFFT,
                       mels: nMels, fmin: fmin, fmax: fmax, window: window)
        }
        var energies = transform(samples)                         // [498, 128] for 5 s
        let fill = energies.values.min() ?? log(KaldiFbank.logFloor)
        if let frames { energies = energies.withFrames(frames, fill: fill) }  // [512, 128]
        let scale = 1 / (2 * Self.fbankStd)
        energies.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = (v[i] - Self.fbankMean) * scale }
        }
        return energies
    }

    private func melTransform() -> MelSpectrogram {
        Self.melTransforms.value(for: self) {
            MelSpectrogram(sampleRate: sampleRate, nFFT: nFFT, windowLength: windowLength, hop: hop,
                           mels: nMels, fmin: fmin, fmax: fmax)
        }
    }

    private func mel(_ samples: [Float]) -> FeatureMatrix {
        let power = melTransform()(samples)
        guard let frames else { return power }
        return power.withFrames(frames, fill: 0)
    }

    private func melDb(_ samples: [Float]) -> FeatureMatrix {
        let peak = samples.withUnsafeBufferPointer { $0.baseAddress.map { vectorPeak($0, count: samples.count) } ?? 0 }
        var normalized = samples
        if peak > 0 {
            normalized.withUnsafeMutableBufferPointer { v in for i in v.indices { v[i] /= peak } }
        }
        var scaled = powerToDB(melTransform()(normalized), amin: 1e-10, topDB: 80)  // [313, 128] for 5 s
        scaled.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = min(max((v[i] + 80) / 80, 0), 1) }
        }
        guard let frames else { return scaled }
        return scaled.withFrames(frames, fill: 0)                  // [320, 128]
    }
}
