import CSoxr

/// Band-limited sample-rate conversion with libsoxr ("high quality" recipe, linear phase).
public enum Resampler {
    /// Converts mono `input` from `fromRate` to `toRate` Hz. Output length is
    /// ⌈input.count · toRate / fromRate⌉, as `librosa.resample(res_type="soxr_hq")` returns it.
    public static func resample(_ input: [Float], from fromRate: Int, to toRate: Int) throws -> [Float] {
        if fromRate == toRate || input.isEmpty { return input }
        let outCount = Int((Double(input.count) * (Double(toRate) / Double(fromRate))).rounded(.up))
        var output = [Float](repeating: 0, count: outCount)
        var done = 0
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        let error: soxr_error_t? = input.withUnsafeBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                soxr_oneshot(Double(fromRate), Double(toRate), 1,
                             inp.baseAddress, inp.count, nil,
                             out.baseAddress, out.count, &done,
                             &io, &quality, nil)
            }
        }
        if let error { throw ResampleError(message: String(cString: error)) }
        if done < outCount { output.removeLast(outCount - done); output.append(contentsOf: repeatElement(0, count: outCount - done)) }
        return output
    }
}

/// libsoxr refused a conversion.
public struct ResampleError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "resampling failed: \(message)" }
}
