import Foundation

/// Small signal helpers for synthesis: noise colours, one-pole filters, echoes, levels.
enum SignalShaping {
    /// White noise with unit variance (uniform, which is cheaper than Gaussian and as white).
    static func white(_ count: Int, using rng: inout SeededGenerator) -> [Float] {
        let scale = Float(3.0.squareRoot())
        return (0 ..< count).map { _ in rng.uniformFloat(-scale, scale) }
    }

    /// Pink (1/f) noise, Paul Kellet's economy filter, roughly unit RMS.
    static func pink(_ count: Int, using rng: inout SeededGenerator) -> [Float] {
        var b0: Float = 0, b1: Float = 0, b2: Float = 0
        let scale = Float(3.0.squareRoot())
        var out = [Float](repeating: 0, count: count)
        for i in 0 ..< count {
            let w = rng.uniformFloat(-scale, scale)
            b0 = 0.99765 * b0 + w * 0.0990460
            b1 = 0.96300 * b1 + w * 0.2965164
            b2 = 0.57000 * b2 + w * 1.0526913
            out[i] = (b0 + b1 + b2 + w * 0.1848) * 0.3
        }
        return out
    }

    /// The coefficient of a one-pole low-pass with cut-off `hz`.
    static func onePoleCoefficient(_ hz: Double, sampleRate: Int) -> Float {
        Float(exp(-2 * Double.pi * min(hz, Double(sampleRate) / 2) / Double(sampleRate)))
    }

    /// One-pole low-pass in place.
    static func lowpass(_ x: inout [Float], cutoff hz: Double, sampleRate: Int) {
        let a = onePoleCoefficient(hz, sampleRate: sampleRate)
        var y: Float = 0
        for i in x.indices {
            y = (1 - a) * x[i] + a * y
            x[i] = y
        }
    }

    /// One-pole high-pass in place (input minus its low-pass).
    static func highpass(_ x: inout [Float], cutoff hz: Double, sampleRate: Int) {
        let a = onePoleCoefficient(hz, sampleRate: sampleRate)
        var y: Float = 0
        for i in x.indices {
            y = (1 - a) * x[i] + a * y
            x[i] -= y
        }
    }

    /// Adds delayed, attenuated copies of `x` (a crude room / forest reverberation).
    static func addEchoes(_ x: inout [Float], taps: [(delay: Int, gain: Float)]) {
        let dry = x
        for tap in taps where tap.delay < x.count {
            for i in tap.delay ..< x.count { x[i] += tap.gain * dry[i - tap.delay] }
        }
    }

    /// Root mean square of `x` (0 for empty input).
    static func rms(_ x: [Float]) -> Double {
        guard !x.isEmpty else { return 0 }
        var s = 0.0
        for v in x { s += Double(v) * Double(v) }
        return (s / Double(x.count)).squareRoot()
    }

    /// Scales `x` in place to RMS `target` (no-op for silence).
    static func normalise(_ x: inout [Float], rms target: Double) {
        let r = rms(x)
        guard r > 0 else { return }
        let g = Float(target / r)
        for i in x.indices { x[i] *= g }
    }

    /// Adds `source` into `target` starting at sample `offset` (clipped to the target's length).
    static func mix(_ source: [Float], into target: inout [Float], at offset: Int, gain: Float = 1) {
        let start = max(0, offset)
        let end = min(target.count, offset + source.count)
        guard start < end else { return }
        for i in start ..< end { target[i] += gain * source[i - offset] }
    }

    /// Raised-cosine fade-in/out envelope value at time `t` of a sound lasting `length`.
    @inline(__always) static func envelope(_ t: Double, length: Double, attack: Double, release: Double) -> Double {
        if t < 0 || t > length { return 0 }
        if t < attack { return 0.5 - 0.5 * cos(Double.pi * t / attack) }
        if t > length - release { return 0.5 - 0.5 * cos(Double.pi * (length - t) / release) }
        return 1
    }
}
