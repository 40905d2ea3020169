import Foundation

/// One line of the simulated BirdNET output.
public struct SimulatedDetection: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// The species calls in the window and was reported.
        case hit
        /// A similar species calls in the window; this one was reported instead.
        case confusion
        /// Nothing of this species in the window.
        case falseAlarm = "false-alarm"
    }

    /// Soundscape file name (`<name>.ogg`).
    public var file: String
    public var start: Double
    public var end: Double
    public var species: Int
    public var confidence: Double
    /// Whether the species truly calls in the window (kept for statistics; not written to the CSV).
    public var correct: Bool
    public var origin: Origin
}

/// An imperfect BirdNET-like detector over 3 s windows (step 3 s), run on the planned calls.
///
/// Evidence for a species in a window is the best per-call SNR, reduced when only part of the call
/// is inside the window. Detection probability and confidence both grow with evidence through a
/// logistic curve, so higher confidence means more often right. It misses quiet calls, reports a
/// similar partner instead of the caller, raises false alarms (more of insects under an insect
/// chorus), never reports the non-birds it does not know, and knows every out-of-list species.
enum DetectorSimulation {
    static let window = 3.0

    static func detect(_ soundscape: Soundscape, species: [FixtureSpecies], model: DetectorModel,
                       rng parent: SeededGenerator) -> [SimulatedDetection] {
        var rng = parent.split("birdnet/\(soundscape.name)")
        let known = species.indices.filter { species[$0].knownToDetector }
        let insects = known.filter { species[$0].entry.className == "Insecta" }
        var detections: [SimulatedDetection] = []
        var start = 0.0
        while start < soundscape.duration - 1 {
            let end = min(start + window, soundscape.duration)
            var best: [Int: SimulatedDetection] = [:]
            func report(_ s: Int, _ confidence: Double, _ origin: SimulatedDetection.Origin, _ correct: Bool) {
                guard confidence >= model.minimumConfidence else { return }
                let c = min(confidence, 1)
                if let old = best[s], old.confidence >= c { return }
                best[s] = SimulatedDetection(file: soundscape.filename, start: start, end: end, species: s, confidence: c,
                                    correct: correct, origin: origin)
            }
            let evidence = self.evidence(soundscape, from: start, to: end)
            let present = Set(evidence.keys)
            for s in evidence.keys.sorted() where species[s].knownToDetector {
                let logit = model.slopePerDB * (evidence[s]! - model.detectionMidpointDB)
                guard rng.bernoulli(sigmoid(logit)) else { continue }  // a miss
                let confidenceLogit = 0.9 * logit + model.confidenceOffset + model.confidenceNoise * rng.normal()
                if let p = species[s].partner, species[p].knownToDetector,
                   rng.bernoulli(model.confusionProbability * (evidence[s]! < 5 ? 1.5 : 0.5)) {
                    report(p, sigmoid(confidenceLogit - 1.2), present.contains(p) ? .hit : .confusion, present.contains(p))
                } else {
                    report(s, sigmoid(confidenceLogit), .hit, true)
                }
            }
            var rate = model.falseAlarmsPerWindow
            if soundscape.weather.chorus > 0 { rate *= 2 }
            if soundscape.weather.rain > 0 { rate *= 1.5 }
            for _ in 0 ..< poisson(rate, using: &rng) where !known.isEmpty {
                let pool = soundscape.weather.chorus > 0 && !insects.isEmpty && rng.bernoulli(0.5) ? insects : known
                let s = pool[rng.index(pool.count)]
                report(s, 0.1 + 0.9 * pow(rng.uniform(), 4), present.contains(s) ? .hit : .falseAlarm, present.contains(s))
            }
            detections += best.values.sorted { ($1.confidence, species[$0.species].label) < ($0.confidence, species[$1.species].label) }
            start += window
        }
        return detections
    }

    /// Per species calling in [lo, hi): the best SNR in dB, minus 10·log10 of the fraction of the
    /// call (up to one window long) inside the window. Only calls that `Soundscape.counts` count.
    static func evidence(_ soundscape: Soundscape, from lo: Double, to hi: Double) -> [Int: Double] {
        var evidence: [Int: Double] = [:]
        for call in soundscape.calls where Soundscape.counts(call, from: lo, to: hi, duration: soundscape.duration) {
            let end = min(call.end, soundscape.duration)
            let overlap = min(end, hi) - max(call.start, lo)
            let fraction = min(1, overlap / min(end - call.start, window))
            let e = call.snrDB + 10 * log10(max(fraction, 0.05))
            evidence[call.species] = max(evidence[call.species] ?? -.infinity, e)
        }
        return evidence
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// A Poisson draw (Knuth; fine for small means).
    static func poisson(_ mean: Double, using rng: inout SeededGenerator) -> Int {
        let limit = exp(-mean)
        var k = 0
        var p = rng.uniform()
        while p > limit { k += 1; p *= rng.uniform() }
        return k
    }
}
