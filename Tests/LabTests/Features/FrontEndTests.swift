import Foundation
import Testing
@testable import Lab

/// Shapes, padding, scaling and thread safety of the front ends on 5 s clips.
@Suite struct FrontEndTests {
    /// A 5 s deterministic test clip at 32 kHz: tones plus noise.
    static let clip: [Float] = {
        var random = SeededGenerator(seed: 42)
        return (0 ..< 160_000).map { n in
            let t = Double(n) / 32_000
            return Float(0.3 * sin(2 * .pi * 2_000 * t) + 0.1 * sin(2 * .pi * 700 * t * t) + 0.02 * random.normal())
        }
    }()

    @Test func birdMAEShapeAndPadding() {
        let x = FrontEnd.birdMAE(Self.clip)
        #expect(x.frames == 512 && x.bins == 128)
        // 1 + (160000 − 800) / 320 = 498 real frames; rows 498… hold the minimum of the real ones.
        let real = x.values[0 ..< 498 * 128]
        let padding = x.values[498 * 128 ..< 512 * 128]
        #expect(padding.allSatisfy { $0 == real.min()! })
        #expect(Set(x.values[497 * 128 ..< 498 * 128]).count > 1)
    }

    @Test func fbankIsKaldiLogEnergiesNormalized() {
        // Undo the normalisation: the unpadded fbank must be log energies ≥ log(float eps).
        let x = FrontEnd.birdMAE(Self.clip)
        let logFloor = log(Float(1.1920929e-07))
        let energies = x.values.map { $0 * 2 * 4.43 - 7.2 }
        #expect(energies.allSatisfy { $0 >= logFloor - 1e-4 })
    }

    @Test func fbankIgnoresTheClipMean() {
        // The clip mean is subtracted first and every frame's DC is removed anyway.
        let shifted = Self.clip.map { $0 + 0.25 }
        let a = FrontEnd.birdMAE(Self.clip), b = FrontEnd.birdMAE(shifted)
        let worst = zip(a.values, b.values).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-3)
    }

    @Test func studyCNNShapeRangeAndPadding() {
        let x = FrontEnd.studyCNN(Self.clip)
        #expect(x.frames == 320 && x.bins == 128)
        #expect(x.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(x.values[0 ..< 313 * 128].max() == 1)  // the 0 dB peak
        #expect(x.values[(313 * 128)...].allSatisfy { $0 == 0 })
    }

    @Test func studyCNNIsScaleInvariant() {
        // Peak normalisation first: a quieter copy gives the same input.
        let a = FrontEnd.studyCNN(Self.clip), b = FrontEnd.studyCNN(Self.clip.map { $0 * 0.01 })
        #expect(zip(a.values, b.values).map { abs($0 - $1) }.max()! < 1e-4)
    }

    @Test func melFrameCountsFollowLibrosaCentering() {
        #expect(FrontEnd.librosaMel(Self.clip).frames == 313)
        var coarse = FrontEnd.librosaMel
        coarse.nFFT = 1024; coarse.windowLength = 1024; coarse.hop = 320; coarse.nMels = 64
        let x = coarse(Self.clip)
        #expect(x.frames == 501 && x.bins == 64)
    }

    @Test func melOfASineIsPeakedAtItsBand() {
        let sine = TestSound.sine(2_000, rate: 32_000, seconds: 1)
        let x = FrontEnd.librosaMel(sine)
        let row = Array(x.values[20 * 128 ..< 21 * 128])
        let peak = row.indices.max { row[$0] < row[$1] }!
        let edges = MelFilterbank.slaney(sampleRate: 32_000, nFFT: 2048, mels: 128, fmin: 0, fmax: 16_000)
        // The peak filter has non-zero weight at the 2 kHz bin (bin 128 of 1025).
        #expect(edges.weights[peak * 1025 + 128] > 0)
    }

    @Test func slaneyFiltersMatchLibrosaAreaNormalisation() {
        // Slaney norm: each triangle has height 2 / (f[m+2] − f[m]), so Σ weight · Δf ≈ 1.
        let bank = MelFilterbank.slaney(sampleRate: 32_000, nFFT: 2048, mels: 128, fmin: 0, fmax: 16_000)
        let df = 16_000.0 / 1024
        for m in [10, 64, 120] {
            let area = (0 ..< 1025).reduce(0.0) { $0 + Double(bank.weights[m * 1025 + $1]) * df }
            #expect(abs(area - 1) < 0.05, "filter \(m): area \(area)")
        }
    }

    @Test func concurrentCallsGiveTheSameResult() {
        let frontEnds: [FrontEnd] = [.birdMAE, .studyCNN, .librosaMel]
        let expected = frontEnds.map { $0(Self.clip) }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 24)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            results[i] = frontEnds[i % 3](Self.clip) == expected[i % 3]
        }
        #expect(results.allSatisfy { $0 })
    }

    @Test func fingerprintNamesEveryParameter() {
        var other = FrontEnd.birdMAE
        other.nMels = 64
        #expect(FrontEnd.birdMAE.fingerprint != other.fingerprint)
        #expect(FrontEnd.birdMAE.fingerprint.contains("kind=fbank"))
        #expect(FrontEnd.studyCNN.fingerprint.contains("frames=320"))
        let decoded = try? JSONDecoder().decode(FrontEnd.self, from: JSONEncoder().encode(FrontEnd.studyCNN))
        #expect(decoded == FrontEnd.studyCNN)
    }

    @Test func shortInputsDoNotCrash() {
        let tiny = [Float](repeating: 0.1, count: 100)
        #expect(FrontEnd.birdMAE(tiny).frames == 512)
        #expect(FrontEnd.studyCNN(tiny).frames == 320)
        #expect(FrontEnd.librosaMel([]).frames == 1)
    }

    @Test func powerToDBFollowsLibrosa() {
        // ref = max → the peak is 0 dB; values below −80 dB are floored.
        let s = FeatureMatrix(frames: 1, bins: 4, values: [1e-12, 1e-4, 0.5, 2])
        let db = powerToDB(s).values
        #expect(db[3] == 0)
        #expect(abs(db[2] - 10 * log10(0.25)) < 1e-5)
        #expect(abs(db[1] - (-40 - 10 * log10(2))) < 1e-4)
        #expect(db[0] == -80)
    }
}
