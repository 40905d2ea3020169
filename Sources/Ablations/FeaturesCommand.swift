import ArgumentParser
import Foundation
import Lab

/// `ablations features`: one file (or window of it) → a [frames, bins] float32 .npy.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Decode a sound file to 32 kHz mono and write its features as a float32 .npy [frames, bins].",
        discussion: """
        fbank: Bird-MAE's normalized Kaldi fbank (512 rows). mel: librosa.feature.melspectrogram \
        (transposed). mel-db: the study's CNN input (320 rows in [0, 1]). Options left out take the \
        kind's defaults (fbank: 1024 / 320 / 128 mels / 20–16000 Hz; mel, mel-db: 2048 / 512 / 128 / 0–16000 Hz).
        """
    )

    @Option(help: "Sound file (wav, flac, ogg Vorbis/Opus, mp3).")
    var input: String
    @Option(help: "Start of the window in seconds.")
    var offset: Double = 0
    @Option(help: "Length of the window in seconds (zero-padded past the end); default: to the end.")
    var duration: Double?
    @Option(help: "fbank | mel | mel-db")
    var kind: FrontEnd.Kind
    @Option(name: .customLong("n-fft"), help: "FFT size (fbank: ≥ the 800-sample window).")
    var nFFT: Int?
    @Option(help: "Samples between frames.")
    var hop: Int?
    @Option(name: .customLong("n-mels"), help: "Mel bands.")
    var nMels: Int?
    @Option(help: "Lowest filter edge in Hz.")
    var fmin: Double?
    @Option(help: "Highest filter edge in Hz.")
    var fmax: Double?
    @Option(help: "Output .npy path.")
    var output: String

    func validate() throws {
        if let nFFT, nFFT < 2 { throw ValidationError("--n-fft must be ≥ 2") }
        if let hop, hop < 1 { throw ValidationError("--hop must be ≥ 1") }
        if let nMels, nMels < 1 { throw ValidationError("--n-mels must be ≥ 1") }
        if let fmin, fmin < 0 { throw ValidationError("--fmin must be ≥ 0") }
        if let fmax, fmax > 16_000 { throw ValidationError("--fmax must be ≤ 16000 (Nyquist at 32 kHz)") }
        if kind == .fbank, let nFFT, nFFT < FrontEnd.birdMAE.windowLength {
            throw ValidationError("--n-fft must be ≥ \(FrontEnd.birdMAE.windowLength) (the fbank window) for fbank")
        }
        if (fmin ?? 0) >= (fmax ?? 16_000) { throw ValidationError("--fmin must be below --fmax") }
    }

    func run() throws {
        try reportingInputErrors {
            let url = URL(fileURLWithPath: input)
            let samples = try AudioFile.read(url, offset: offset, duration: duration, sampleRate: 32_000)
            let features = frontEnd()(samples)
            try NPY.write(features.values, shape: [features.frames, features.bins], to: URL(fileURLWithPath: output))
        }
    }

    /// The kind's preset with any option given replacing its field.
    func frontEnd() -> FrontEnd {
        var frontEnd: FrontEnd
        switch kind {
        case .fbank: frontEnd = .birdMAE
        case .mel: frontEnd = .librosaMel
        case .melDb: frontEnd = .studyCNN
        }
        if let nFFT {
            frontEnd.nFFT = nFFT
            if kind != .fbank { frontEnd.windowLength = nFFT }
        }
        if let hop { frontEnd.hop = hop }
        if let nMels { frontEnd.nMels = nMels }
        if let fmin { frontEnd.fmin = fmin }
        if let fmax { frontEnd.fmax = fmax }
        return frontEnd
    }
}

extension FrontEnd.Kind: ExpressibleByArgument {}
