import Foundation

/// The families of synthetic vocalisations.
public enum CallKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A tonal frequency-modulated whistle (thrushes, chickadees, owls' hoots when low).
    case whistle
    /// Repeated short down-sweeps at a repetition rate (sparrows, juncos, wrens).
    case trill
    /// A harsh harmonic stack with a formant (crows, jays, nuthatches).
    case harmonicStack
    /// A train of broadband knocks (woodpecker drumming).
    case drum
    /// A narrow-band tonal or noisy buzz, pulsed at a high rate (crickets, cicadas, katydids).
    case insectBuzz
    /// Low tonal pulses in a train (frogs, toads).
    case pulseTrain
    /// A harmonic call with vibrato (squirrels, chipmunks, canids).
    case mammalCall
}

/// The shape of the frequency contour of a tonal call or element.
public enum SweepShape: String, Sendable, Hashable, Codable {
    case up, down, arch, flat, twoNote
}

/// The parameters of one species' call, or (after jitter) of one call instance.
public struct CallModel: Sendable, Hashable, Codable {
    public var kind: CallKind
    /// Lowest and highest frequency of the fundamental contour (for buzzes: the band), Hz.
    public var lowHz: Double
    public var highHz: Double
    /// Length of one call, s.
    public var duration: Double
    /// Elements (notes, pulses, knocks) per second, for kinds built from elements.
    public var elementRate: Double
    /// Length of one element, s.
    public var elementDuration: Double
    public var sweep: SweepShape
    /// Relative amplitude of harmonics 1, 2, 3, …
    public var harmonics: [Double]
    /// Roughness in [0, 1]: how much of the call is noise-modulated.
    public var noise: Double
    public var vibratoHz: Double
    /// Vibrato depth as a fraction of the frequency.
    public var vibratoDepth: Double
    /// Calls per bout and mean silence between calls of a bout, s.
    public var callsPerBout: ClosedRange<Int>
    public var callGap: Double

    /// This model with every frequency scaled by `f`, every duration by `d` and rates by `r`.
    func scaled(frequency f: Double, duration d: Double, rate r: Double) -> CallModel {
        var m = self
        m.lowHz = min(lowHz * f, 14_000)
        m.highHz = min(highHz * f, 15_000)
        m.duration = duration * d
        m.elementRate = elementRate * r
        m.elementDuration = min(elementDuration * d, r > 0 && elementRate > 0 ? 0.9 / m.elementRate : .infinity)
        m.callGap = callGap * d
        return m
    }

    /// The seed's version of a catalogue template: every species differs a little from seed to seed.
    func individualised(using rng: inout SeededGenerator) -> CallModel {
        scaled(frequency: exp(0.05 * rng.normal()), duration: exp(0.08 * rng.normal()), rate: exp(0.06 * rng.normal()))
    }

    /// A similar species' model: frequencies, rates and durations moved by (1 − similarity)
    /// (times a random 0.6…1 and a random sign each), everything else shared.
    func partner(similarity: Double, using rng: inout SeededGenerator) -> CallModel {
        let d = 1 - similarity
        func shift(_ scale: Double) -> Double {
            1 + (rng.bernoulli(0.5) ? 1 : -1) * d * scale * rng.uniform(0.6, 1)
        }
        return scaled(frequency: shift(1), duration: shift(0.8), rate: shift(1.2))
    }

    /// One call as produced: the species model with within-species jitter (`variation` = relative
    /// standard deviation of frequency; durations vary 1.5× as much).
    func instance(variation: Double, using rng: inout SeededGenerator) -> CallModel {
        scaled(frequency: exp(variation * rng.normal()), duration: exp(1.5 * variation * rng.normal()),
               rate: exp(variation * rng.normal()))
    }
}

/// One call placed in a recording: the jittered model, where it starts, how loud it is, how far
/// away it is, and the seed of its noise.
public struct PlacedCall: Sendable, Hashable {
    /// Index into the corpus species list (in-list first, then out-of-list).
    public var species: Int
    public var model: CallModel
    public var start: Double
    /// Per-call SNR in dB against the recording's background.
    public var snrDB: Double
    /// Distance low-pass cut-off, Hz (nil = close to the microphone).
    public var cutoffHz: Double?
    public var seed: UInt64

    public var end: Double { start + model.duration }
}

extension CallModel {
    /// A bout: `count` calls of this species starting at `start`, each jittered.
    func bout(species: Int, start: Double, variation: Double, snr: ClosedRange<Double>, cutoff: ClosedRange<Double>?,
              using rng: inout SeededGenerator) -> [PlacedCall] {
        let count = Int.random(in: callsPerBout, using: &rng)
        let boutSNR = rng.uniform(snr.lowerBound, snr.upperBound)
        let cutoffHz = cutoff.map { rng.uniform($0.lowerBound, $0.upperBound) }
        var t = start
        var calls: [PlacedCall] = []
        for _ in 0 ..< count {
            let m = instance(variation: variation, using: &rng)
            let callSNR = min(max(boutSNR + rng.normal(mean: 0, std: 1.5), snr.lowerBound - 2), snr.upperBound + 2)
            calls.append(PlacedCall(species: species, model: m, start: t, snrDB: callSNR, cutoffHz: cutoffHz, seed: rng.next()))
            t += m.duration + callGap * rng.uniform(0.6, 1.5)
        }
        return calls
    }
}
