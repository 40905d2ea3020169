import Foundation

/// Hz ↔ mel conversions.
public enum MelScale: String, Codable, Sendable {
    /// Slaney's Auditory Toolbox scale (librosa's default, `htk=False`): linear below 1 kHz,
    /// logarithmic above.
    case slaney
    /// Kaldi / HTK: 1127 · ln(1 + f / 700).
    case kaldi

    public func mel(_ hz: Double) -> Double {
        switch self {
        case .kaldi:
            return 1127 * log(1 + hz / 700)
        case .slaney:
            if hz < Self.minLogHz { return hz / Self.linearStep }
            return Self.minLogMel + log(hz / Self.minLogHz) / Self.logStep
        }
    }

    public func hz(_ mel: Double) -> Double {
        switch self {
        case .kaldi:
            return 700 * (exp(mel / 1127) - 1)
        case .slaney:
            if mel < Self.minLogMel { return mel * Self.linearStep }
            return Self.minLogHz * exp(Self.logStep * (mel - Self.minLogMel))
        }
    }

    private static let linearStep = 200.0 / 3
    private static let minLogHz = 1000.0
    private static let minLogMel = minLogHz / linearStep
    private static let logStep = log(6.4) / 27
}
