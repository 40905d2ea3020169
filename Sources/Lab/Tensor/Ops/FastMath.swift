/// Branch-free Float kernels the compiler can vectorise (no libm calls in hot loops).

/// e^x with relative error ≈ 1e-7 on [-87, 88] (degree-7 Taylor after reduction to |f| ≤ ½).
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let c = min(max(x, -87.0), 88.0)
    let t = c * 1.442_695_04
    // Round to nearest with the 1.5·2²³ trick (no libm call, vectorisable on SSE2).
    let shifted = t + 12_582_912
    let n = shifted - 12_582_912
    let f = (t - n) * 0.693_147_18
    var p: Float = 1.0 / 5040
    p = p * f + 1.0 / 720
    p = p * f + 1.0 / 120
    p = p * f + 1.0 / 24
    p = p * f + 1.0 / 6
    p = p * f + 0.5
    p = p * f + 1
    p = p * f + 1
    let k = shifted.bitPattern &- Float(12_582_912).bitPattern  // n as an integer
    let scale = Float(bitPattern: (k &+ 127) << 23)
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

// Reductions with SIMD accumulators (Swift does not reassociate float sums on its own).

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// Σ p[i].
@inline(__always) func vsum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>(), i = 0
    while i + 8 <= n { acc += load8(p + i); i += 8 }
    var s = acc.sum()
    while i < n { s += p[i]; i += 1 }
    return s
}

/// Σ p[i]·q[i].
@inline(__always) func vdot(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>(), i = 0
    while i + 8 <= n { acc += load8(p + i) * load8(q + i); i += 8 }
    var s = acc.sum()
    while i < n { s += p[i] * q[i]; i += 1 }
    return s
}

/// Σ (p[i] − c)².
@inline(__always) func vsumSquaredDeviation(_ p: UnsafePointer<Float>, _ c: Float, _ n: Int) -> Float {
    var acc = SIMD8<Float>(), i = 0
    let cv = SIMD8<Float>(repeating: c)
    while i + 8 <= n { let d = load8(p + i) - cv; acc += d * d; i += 8 }
    var s = acc.sum()
    while i < n { let d = p[i] - c; s += d * d; i += 1 }
    return s
}
