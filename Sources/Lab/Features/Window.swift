import Foundation

/// Analysis windows, computed in Double and rounded to Float once.
public enum Window: String, Codable, Sendable, CaseIterable {
    /// Hann, symmetric (torch `hann_window(periodic=False)`, Kaldi "hanning").
    case hannSymmetric = "hann-symmetric"
    /// Hann, periodic (scipy `get_window('hann', n, fftbins=True)`, librosa's default).
    case hannPeriodic = "hann-periodic"
    /// Kaldi "povey": symmetric Hann to the power 0.85.
    case povey
    /// Hamming, symmetric (Kaldi "hamming").
    case hammingSymmetric = "hamming-symmetric"

    /// The `length` window coefficients.
    public func coefficients(_ length: Int) -> [Float] {
        guard length > 1 else { return [Float](repeating: 1, count: length) }
        let denominator = Double(self == .hannPeriodic ? length : length - 1)
        return (0 ..< length).map { n in
            let c = cos(2 * Double.pi * Double(n) / denominator)
            switch self {
            case .hannSymmetric, .hannPeriodic: return Float(0.5 - 0.5 * c)
            case .povey: return Float(pow(0.5 - 0.5 * c, 0.85))
            case .hammingSymmetric: return Float(0.54 - 0.46 * c)
            }
        }
    }
}
