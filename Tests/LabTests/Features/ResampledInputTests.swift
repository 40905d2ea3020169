import Foundation
import Testing
@testable import Lab

/// 44.1 / 48 kHz, stereo, float and mp3 input: decoded and resampled to 32 kHz, compared with
/// librosa.load(sr=32000) and its mel spectrogram (Fixtures/reference/features).
@Suite struct ResampledInputTests {
    static let clips = ["clip44k_stereo.wav", "clip48k.wav", "clip44k_stereo.mp3"]

    static func stem(_ clip: String) -> String {
        clip.hasSuffix(".mp3") ? clip.replacingOccurrences(of: ".mp3", with: "_mp3") : clip.replacingOccurrences(of: ".wav", with: "")
    }

    @Test(arguments: clips) func samplesMatchLibrosaLoad(_ clip: String) throws {
        let y = try AudioFile.read(FeatureReference.url(clip))
        let (shape, reference) = try NPY.read(FeatureReference.url("\(Self.stem(clip))_load32k.npy"))
        #expect(shape == [y.count])
        let worst = zip(y, reference).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(clip): worst sample difference \(worst)")
    }

    @Test(arguments: clips) func melWithin05dBOfLibrosa(_ clip: String) throws {
        let mel = FrontEnd.librosaMel(try AudioFile.read(FeatureReference.url(clip)))
        let reference = try FeatureReference.matrix("\(Self.stem(clip))_mel_load32k.npy")
        #expect(mel.frames == reference.frames && mel.bins == reference.bins)
        let errors = FeatureReference.dbErrorsNearPeak(mel, reference: reference)
        #expect(errors.count > 1_000)
        #expect(FeatureReference.quantile(errors, 0.99) <= 0.5)
    }

    @Test(arguments: ["GWWA_XC135601.mp3", "Accipiter-striatus-XC497793.wav", "robin_FS456440.hq.ogg"])
    func realMiniWindowMelWithin05dBOfLibrosa(_ name: String) throws {
        guard let raw = FeatureReference.realMiniRaw else { return }
        let y = try AudioFile.read(raw.appendingPathComponent(name), offset: 1, duration: 2)
        let mel = FrontEnd.librosaMel(y)
        let stem = name.replacingOccurrences(of: ".mp3", with: "").replacingOccurrences(of: ".wav", with: "").replacingOccurrences(of: ".ogg", with: "")
        let reference = try FeatureReference.matrix("real_\(stem)_mel_load32k.npy")
        // librosa's window stops at the end of the file (robin: 1.7 s); ours is zero-padded to 2 s,
        // and centred frames pad with zeros, so the reference's frames must agree.
        #expect(mel.frames == 126 && mel.bins == reference.bins && reference.frames <= 126)
        let errors = FeatureReference.dbErrorsNearPeak(mel.withFrames(reference.frames, fill: 0), reference: reference)
        #expect(FeatureReference.quantile(errors, 0.99) <= 0.5, "\(name)")
    }
}
