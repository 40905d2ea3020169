/// Σ p[0 ..< count] with 16 independent lanes, so the adds pipeline and vectorise (a plain loop
/// is one serial chain of float adds). Summation order differs from a left-to-right loop only in
/// rounding.
@inline(__always)
func vectorSum(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD16<Float>()
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 16 <= count {
        lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
        i += 16
    }
    var sum = lanes.sum()
    while i < count { sum += p[i]; i += 1 }
    return sum
}

/// max |p[i]| over p[0 ..< count] (0 for an empty range), 16 lanes at a time.
@inline(__always)
func vectorPeak(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD16<Float>()
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 16 <= count {
        let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
        lanes = pointwiseMax(lanes, pointwiseMax(v, -v))
        i += 16
    }
    var peak = lanes.max()
    while i < count { peak = max(peak, abs(p[i])); i += 1 }
    return peak
}
