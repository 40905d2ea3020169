import Foundation
import Testing
@testable import Lab

@Suite struct AugmentationTests {
    struct Reference: Decodable {
        var count: Int
        var stretch_0_8: [Float]; var stretch_1_2: [Float]
        var pitch_up_0_5: [Float]; var pitch_down_0_5: [Float]
    }

    /// The signal of Fixtures/data/phase_vocoder_reference.py.
    func signal(_ n: Int) -> [Float] {
        (0 ..< n).map { i in
            let t = Double(i) / 32_000
            return Float(0.5 * sin(2 * Double.pi * (600 * t + 3000 * t * t)) + 0.25 * sin(2 * Double.pi * 2500 * t) * exp(-4 * t))
        }
    }

    func maxError(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) }.max() ?? .infinity }

    /// ‖a − b‖ / ‖b‖.
    func relativeError(_ a: [Float], _ b: [Float]) -> Double {
        let e = zip(a, b).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        return (e / b.reduce(0.0) { $0 + Double($1 * $1) }).squareRoot()
    }

    @Test func phaseVocoderMatchesLibrosa() throws {
        let url = DataTestSupport.repository.appendingPathComponent("Fixtures/data/phase_vocoder_reference.json")
        let r = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let x = signal(r.count)
        let slow = PhaseVocoder.timeStretch(x, rate: 0.8), fast = PhaseVocoder.timeStretch(x, rate: 1.2)
        #expect(slow.count == r.stretch_0_8.count && fast.count == r.stretch_1_2.count)
        // The STFT matches librosa's to 2e-5, but the phase accumulator carries the phase of bins that
        // are nearly silent in early frames, where FFTW's and pocketfft's rounding differ by whole
        // hundredths of a radian; the same algorithm on librosa's own STFT matches to 6e-7 (checked
        // in Python). Hence a relative-RMS tolerance rather than bit agreement.
        #expect(relativeError(slow, r.stretch_0_8) < 5e-3)
        #expect(relativeError(fast, r.stretch_1_2) < 5e-3)
        #expect(maxError(slow, r.stretch_0_8) < 2e-2)
        #expect(maxError(Array(slow.prefix(2000)), Array(r.stretch_0_8.prefix(2000))) < 1e-5)  // before any drift
        let up = try PhaseVocoder.pitchShift(x, semitones: 0.5, sampleRate: 32_000)
        let down = try PhaseVocoder.pitchShift(x, semitones: -0.5, sampleRate: 32_000)
        #expect(up.count == x.count && down.count == x.count)
        #expect(relativeError(up, r.pitch_up_0_5) < 1e-3)
        #expect(relativeError(down, r.pitch_down_0_5) < 1e-3)
        print("phase vocoder vs librosa, relative RMS error: stretch 0.8 \(relativeError(slow, r.stretch_0_8)), 1.2 \(relativeError(fast, r.stretch_1_2)), pitch +0.5 \(relativeError(up, r.pitch_up_0_5)), −0.5 \(relativeError(down, r.pitch_down_0_5))")
        // rate 1 reconstructs the input (away from the zero-padded edges)
        let same = PhaseVocoder.timeStretch(x, rate: 1)
        #expect(maxError(Array(same[1024 ..< 7000]), Array(x[1024 ..< 7000])) < 1e-4)
    }

    /// Frequency of the strongest DFT bin (coarse, for a pure tone).
    func peakFrequency(_ x: [Float], sampleRate: Double = 32_000) -> Double {
        var best = 0.0, bestF = 0.0
        var f = 900.0
        while f < 1100 {
            var re = 0.0, im = 0.0
            for (n, v) in x.enumerated() { let p = 2 * Double.pi * f * Double(n) / sampleRate; re += Double(v) * cos(p); im += Double(v) * sin(p) }
            if re * re + im * im > best { best = re * re + im * im; bestF = f }
            f += 0.5
        }
        return bestF
    }

    @Test func pitchShiftMovesATonebyTheSemitoneRatio() throws {
        let x = DataTestSupport.tone(0.5, frequency: 1000)
        let up = try PhaseVocoder.pitchShift(x, semitones: 0.5, sampleRate: 32_000)
        let measured = peakFrequency(Array(up[4000 ..< 12000]))
        #expect(abs(measured - 1000 * pow(2, 0.5 / 12)) < 2)  // 1029.3 Hz
        let stretched = PhaseVocoder.timeStretch(x, rate: 0.8)
        #expect(stretched.count == 20_000)
        #expect(abs(peakFrequency(Array(stretched[4000 ..< 12000])) - 1000) < 2)  // stretch keeps pitch
    }

    @Test func simpleAugmentationsByFormula() {
        let x: [Float] = [1, 0, 0, 0, 0.5, -2]
        #expect(WaveformAugment.reverb(x, delay: 2, gain: 0.5) == [1, 0, 0.5, 0, 0.75, -2])
        #expect(WaveformAugment.roll([1, 2, 3, 4], by: 1) == [4, 1, 2, 3])
        #expect(WaveformAugment.roll([1, 2, 3, 4], by: -1) == [2, 3, 4, 1])
        #expect(WaveformAugment.clip(x, to: 0.7) == [0.7, 0, 0, 0, 0.5, -0.7])
        let c = WaveformAugment.compress([0.5], threshold: 0.8, gain: 1.2)[0]
        #expect(abs(c - tanh(0.5 * 1.2 / 0.8) * 0.8) < 1e-7)
        #expect(WaveformAugment.fit([1, 2, 3], count: 5) == [1, 2, 3, 0, 0])
        #expect(WaveformAugment.fit([1, 2, 3], count: 2) == [1, 2])
    }

    @Test func probabilitiesAreTheTables() throws {
        // Each augmentation fires at its own rate over many independent draws.
        let aug = WaveformAugment.study
        var counts: [WaveformAugment.Kind: Int] = [:]
        let root = SeededGenerator(seed: 11)
        let trials = 2000
        var short = [Float](repeating: 0.1, count: 2048)
        for i in 0 ..< trials {
            var g = root.split(UInt64(i))
            short = [Float](repeating: 0.1, count: 2048)
            for kind in try aug.apply(&short, sampleRate: 32_000, using: &g) { counts[kind, default: 0] += 1 }
            #expect(short.count == 2048)
        }
        let expected: [WaveformAugment.Kind: Double] = [.reverb: 0.15, .compression: 0.2, .timeShift: 0.1, .clipping: 0.05,
                                                        .pitchShift: 0.05, .volume: 0.2, .timeStretch: 0.1]
        for (kind, p) in expected {
            let rate = Double(counts[kind, default: 0]) / Double(trials)
            let sigma = (p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(rate - p) < 4 * sigma, "\(kind): \(rate) vs \(p)")
        }
        var none = [Float](repeating: 0.1, count: 100)
        var g = root
        #expect(try WaveformAugment.none.apply(&none, sampleRate: 32_000, using: &g).isEmpty)
    }

    @Test func specAugmentStripes() {
        var values = [Float](repeating: 1, count: 50 * 16)
        var g = SeededGenerator(seed: 2)
        SpecAugment().mask(&values, frames: 50, bins: 16, using: &g)
        let zeroRows = (0 ..< 50).filter { f in (0 ..< 16).allSatisfy { values[f * 16 + $0] == 0 } }.count
        let zeroCols = (0 ..< 16).filter { b in (0 ..< 50).allSatisfy { values[$0 * 16 + b] == 0 } }.count
        #expect(zeroRows >= 1 && zeroRows <= 20)
        #expect(zeroCols >= 1 && zeroCols <= 16)
        // every zero lies in a zeroed row or column
        for f in 0 ..< 50 { for b in 0 ..< 16 where values[f * 16 + b] == 0 {
            let rowZero = (0 ..< 16).allSatisfy { values[f * 16 + $0] == 0 }, colZero = (0 ..< 50).allSatisfy { values[$0 * 16 + b] == 0 }
            #expect(rowZero || colZero)
        } }
    }

    @Test func mixupPartnerHasNoCommonLabel() {
        let targets: [[Float]] = [[1, 0, 0], [1, 1, 0], [0, 0.3, 1], [0, 1, 0]]
        var g = SeededGenerator(seed: 4)
        let m = Mixup()
        for _ in 0 ..< 50 {
            if let p = m.partner(for: targets[0], pool: [1, 2, 3], targets: { targets[$0] }, using: &g) { #expect(p == 2 || p == 3) }
        }
        #expect(m.partner(for: [1, 1, 1], pool: [0, 1], targets: { targets[$0] }, using: &g) == nil)
        #expect(Mixup.mixTargets([1, 0.8], [1, 0.6], lambda: 0.5) == [1, 0.70000005])
        var sum = 0.0
        for _ in 0 ..< 4000 { sum += Double(m.lambda(using: &g)) }
        #expect(abs(sum / 4000 - 0.5) < 0.03)  // Beta(0.4, 0.4) has mean 0.5
    }

    @Test func samplerBalancesAndFlags() {
        // group 0: 100 items, group 1: 10, group 2: 1
        let groups = [Int](repeating: 0, count: 100) + [Int](repeating: 1, count: 10) + [2]
        let s = BalancedSampler(groups: groups, cap: 250, seed: 3)
        #expect(s.augProb.map { ($0 * 1e6).rounded() / 1e6 } == [0.5, 0.95, 0.995])  // 1 − count / (100 + 100)
        #expect(s.list.count == 250)
        let perGroup = Dictionary(grouping: s.list, by: { groups[$0] }).mapValues(\.count)
        for g in 0 ..< 3 { #expect(abs(perGroup[g, default: 0] - 83) < 25) }
        let e1 = s.epoch(1, draw: 100, seed: 3), e1b = s.epoch(1, draw: 100, seed: 3), e2 = s.epoch(2, draw: 100, seed: 3)
        #expect(e1 == e1b && e1 != e2 && e1.count == 100)
        let full = BalancedSampler(groups: groups, cap: 70_000, seed: 3)
        #expect(full.list.count == 300)  // 3 groups × 100
        let flags = full.epoch(0, draw: 300, seed: 3)
        let rate0 = Double(flags.filter { groups[$0.item] == 0 && $0.augment }.count) / Double(flags.filter { groups[$0.item] == 0 }.count)
        #expect(abs(rate0 - 0.5) < 0.2)
    }

    @Test func jitterRanges() {
        var g = SeededGenerator(seed: 1)
        for _ in 0 ..< 200 {
            let a = WindowJitter.start(0, using: &g), b = WindowJitter.start(10, using: &g)
            #expect(a >= 0 && a < 0.4)
            #expect(b >= 9.8 && b < 10.2)
        }
    }
}
