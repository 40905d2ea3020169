import Foundation

/// One focal recording of `train_audio/`: a primary species calling in bouts at high SNR over a
/// quiet noise floor, sometimes a secondary species, sometimes handling noise.
public struct FocalRecording: Sendable, Hashable {
    /// Index of the primary species in the corpus species list.
    public var species: Int
    /// Secondary species listed in `secondary_labels`.
    public var secondary: [Int]
    /// A quiet background species that is not listed (real labels miss some too).
    public var unlisted: Int?
    public var metadata: RecordingMetadata
    public var duration: Double
    /// Every call in the file (primary, secondary and unlisted), sorted by start.
    public var calls: [PlacedCall]
    public var handlingNoise: Bool
    /// Peak amplitude of the written file.
    public var peak: Double
    /// Seed of the background noise.
    public var noiseSeed: UInt64

    /// `<primary_label>/<id>.ogg`, relative to `train_audio/`.
    func filename(_ species: [FixtureSpecies]) -> String { "\(species[self.species].label)/\(metadata.id).ogg" }

    /// Plans a recording of species `s` (no audio yet).
    static func plan(species s: Int, in species: [FixtureSpecies], preset: FixturePreset, ids: inout Set<String>,
                     using rng: inout SeededGenerator) -> FocalRecording {
        let sp = species[s]
        let range = preset.focalSeconds
        let duration = (exp(rng.uniform(log(range.lowerBound), log(range.upperBound))) * 10).rounded() / 10
        let quality = rng.uniform(preset.focalSNR.lowerBound, preset.focalSNR.upperBound)
        let metadata = RecordingMetadata.draw(isBird: sp.isBird, kind: sp.model.kind, snr: preset.focalSNR, quality: quality,
                                              ids: &ids, using: &rng)
        var calls: [PlacedCall] = []
        // Primary bouts from near the start to the end, with silences between them.
        var t = rng.uniform(0.1, 0.8)
        while t < duration - 0.3 {
            let bout = sp.model.bout(species: s, start: t, variation: preset.withinSpeciesVariation,
                                     snr: (quality - 3) ... (quality + 3), cutoff: nil, using: &rng)
                .filter { $0.start < duration - 0.1 }
            calls += bout
            t = (bout.last?.end ?? t) + rng.uniform(0.4, 2.5) + 2 * sp.model.callGap
        }
        let others = species.indices.filter { $0 != s && species[$0].inList }
        var secondary: [Int] = []
        if !others.isEmpty, rng.bernoulli(preset.secondaryProbability) {
            let count = rng.bernoulli(0.25) && others.count > 1 ? 2 : 1
            secondary = Array(others.shuffled(using: &rng).prefix(count)).sorted { species[$0].label < species[$1].label }
            for o in secondary { calls += backgroundBout(o, species, duration, preset.secondarySNR, preset, &rng) }
        }
        var unlisted: Int?
        let remaining = others.filter { !secondary.contains($0) }
        if !remaining.isEmpty, rng.bernoulli(0.05) {
            let o = remaining[rng.index(remaining.count)]
            unlisted = o
            calls += backgroundBout(o, species, duration, (preset.secondarySNR.lowerBound - 4) ... preset.secondarySNR.lowerBound, preset, &rng)
        }
        calls.sort { ($0.start, $0.species) < ($1.start, $1.species) }
        return FocalRecording(species: s, secondary: secondary, unlisted: unlisted, metadata: metadata, duration: duration,
                              calls: calls, handlingNoise: rng.bernoulli(preset.handlingNoiseProbability),
                              peak: rng.uniform(0.3, 0.9), noiseSeed: rng.next())
    }

    /// One bout of a background species somewhere in the recording, a little distant.
    private static func backgroundBout(_ o: Int, _ species: [FixtureSpecies], _ duration: Double, _ snr: ClosedRange<Double>,
                                       _ preset: FixturePreset, _ rng: inout SeededGenerator) -> [PlacedCall] {
        let start = rng.uniform(0, max(0.1, duration - 1))
        return species[o].model.bout(species: o, start: start, variation: preset.withinSpeciesVariation, snr: snr,
                                     cutoff: 6_000 ... 14_000, using: &rng)
            .filter { $0.start < duration - 0.1 }
    }

    /// The samples of the recording at `sampleRate`.
    func render(_ species: [FixtureSpecies], sampleRate: Int) -> [Float] {
        let count = Int(duration * Double(sampleRate))
        var rng = SeededGenerator(seed: noiseSeed)
        var mix = Backgrounds.focal(count: count, handlingNoise: handlingNoise, sampleRate: sampleRate, using: &rng)
        for call in calls { CallPlacement.add(call, to: &mix, sampleRate: sampleRate, echoes: []) }
        let peakNow = mix.reduce(Float(0)) { max($0, abs($1)) }
        if peakNow > 0 {
            let g = Float(peak) / peakNow
            for i in mix.indices { mix[i] *= g }
        }
        return mix
    }
}

/// Putting a planned call into a mix at its SNR (the background has unit RMS).
enum CallPlacement {
    static func add(_ call: PlacedCall, to mix: inout [Float], sampleRate: Int, echoes: [(delay: Int, gain: Float)]) {
        var samples = CallSynthesis.render(call.model, sampleRate: sampleRate, seed: call.seed)
        if let cutoff = call.cutoffHz {
            SignalShaping.lowpass(&samples, cutoff: cutoff, sampleRate: sampleRate)
            SignalShaping.lowpass(&samples, cutoff: cutoff * 1.5, sampleRate: sampleRate)
        }
        SignalShaping.normalise(&samples, rms: pow(10, call.snrDB / 20))
        if !echoes.isEmpty {
            samples += [Float](repeating: 0, count: echoes.map(\.delay).max() ?? 0)
            SignalShaping.addEchoes(&samples, taps: echoes)
        }
        SignalShaping.mix(samples, into: &mix, at: Int(call.start * Double(sampleRate)))
    }
}
