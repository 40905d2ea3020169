import Foundation

/// The study's seven waveform augmentations (DESIGN §9), each applied independently with its
/// own probability, in the table's order, only when a sample's aug flag is set.
///
/// | aug | p | what |
/// | reverb | 0.15 | y[n] = x[n] + g·y[n − 3200], g ~ U(0.2, 0.5) (3200 samples = 0.1 s at 32 kHz) |
/// | compression | 0.20 | y = tanh(x·gain/th)·th, th ~ U(0.6, 0.9), gain ~ U(1, 1.5) |
/// | time shift | 0.10 | circular roll by U(−0.25, 0.25) s |
/// | clipping | 0.05 | clip to ±c, c ~ U(0.7, 0.95) |
/// | pitch shift | 0.05 | U(−0.5, 0.5) semitones (phase vocoder + libsoxr, as librosa) |
/// | volume | 0.20 | × U(0.5, 1.3) |
/// | time stretch | 0.10 | rate U(0.8, 1.2) (phase vocoder), then zero-pad or cut to the input length |
public struct WaveformAugment: Sendable, Codable, Hashable {
    public var reverb = 0.15, compression = 0.20, timeShift = 0.10, clipping = 0.05
    public var pitchShift = 0.05, volume = 0.20, timeStretch = 0.10

    public init() {}
    /// The study's probabilities.
    public static let study = WaveformAugment()
    /// All seven off.
    public static let none: WaveformAugment = {
        var a = WaveformAugment()
        a.reverb = 0; a.compression = 0; a.timeShift = 0; a.clipping = 0; a.pitchShift = 0; a.volume = 0; a.timeStretch = 0
        return a
    }()

    /// Names of the augmentations, in application order.
    public enum Kind: String, Sendable, CaseIterable { case reverb, compression, timeShift, clipping, pitchShift, volume, timeStretch }

    /// One augmentation with its drawn parameter.
    public enum Step: Sendable, Hashable {
        case reverb(gain: Float)
        case compression(threshold: Float, gain: Float)
        case timeShift(seconds: Double)
        case clipping(limit: Float)
        case pitchShift(semitones: Double)
        case volume(factor: Float)
        case timeStretch(rate: Double)

        public var kind: Kind {
            switch self {
            case .reverb: .reverb
            case .compression: .compression
            case .timeShift: .timeShift
            case .clipping: .clipping
            case .pitchShift: .pitchShift
            case .volume: .volume
            case .timeStretch: .timeStretch
            }
        }
    }

    /// Draws which augmentations fire (each with its probability) and their parameters.
    public func draw(using generator: inout SeededGenerator) -> [Step] {
        var steps: [Step] = []
        if generator.bernoulli(reverb) { steps.append(.reverb(gain: Float(generator.uniform(0.2, 0.5)))) }
        if generator.bernoulli(compression) {
            steps.append(.compression(threshold: Float(generator.uniform(0.6, 0.9)), gain: Float(generator.uniform(1, 1.5))))
        }
        if generator.bernoulli(timeShift) { steps.append(.timeShift(seconds: generator.uniform(-0.25, 0.25))) }
        if generator.bernoulli(clipping) { steps.append(.clipping(limit: Float(generator.uniform(0.7, 0.95)))) }
        if generator.bernoulli(pitchShift) { steps.append(.pitchShift(semitones: generator.uniform(-0.5, 0.5))) }
        if generator.bernoulli(volume) { steps.append(.volume(factor: Float(generator.uniform(0.5, 1.3)))) }
        if generator.bernoulli(timeStretch) { steps.append(.timeStretch(rate: generator.uniform(0.8, 1.2))) }
        return steps
    }

    /// Applies drawn `steps` in order to `x` (mono at `sampleRate`); the length is kept.
    public static func apply(_ steps: [Step], to x: inout [Float], sampleRate: Int) throws {
        for step in steps {
            switch step {
            case .reverb(let g): x = reverb(x, delay: sampleRate / 10, gain: g)
            case .compression(let th, let g): x = compress(x, threshold: th, gain: g)
            case .timeShift(let s): x = roll(x, by: Int((s * Double(sampleRate)).rounded()))
            case .clipping(let c): x = clip(x, to: c)
            case .pitchShift(let n): x = try PhaseVocoder.pitchShift(x, semitones: n, sampleRate: sampleRate)
            case .volume(let f): x = scale(x, by: f)
            case .timeStretch(let r): x = fit(PhaseVocoder.timeStretch(x, rate: r), count: x.count)
            }
        }
    }

    /// Draws and applies; returns the kinds applied.
    @discardableResult
    public func apply(_ x: inout [Float], sampleRate: Int, using generator: inout SeededGenerator) throws -> [Kind] {
        let steps = draw(using: &generator)
        try Self.apply(steps, to: &x, sampleRate: sampleRate)
        return steps.map(\.kind)
    }

    /// Feedback comb: y[n] = x[n] + gain·y[n − delay].
    public static func reverb(_ x: [Float], delay: Int, gain: Float) -> [Float] {
        var y = x
        if delay > 0, delay < y.count { for n in delay ..< y.count { y[n] += gain * y[n - delay] } }
        return y
    }

    /// Soft compression: tanh(x·gain/threshold)·threshold.
    public static func compress(_ x: [Float], threshold: Float, gain: Float) -> [Float] {
        x.map { tanh($0 * gain / threshold) * threshold }
    }

    /// Circular roll: y[(n + shift) mod N] = x[n] (numpy.roll).
    public static func roll(_ x: [Float], by shift: Int) -> [Float] {
        guard !x.isEmpty else { return x }
        let s = ((shift % x.count) + x.count) % x.count
        return Array(x[(x.count - s)...] + x[..<(x.count - s)])
    }

    /// Hard clip to ±limit.
    public static func clip(_ x: [Float], to limit: Float) -> [Float] { x.map { min(max($0, -limit), limit) } }

    public static func scale(_ x: [Float], by factor: Float) -> [Float] { x.map { $0 * factor } }

    /// Zero-pads at the end or cuts to `count` samples.
    public static func fit(_ x: [Float], count: Int) -> [Float] {
        x.count >= count ? Array(x.prefix(count)) : x + [Float](repeating: 0, count: count - x.count)
    }
}
