import Foundation

/// The weather of a soundscape: relative levels of its background layers (0 = absent).
public struct Weather: Sendable, Hashable {
    public var wind: Double
    public var rain: Double
    public var chorus: Double

    /// Short description for tables: "wind+rain", "wind+chorus", …
    public var summary: String {
        var parts = ["wind"]
        if rain > 0 { parts.append("rain") }
        if chorus > 0 { parts.append("chorus") }
        return parts.joined(separator: "+")
    }
}

/// Background noise beds, each returned with unit RMS so call levels are set by SNR alone.
enum Backgrounds {
    /// The noise floor of a focal recording: pink noise, plus handling thumps and clicks when asked.
    static func focal(count: Int, handlingNoise: Bool, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var bed = SignalShaping.pink(count, using: &rng)
        SignalShaping.highpass(&bed, cutoff: 60, sampleRate: sampleRate)
        SignalShaping.normalise(&bed, rms: 1)
        guard handlingNoise else { return bed }
        for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
            let length = Int(rng.uniform(0.05, 0.25) * Double(sampleRate))
            var thump = SignalShaping.white(length, using: &rng)
            SignalShaping.lowpass(&thump, cutoff: 250, sampleRate: sampleRate)
            SignalShaping.normalise(&thump, rms: rng.uniform(5, 15))
            for i in thump.indices { thump[i] *= Float(exp(-4 * Double(i) / Double(length))) }
            SignalShaping.mix(thump, into: &bed, at: rng.index(max(1, count - length)))
        }
        return bed
    }

    /// A soundscape background: pink floor, gusting wind, rain drops and hiss, insect chorus.
    static func soundscape(count: Int, weather: Weather, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var bed = SignalShaping.pink(count, using: &rng)
        SignalShaping.normalise(&bed, rms: 0.5)
        if weather.wind > 0 { add(wind(count, sampleRate: sampleRate, using: &rng), level: weather.wind, to: &bed) }
        if weather.rain > 0 { add(rain(count, sampleRate: sampleRate, using: &rng), level: weather.rain, to: &bed) }
        if weather.chorus > 0 { add(chorus(count, sampleRate: sampleRate, using: &rng), level: weather.chorus, to: &bed) }
        SignalShaping.normalise(&bed, rms: 1)
        return bed
    }

    private static func add(_ layer: [Float], level: Double, to bed: inout [Float]) {
        var layer = layer
        SignalShaping.normalise(&layer, rms: level)
        for i in bed.indices { bed[i] += layer[i] }
    }

    /// Slowly varying positive envelope (gusts, chorus swells) with mean ≈ 1.
    static func swell(_ count: Int, hz: Double, depth: Double, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        // Control-rate noise (100 Hz), smoothed and interpolated: much cheaper than per-sample filtering.
        let step = max(1, sampleRate / 100)
        var control = SignalShaping.white(count / step + 2, using: &rng)
        SignalShaping.lowpass(&control, cutoff: hz, sampleRate: 100)
        SignalShaping.normalise(&control, rms: 1)
        return (0 ..< count).map { i in
            let c = Float(i) / Float(step)
            let j = Int(c), w = c - Float(j)
            return Float(exp(depth * Double((1 - w) * control[j] + w * control[j + 1])))
        }
    }

    /// Wind: low-passed (rumbling) noise with gusts.
    static func wind(_ count: Int, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var w = SignalShaping.white(count, using: &rng)
        SignalShaping.lowpass(&w, cutoff: 120, sampleRate: sampleRate)
        SignalShaping.lowpass(&w, cutoff: 400, sampleRate: sampleRate)
        let gusts = swell(count, hz: 0.3, depth: 0.8, sampleRate: sampleRate, using: &rng)
        for i in w.indices { w[i] *= gusts[i] }
        return w
    }

    /// Rain: broadband hiss plus drops (short decaying bursts) at a random rate.
    static func rain(_ count: Int, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var r = SignalShaping.white(count, using: &rng)
        SignalShaping.highpass(&r, cutoff: 1_500, sampleRate: sampleRate)
        for i in r.indices { r[i] *= 0.3 }
        let dropsPerSecond = rng.uniform(20, 150)
        let drops = Int(dropsPerSecond * Double(count) / Double(sampleRate))
        for _ in 0 ..< drops {
            let at = rng.index(count)
            let length = Int(rng.uniform(0.002, 0.008) * Double(sampleRate))
            let gain = Float(rng.uniform(0.5, 4))
            for j in 0 ..< length where at + j < count {
                r[at + j] += gain * Float(exp(-5 * Double(j) / Double(length))) * rng.uniformFloat(-1, 1)
            }
        }
        return r
    }

    /// Insect chorus: several pulsing tonal lines between 3 and 9 kHz, swelling slowly.
    static func chorus(_ count: Int, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var c = [Float](repeating: 0, count: count)
        for _ in 0 ..< Int.random(in: 2 ... 5, using: &rng) {
            let f = rng.uniform(3_000, 9_000)
            let pulseHz = rng.uniform(15, 90)
            let depth = rng.uniform(0.5, 1)
            let level = rng.uniform(0.3, 1)
            let swells = swell(count, hz: 0.1, depth: 0.5, sampleRate: sampleRate, using: &rng)
            let phase0 = rng.uniform(0, 2 * Double.pi)
            let w = 2 * Double.pi * f / Double(sampleRate)
            let wp = 2 * Double.pi * pulseHz / Double(sampleRate)
            // Tone and pulse by rotating phasors (one complex multiply per sample instead of two sines).
            var re = cos(phase0), im = sin(phase0)
            var pre = 1.0, pim = 0.0
            let cw = cos(w), sw = sin(w), cp = cos(wp), sp = sin(wp)
            for i in 0 ..< count {
                let am = 1 - depth * 0.5 * (1 + pre)
                c[i] += Float(level * am * im) * swells[i]
                (re, im) = (re * cw - im * sw, re * sw + im * cw)
                (pre, pim) = (pre * cp - pim * sp, pre * sp + pim * cp)
                if i & 4095 == 0 {  // renormalise the phasors against rounding drift
                    let a = (re * re + im * im).squareRoot(), b = (pre * pre + pim * pim).squareRoot()
                    re /= a; im /= a; pre /= b; pim /= b
                }
            }
        }
        return c
    }
}
