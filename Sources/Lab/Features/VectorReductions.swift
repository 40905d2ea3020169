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

/// max |p[i]| over p[0 ..< count] (0 for an empty range), with 8 independent running maxima
/// (the generic SIMD `pointwiseMax` compiles to a scalar loop through memory).
@inline(__always)
func vectorPeak(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var m0: Float = 0, m1: Float = 0, m2: Float = 0, m3: Float = 0
    var m4: Float = 0, m5: Float = 0, m6: Float = 0, m7: Float = 0
    var i = 0
    while i + 8 <= count {
        m0 = max(m0, abs(p[i])); m1 = max(m1, abs(p[i + 1])); m2 = max(m2, abs(p[i + 2])); m3 = max(m3, abs(p[i + 3]))
        m4 = max(m4, abs(p[i + 4])); m5 = max(m5, abs(p[i + 5])); m6 = max(m6, abs(p[i + 6])); m7 = max(m7, abs(p[i + 7]))
        i += 8
    }
    var peak = max(max(max(m0, m1), max(m2, m3)), max(max(m4, m5), max(m6, m7)))
    while i < count { peak = max(peak, abs(p[i])); i += 1 }
    return peak
}
