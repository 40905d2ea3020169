import CKernels
import Foundation

/// Background mixing: with probability `probability`, a training sample's features get a random
/// unlabelled training-soundscape window added in the power domain, at a signal-to-background
/// ratio drawn uniformly from `snr` dB (the sample's mean power over the background's).
/// Targets are unchanged. Focal recordings are clean and loud; soundscapes are not: this teaches
/// the model the soundscapes' backgrounds without labelling a single soundscape window.
///
/// Mixing happens on cached, un-normalised features, so it costs no decoding: a log-energy
/// feature x (fbank: ln E = 2 · 4.43 · x − 7.2; mel-dB: ln E = 80 · ln 10 / 10 · x + const) is mixed
/// as ln(E_a + g · E_b); a power feature (mel) as E_a + g · E_b.
public struct BackgroundMix: Sendable, Hashable {
    public var probability: Double
    public var snr: ClosedRange<Double>

    public init(probability: Double, snr: ClosedRange<Double>) { self.probability = probability; self.snr = snr }

    /// The scale a of ln E = a · x + b for a log-energy front end, or nil for a power front end.
    static func logScale(_ kind: FrontEnd.Kind) -> Float? {
        switch kind {
        case .fbank: return 2 * FrontEnd.fbankStd
        case .melDb: return 80 * Float(M_LN10) / 10
        case .mel: return nil
        }
    }

    /// The energies of features `x` up to a common factor (e^(a·x) for log features, x for power).
    static func power(_ x: [Float], kind: FrontEnd.Kind) -> [Float] {
        guard let a = logScale(kind) else { return x }
        var scaled = x.map { $0 * a }
        var out = [Float](repeating: 0, count: x.count)
        scaled.withUnsafeMutableBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in ck_exp_forward(s.baseAddress!, o.baseAddress!, x.count) }
        }
        return out
    }

    /// Mixes a background of energies `background` (`power(_:kind:)`) into `x` (same shape) at `snrDB`.
    static func mix(_ x: inout [Float], background: [Float], snrDB: Double, kind: FrontEnd.Kind) {
        let backgroundSum = background.reduce(0.0) { $0 + Double($1) }
        guard x.count == background.count, !x.isEmpty, backgroundSum > 0 else { return }
        let e = power(x, kind: kind)
        let signal = e.reduce(0.0) { $0 + Double($1) }
        guard signal > 0 else { return }
        let gain = Float(signal / backgroundSum * pow(10, -snrDB / 10))
        let a = logScale(kind)
        for i in x.indices {
            let mixed = e[i] + gain * background[i]
            x[i] = a.map { log(max(mixed, .leastNormalMagnitude)) / $0 } ?? mixed
        }
    }
}
