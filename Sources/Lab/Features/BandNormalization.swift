import CKernels

/// Per-window normalisation of a feature matrix's frequency bands, applied after the front end
/// (and after the feature cache, which stores un-normalised features).
///
/// `median` subtracts each band's median over the window's frames: a stationary background
/// (wind, rain, a recorder's noise floor) becomes ≈ 0 in every band and what rises above it —
/// calls — stays positive. It is the normalisation of the pooled-statistics baseline, which
/// transfers from focal recordings to noisy soundscapes where the absolute levels do not.
public enum BandNormalization: String, Codable, Hashable, Sendable, CaseIterable {
    /// The front end's output unchanged.
    case none
    /// Each band minus its median over time (numpy `median`: mean of the two middle values).
    case median

    /// Normalises `values` ([frames, bins], row-major) in place.
    public func apply(_ values: inout [Float], frames: Int, bins: Int) {
        guard self == .median, frames > 0, bins > 0, values.count == frames * bins else { return }
        var scratch = [Float](repeating: 0, count: frames)
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in ck_band_median_subtract(v.baseAddress!, frames, bins, s.baseAddress!) }
        }
    }
}
