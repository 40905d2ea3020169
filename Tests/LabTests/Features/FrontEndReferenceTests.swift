import Foundation
import Testing
@testable import Lab

/// Swift front ends against librosa 0.11 / torchaudio kaldi outputs committed under Fixtures.
@Suite struct FrontEndReferenceTests {
    let clip: [Float]

    init() throws {
        clip = try AudioFile.read(FeatureReference.url("clip32k.wav"))
    }

    @Test func clipDecodesAtItsOwnRate() {
        #expect(clip.count == 80_000)
    }

    @Test func melDefaultsMatchLibrosa() throws {
        let reference = try FeatureReference.matrix("clip32k_mel_default.npy")
        let mel = FrontEnd.librosaMel(clip)
        try expectClose(mel, reference, relativeToMax: 1e-4)
    }

    @Test func mel1024Hop320MatchesLibrosa() throws {
        let reference = try FeatureReference.matrix("clip32k_mel_1024_320.npy")
        var frontEnd = FrontEnd.librosaMel
        frontEnd.nFFT = 1024; frontEnd.windowLength = 1024; frontEnd.hop = 320
        try expectClose(frontEnd(clip), reference, relativeToMax: 1e-4)
    }

    @Test func studyCNNInputMatchesLibrosaPipeline() throws {
        let reference = try FeatureReference.matrix("clip32k_mel_db_cnn.npy")
        let x = FrontEnd.studyCNN(clip)
        #expect(x.frames == 320 && x.bins == 128)
        #expect(x.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let errors = zip(x.values, reference.values).map { abs($0 - $1) }
        // 1e-3 on the [0, 1] scale is 0.08 dB.
        #expect(FeatureReference.quantile(errors, 0.999) <= 1e-3)
        #expect(errors.max()! <= 1e-2)
    }

    @Test func birdMAEFbankMatchesTorchaudioKaldi() throws {
        let reference = try FeatureReference.matrix("clip32k_fbank.npy")
        let x = FrontEnd.birdMAE(clip)
        #expect(x.frames == 512 && x.bins == 128)
        #expect(reference.frames == 512)
        let errors = zip(x.values, reference.values).map { abs($0 - $1) }
        #expect(FeatureReference.quantile(errors, 0.999) <= 1e-3)
    }

    func expectClose(_ a: FeatureMatrix, _ b: FeatureMatrix, relativeToMax tolerance: Float,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(a.frames == b.frames && a.bins == b.bins, sourceLocation: sourceLocation)
        guard a.frames == b.frames && a.bins == b.bins else { return }
        let peak = b.values.max()!
        let worst = zip(a.values, b.values).map { abs($0 - $1) }.max()!
        #expect(worst <= tolerance * peak, "max error \(worst / peak) of the clip maximum", sourceLocation: sourceLocation)
    }
}
