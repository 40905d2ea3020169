import CSoxr

/// Band-limited sample-rate conversion with libsoxr's "HQ" recipe (linear phase), the resampler
/// behind `librosa.load(sr=…)`'s default `res_type="soxr_hq"`.
public enum Resampler {
    /// Input frames handed to libsoxr per call: streaming in chunks keeps its buffers in cache
    /// (python-soxr does the same; one `soxr_oneshot` over a long signal is much slower).
    static let chunk = 16_384

    /// Converts mono `input` from `fromRate` to `toRate` Hz. Output length is
    /// ⌈input.count · toRate / fromRate⌉, as `librosa.resample(res_type="soxr_hq")` returns it.
    public static func resample(_ input: [Float], from fromRate: Int, to toRate: Int) throws -> [Float] {
        if fromRate == toRate || input.isEmpty { return input }
        guard fromRate > 0, toRate > 0 else { throw ResampleError(message: "rates must be positive (\(fromRate) → \(toRate))") }
        let outCount = Int((Double(input.count) * (Double(toRate) / Double(fromRate))).rounded(.up))
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var error: soxr_error_t?
        guard let soxr = soxr_create(Double(fromRate), Double(toRate), 1, &error, &io, &quality, nil), error == nil else {
            throw ResampleError(message: error.map { String(cString: $0) } ?? "soxr_create failed")
        }
        defer { soxr_delete(soxr) }
        // Room for the flushed tail beyond the nominal length.
        var output = [Float](repeating: 0, count: outCount + 64)
        var produced = 0
        try input.withUnsafeBufferPointer { inp in
            try output.withUnsafeMutableBufferPointer { out in
                var consumed = 0
                while true {
                    let isLast = consumed >= inp.count
                    let length = isLast ? 0 : min(chunk, inp.count - consumed)
                    var inDone = 0, outDone = 0
                    let status = soxr_process(soxr, isLast ? nil : UnsafeRawPointer(inp.baseAddress! + consumed), length, &inDone,
                                              out.baseAddress! + produced, out.count - produced, &outDone)
                    if let status { throw ResampleError(message: String(cString: status)) }
                    consumed += inDone
                    produced += outDone
                    if (isLast && outDone == 0) || produced == out.count { break }
                }
            }
        }
        // librosa's fix_length: trim or zero-pad to the nominal length.
        if produced < outCount { for i in produced ..< outCount { output[i] = 0 } }
        output.removeLast(output.count - outCount)
        return output
    }
}

/// libsoxr refused a conversion.
public struct ResampleError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "resampling failed: \(message)" }
}
