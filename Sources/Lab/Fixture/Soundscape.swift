import Foundation

/// One field recording of `train_soundscapes/`: weather background, distant overlapping calls at
/// low SNR, a recorder colouring per site.
public struct Soundscape: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Class-list species (and maybe out-of-list ones).
        case mixed
        /// Only species outside the class list: every window is a negative.
        case negativeOnly = "negative-only"
        /// Background only.
        case empty
    }

    /// `<site>_<yyyymmdd>_<hhmmss>` (no extension).
    public var name: String
    public var site: String
    public var kind: Kind
    public var duration: Double
    public var weather: Weather
    /// Background RMS of the written file, dBFS.
    public var backgroundDBFS: Double
    /// Recorder response of the site: one-pole high-pass and low-pass cut-offs, Hz.
    public var highpassHz: Double
    public var lowpassHz: Double
    /// Forest echoes of the site (delay in samples at 32 kHz, gain).
    public var echoDelays: [Int]
    public var echoGains: [Float]
    /// Every call, sorted by start.
    public var calls: [PlacedCall]
    public var noiseSeed: UInt64

    public var filename: String { name + ".ogg" }

    /// A recording site: its recorder colouring, echoes and weather habits.
    struct Site {
        var name: String
        var highpassHz: Double, lowpassHz: Double
        var echoDelays: [Int], echoGains: [Float]
        var windiness: Double

        static func all(count: Int, rng: SeededGenerator) -> [Site] {
            (0 ..< count).map { i in
                var r = rng.split("site/\(i)")
                return Site(name: String(format: "H%02d", i + 1), highpassHz: r.uniform(80, 250), lowpassHz: r.uniform(7_500, 13_000),
                            echoDelays: [Int(r.uniform(0.012, 0.035) * 32_000), Int(r.uniform(0.04, 0.09) * 32_000)],
                            echoGains: [Float(r.uniform(0.15, 0.4)), Float(r.uniform(0.08, 0.25))], windiness: r.uniform(0.3, 1))
            }
        }
    }

    /// Plans every soundscape of the corpus.
    static func planAll(_ species: [FixtureSpecies], recordingCounts: [Int], preset: FixturePreset,
                        rng: SeededGenerator) -> [Soundscape] {
        let n = preset.soundscapes
        let sites = Site.all(count: max(3, (n + 5) / 6), rng: rng)
        // Kinds: exact counts from the fractions, shuffled over the files.
        let outOfList = species.indices.filter { !species[$0].inList }
        let empties = n == 0 ? 0 : max(1, Int((preset.emptyFraction * Double(n)).rounded()))
        let negatives = outOfList.isEmpty || n < 3 ? 0 : max(1, Int((preset.negativeOnlyFraction * Double(n)).rounded()))
        var kinds = [Kind](repeating: .empty, count: min(empties, n))
            + [Kind](repeating: .negativeOnly, count: min(negatives, max(0, n - empties)))
        kinds += [Kind](repeating: .mixed, count: max(0, n - kinds.count))
        var order = rng.split("soundscape-kinds")
        kinds.shuffle(using: &order)

        var names = Set<String>()
        return (0 ..< n).map { i in
            var r = rng.split("soundscape/\(i)")
            let site = sites[r.index(sites.count)]
            var name: String
            repeat {
                let minutes = 5 * 60 + 5 * r.index(60)  // 05:00 … 09:55
                name = "\(site.name)_\(Self.date(day: r.index(120)))_" + String(format: "%02d%02d00", minutes / 60, minutes % 60)
            } while names.contains(name)
            names.insert(name)
            let weather = Weather(
                wind: r.uniform(preset.windLevel.lowerBound, preset.windLevel.upperBound) * site.windiness,
                rain: r.bernoulli(preset.rainProbability) ? r.uniform(preset.rainLevel.lowerBound, preset.rainLevel.upperBound) : 0,
                chorus: r.bernoulli(preset.chorusProbability) ? r.uniform(preset.chorusLevel.lowerBound, preset.chorusLevel.upperBound) : 0)
            let calls = plannedCalls(kinds[i], species, recordingCounts, preset, &r)
            return Soundscape(name: name, site: site.name, kind: kinds[i], duration: preset.soundscapeSeconds, weather: weather,
                              backgroundDBFS: r.uniform(preset.soundscapeBackgroundDBFS.lowerBound, preset.soundscapeBackgroundDBFS.upperBound),
                              highpassHz: site.highpassHz, lowpassHz: site.lowpassHz, echoDelays: site.echoDelays,
                              echoGains: site.echoGains, calls: calls, noiseSeed: r.next())
        }
    }

    /// 2024-03-01 plus `day` days as yyyymmdd (day < 153).
    static func date(day: Int) -> String {
        var d = day
        for (month, length) in [(3, 31), (4, 30), (5, 31), (6, 30), (7, 31)] {
            if d < length { return String(format: "2024%02d%02d", month, d + 1) }
            d -= length
        }
        return "20240731"
    }

    /// The calls of one soundscape of `kind`.
    private static func plannedCalls(_ kind: Kind, _ species: [FixtureSpecies], _ recordingCounts: [Int],
                                     _ preset: FixturePreset, _ rng: inout SeededGenerator) -> [PlacedCall] {
        let duration = preset.soundscapeSeconds
        func bouts(_ s: Int, _ count: ClosedRange<Int>, _ snr: ClosedRange<Double>) -> [PlacedCall] {
            (0 ..< Int.random(in: count, using: &rng)).flatMap { _ in
                species[s].model.bout(species: s, start: rng.uniform(0, duration - 0.5), variation: preset.withinSpeciesVariation,
                                      snr: snr, cutoff: preset.distanceCutoffHz, using: &rng)
                    .filter { $0.start < duration - 0.2 }
            }
        }
        let outOfList = species.indices.filter { !species[$0].inList }
        var calls: [PlacedCall] = []
        switch kind {
        case .empty:
            break
        case .negativeOnly:
            for s in outOfList.shuffled(using: &rng).prefix(Int.random(in: 1 ... 2, using: &rng)) {
                calls += bouts(s, 1 ... 3, preset.outOfListSNR)
            }
        case .mixed:
            // Class-list species, weighted by sqrt(recordings) so rare ones show up rarely.
            var pool = species.indices.filter { species[$0].inList }
            var chosen: [Int] = []
            let k = min(pool.count, Int.random(in: preset.speciesPerSoundscape, using: &rng))
            while chosen.count < k, !pool.isEmpty {
                let weights = pool.map { Double(recordingCounts[$0]).squareRoot() }
                var u = rng.uniform(0, weights.reduce(0, +))
                var pick = pool.count - 1
                for (j, w) in weights.enumerated() { if u < w { pick = j; break }; u -= w }
                let s = pool.remove(at: pick)
                chosen.append(s)
                if let p = species[s].partner, let j = pool.firstIndex(of: p), rng.bernoulli(preset.partnerCoOccurrence) {
                    chosen.append(pool.remove(at: j))
                }
            }
            for s in chosen { calls += bouts(s, preset.boutsPerSpecies, preset.soundscapeSNR) }
            for s in outOfList where rng.bernoulli(preset.outOfListProbability) { calls += bouts(s, 1 ... 2, preset.outOfListSNR) }
        }
        return calls.sorted { ($0.start, $0.species) < ($1.start, $1.species) }
    }

    /// The samples of the soundscape at `sampleRate`.
    func render(sampleRate: Int) -> [Float] {
        let count = Int(duration * Double(sampleRate))
        var rng = SeededGenerator(seed: noiseSeed)
        var mix = Backgrounds.soundscape(count: count, weather: weather, sampleRate: sampleRate, using: &rng)
        let scale = Double(sampleRate) / 32_000
        let echoes = zip(echoDelays, echoGains).map { (delay: Int(Double($0) * scale), gain: $1) }
        for call in calls { CallPlacement.add(call, to: &mix, sampleRate: sampleRate, echoes: echoes) }
        SignalShaping.highpass(&mix, cutoff: highpassHz, sampleRate: sampleRate)
        SignalShaping.lowpass(&mix, cutoff: lowpassHz, sampleRate: sampleRate)
        SignalShaping.lowpass(&mix, cutoff: lowpassHz * 1.4, sampleRate: sampleRate)
        var gain = Float(pow(10, backgroundDBFS / 20))
        let peak = mix.reduce(Float(0)) { max($0, abs($1)) } * gain
        if peak > 0.95 { gain *= 0.95 / peak }
        for i in mix.indices { mix[i] *= gain }
        return mix
    }

    /// The 5 s windows of the file: end second and the class-list labels calling in each.
    /// A species counts in a window when one of its calls overlaps it by ≥ 0.3 s or by half the call.
    func windowLabels(_ species: [FixtureSpecies], window: Double = 5) -> [(end: Int, labels: [String])] {
        let count = Int((duration / window).rounded(.down))
        return (0 ..< count).map { w in
            let lo = Double(w) * window, hi = lo + window
            var labels = Set<String>()
            for call in calls where species[call.species].inList && Self.counts(call, from: lo, to: hi, duration: duration) {
                labels.insert(species[call.species].label)
            }
            return (end: Int(hi.rounded()), labels: labels.sorted())
        }
    }

    /// True when `call` (clipped to the file) overlaps [lo, hi) by ≥ 0.3 s or by half its length.
    static func counts(_ call: PlacedCall, from lo: Double, to hi: Double, duration: Double) -> Bool {
        let end = min(call.end, duration)
        let overlap = min(end, hi) - max(call.start, lo)
        return overlap >= min(0.3, 0.5 * (end - call.start)) && overlap > 0
    }
}
