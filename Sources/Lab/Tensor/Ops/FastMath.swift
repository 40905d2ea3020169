/// Branch-free Float kernels the compiler can vectorise (no libm calls in hot loops).

/// e^x with relative error ≈ 1e-7 on [-87, 88] (degree-7 Taylor after reduction to |f| ≤ ½).
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let c = min(max(x, -87.0), 88.0)
    let t = c * 1.442_695_04
    let n = t.rounded(.toNearestOrEven)
    let f = (t - n) * 0.693_147_18
    var p: Float = 1.0 / 5040
    p = p * f + 1.0 / 720
    p = p * f + 1.0 / 120
    p = p * f + 1.0 / 24
    p = p * f + 1.0 / 6
    p = p * f + 0.5
    p = p * f + 1
    p = p * f + 1
    let scale = Float(bitPattern: UInt32(truncatingIfNeeded: Int32(n) + 127) << 23)
    return p * scale
}

/// erf(x) with absolute error < 2e-7 (Abramowitz & Stegun 7.1.26).
@inline(__always)
func fastErf(_ x: Float) -> Float {
    let a = abs(x)
    let t = 1 / (1 + 0.327_591_1 * a)
    var p: Float = 1.061_405_429
    p = p * t - 1.453_152_027
    p = p * t + 1.421_413_741
    p = p * t - 0.284_496_736
    p = p * t + 0.254_829_592
    let r = 1 - p * t * fastExp(-a * a)
    return x < 0 ? -r : r
}

@inline(__always) func fastSigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }
