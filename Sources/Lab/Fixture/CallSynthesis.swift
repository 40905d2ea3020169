import Foundation

/// Turns a call model into samples. A pure function of the model, the rate and the seed.
enum CallSynthesis {
    /// Highest frequency synthesised (harmonics above are dropped).
    static let maxHz = 15_000.0

    /// The samples of one call (not level-normalised).
    static func render(_ m: CallModel, sampleRate: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        switch m.kind {
        case .whistle, .harmonicStack, .mammalCall:
            return tonal(m, sampleRate: sampleRate, using: &rng)
        case .trill:
            return elements(m, sampleRate: sampleRate, using: &rng) { m, t, length in contour(m.sweep, lo: m.lowHz, hi: m.highHz, t / length) }
        case .pulseTrain:
            return elements(m, sampleRate: sampleRate, using: &rng) { m, t, _ in m.highHz - (m.highHz - m.lowHz) * t / max(m.duration, 1e-3) }
        case .drum:
            return drum(m, sampleRate: sampleRate, using: &rng)
        case .insectBuzz:
            return buzz(m, sampleRate: sampleRate, using: &rng)
        }
    }

    /// Fundamental frequency at fraction `u` ∈ [0, 1] of a contour; nil in the gap of a two-note call.
    static func contour(_ sweep: SweepShape, lo: Double, hi: Double, _ u: Double) -> Double {
        switch sweep {
        case .up: return lo + (hi - lo) * u
        case .down: return hi - (hi - lo) * u
        case .arch: return lo + (hi - lo) * sin(Double.pi * u)
        case .flat: return (lo + hi) / 2
        case .twoNote: return u < 0.5 ? hi : lo
        }
    }

    /// Amplitude gate of a contour: a two-note call is silent between its notes.
    static func gate(_ sweep: SweepShape, _ u: Double) -> Double {
        guard sweep == .twoNote else { return 1 }
        let gap = 0.06
        if u < 0.5 - gap { return SignalShaping.envelope(u, length: 0.5 - gap, attack: 0.05, release: 0.05) }
        if u > 0.5 + gap { return SignalShaping.envelope(u - 0.5 - gap, length: 0.5 - gap, attack: 0.05, release: 0.05) }
        return 0
    }

    /// Low-passed noise with unit RMS, used to roughen tonal calls.
    static func roughness(_ count: Int, cutoff: Double, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        var r = SignalShaping.white(count, using: &rng)
        SignalShaping.lowpass(&r, cutoff: cutoff, sampleRate: sampleRate)
        SignalShaping.normalise(&r, rms: 1)
        return r
    }

    /// Whistles, harmonic stacks and mammal calls: one harmonic tone following the contour.
    static func tonal(_ m: CallModel, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        let n = max(1, Int(m.duration * Double(sampleRate)))
        let rough = m.noise > 0 ? roughness(n, cutoff: 400, sampleRate: sampleRate, using: &rng) : []
        let attack = min(0.3 * m.duration, 0.008 + 0.05 * m.duration)
        let release = min(0.4 * m.duration, 0.015 + 0.1 * m.duration)
        let vibratoPhase = rng.uniform(0, 2 * Double.pi)
        var out = [Float](repeating: 0, count: n)
        var phase = 0.0
        let dt = 1 / Double(sampleRate)
        for i in 0 ..< n {
            let t = Double(i) * dt
            let u = t / m.duration
            var f = contour(m.sweep, lo: m.lowHz, hi: m.highHz, u)
            if m.vibratoDepth > 0 { f *= 1 + m.vibratoDepth * sin(2 * Double.pi * m.vibratoHz * t + vibratoPhase) }
            phase += 2 * Double.pi * f * dt
            if phase > 2 * Double.pi * 1_000 { phase -= 2 * Double.pi * 1_000 }
            var v = 0.0
            for (k, a) in m.harmonics.enumerated() where Double(k + 1) * f < maxHz {
                v += a * sin(Double(k + 1) * phase)
            }
            var amp = SignalShaping.envelope(t, length: m.duration, attack: attack, release: release) * gate(m.sweep, u)
            if m.noise > 0 { amp *= (1 - m.noise) + m.noise * 1.5 * Double(rough[i]) }
            out[i] = Float(v * amp)
        }
        return out
    }

    /// Trills and pulse trains: short harmonic elements repeated at `elementRate`;
    /// `frequency(model, t, elementLength)` gives the fundamental at time `t` within an element.
    static func elements(_ m: CallModel, sampleRate: Int, using rng: inout SeededGenerator,
                         frequency: (CallModel, Double, Double) -> Double) -> [Float] {
        let n = max(1, Int(m.duration * Double(sampleRate)))
        var out = [Float](repeating: 0, count: n)
        let period = 1 / max(m.elementRate, 0.5)
        let count = max(1, Int(m.duration / period))
        let length = min(m.elementDuration, period * 0.95)
        let isPulse = m.kind == .pulseTrain
        for e in 0 ..< count {
            let start = Double(e) * period + rng.uniform(0, 0.04) * period
            let amplitude = 0.8 + 0.2 * rng.uniform() - (isPulse ? 0 : 0.25 * Double(e) / Double(count))
            let first = Int(start * Double(sampleRate))
            let samples = Int(length * Double(sampleRate))
            var phase = 0.0
            for j in 0 ..< samples where first + j < n {
                let t = Double(j) / Double(sampleRate)
                let f = isPulse ? frequency(m, start + t, length) : frequency(m, t, length)
                phase += 2 * Double.pi * f / Double(sampleRate)
                var v = 0.0
                for (k, a) in m.harmonics.enumerated() where Double(k + 1) * f < maxHz { v += a * sin(Double(k + 1) * phase) }
                let env = isPulse ? min(1, t / 0.002) * exp(-3 * t / length) : SignalShaping.envelope(t, length: length, attack: 0.2 * length, release: 0.3 * length)
                out[first + j] += Float(amplitude * env * v)
            }
        }
        return out
    }

    /// Drumming: knocks (three damped resonances plus a noise burst) at an accelerating rate.
    static func drum(_ m: CallModel, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        let n = max(1, Int(m.duration * Double(sampleRate)))
        var out = [Float](repeating: 0, count: n)
        let resonances = [m.lowHz, (m.lowHz * m.highHz).squareRoot(), m.highHz]
        let tau = max(m.elementDuration / 3, 0.001)
        var t0 = 0.0
        var k = 0
        while t0 < m.duration - 0.005 {
            let first = Int(t0 * Double(sampleRate))
            let amplitude = 1 - 0.4 * t0 / m.duration
            let knock = Int(5 * tau * Double(sampleRate))
            for j in 0 ..< knock where first + j < n {
                let t = Double(j) / Double(sampleRate)
                var v = 0.0
                for (r, f) in resonances.enumerated() { v += sin(2 * Double.pi * f * t) / Double(r + 1) }
                v = (1 - m.noise) * v + m.noise * 2 * rng.uniform(-1, 1)
                out[first + j] += Float(amplitude * exp(-t / tau) * v)
            }
            k += 1
            t0 += 1 / (m.elementRate * (1 + 0.25 * t0 / m.duration))
        }
        return out
    }

    /// Insect buzzes: a tone at the band centre and band-limited noise, pulsed at `elementRate`.
    static func buzz(_ m: CallModel, sampleRate: Int, using rng: inout SeededGenerator) -> [Float] {
        let n = max(1, Int(m.duration * Double(sampleRate)))
        let centre = (m.lowHz + m.highHz) / 2
        // Band noise = low-passed noise shifted up to the centre; four one-pole passes keep it in band.
        var band = roughness(n, cutoff: max((m.highHz - m.lowHz) / 2, 100), sampleRate: sampleRate, using: &rng)
        for _ in 0 ..< 3 { SignalShaping.lowpass(&band, cutoff: max((m.highHz - m.lowHz) / 2, 100), sampleRate: sampleRate) }
        SignalShaping.normalise(&band, rms: 1)
        let period = 1 / max(m.elementRate, 1)
        let pulse = min(m.elementDuration, period)
        var out = [Float](repeating: 0, count: n)
        let release = min(0.3 * m.duration, 0.05)
        for i in 0 ..< n {
            let t = Double(i) / Double(sampleRate)
            let carrier = cos(2 * Double.pi * centre * t)
            let v = (1 - m.noise) * carrier + m.noise * Double(band[i]) * carrier * 1.4
            let inPulse = t.truncatingRemainder(dividingBy: period)
            let am = pulse >= period * 0.98 ? 1 : SignalShaping.envelope(inPulse, length: pulse, attack: 0.3 * pulse, release: 0.3 * pulse)
            out[i] = Float(v * am * SignalShaping.envelope(t, length: m.duration, attack: release, release: release))
        }
        return out
    }
}
