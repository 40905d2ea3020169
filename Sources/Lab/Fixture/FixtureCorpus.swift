import Foundation

/// The full plan of a synthetic corpus: species, focal recordings, soundscapes, detector output.
/// Metadata only (call lists and seeds); audio is rendered from it file by file.
public struct FixtureCorpus: Sendable {
    public static let sampleRate = 32_000

    public var preset: FixturePreset
    public var seed: UInt64
    /// Class-list species first (catalogue order), then out-of-list species.
    public var species: [FixtureSpecies]
    /// Focal recordings per species (0 for out-of-list species).
    public var recordingCounts: [Int]
    /// In `train.csv` order: by primary label, then file name.
    public var recordings: [FocalRecording]
    public var soundscapes: [Soundscape]
    public var detections: [SimulatedDetection]

    /// Plans the corpus of `preset` and `seed`; a pure function of both.
    public static func plan(preset: FixturePreset, seed: UInt64) throws -> FixtureCorpus {
        try preset.validate()
        let root = SeededGenerator(seed: seed)
        let species = FixtureSpecies.corpus(preset, rng: root)
        let counts = recordingCounts(species, preset: preset, rng: root.split("counts"))
        var ids = Set<String>()
        var recordings: [FocalRecording] = []
        for s in species.indices where species[s].inList {
            var r = root.split("focal/\(species[s].label)")
            for _ in 0 ..< counts[s] {
                recordings.append(FocalRecording.plan(species: s, in: species, preset: preset, ids: &ids, using: &r))
            }
        }
        recordings.sort { ($0.filename(species)) < ($1.filename(species)) }
        let soundscapes = Soundscape.planAll(species, recordingCounts: counts, preset: preset, rng: root.split("soundscapes"))
        let detections = soundscapes.flatMap {
            DetectorSimulation.detect($0, species: species, model: preset.detector, rng: root)
        }
        return FixtureCorpus(preset: preset, seed: seed, species: species, recordingCounts: counts,
                             recordings: recordings, soundscapes: soundscapes, detections: detections)
    }

    /// Long-tailed recording counts: the preset's rare counts (1, 2, 3, 4) go to species chosen by
    /// the seed; the others get max·(1 + rank)^−α (at least 5), α chosen to hit the total.
    static func recordingCounts(_ species: [FixtureSpecies], preset: FixturePreset, rng: SeededGenerator) -> [Int] {
        var r = rng
        let inList = species.indices.filter { species[$0].inList }.shuffled(using: &r)
        var counts = [Int](repeating: 0, count: species.count)
        for (s, c) in zip(inList, preset.rareCounts) { counts[s] = c }
        let rest = Array(inList.dropFirst(preset.rareCounts.count))
        guard !rest.isEmpty else { return counts }
        let target = max(rest.count * 5, preset.recordings - preset.rareCounts.prefix(inList.count).reduce(0, +))
        func tail(_ alpha: Double) -> [Int] {
            rest.indices.map { max(5, Int((Double(preset.maxRecordingsPerSpecies) / pow(Double(1 + $0), alpha)).rounded())) }
        }
        var lo = 0.0, hi = 4.0  // larger α → smaller total
        for _ in 0 ..< 40 {
            let mid = (lo + hi) / 2
            if tail(mid).reduce(0, +) > target { lo = mid } else { hi = mid }
        }
        for (s, c) in zip(rest, tail(hi)) { counts[s] = c }
        return counts
    }

    /// The class-list species in `taxonomy.csv` order (plain lexicographic label order).
    public var classList: [FixtureSpecies] {
        species.filter(\.inList).sorted { $0.label < $1.label }
    }

    /// Path of a focal recording relative to the corpus folder.
    public func audioPath(_ recording: FocalRecording) -> String { "train_audio/" + recording.filename(species) }

    /// Path of a soundscape relative to the corpus folder.
    public func audioPath(_ soundscape: Soundscape) -> String { "train_soundscapes/" + soundscape.filename }
}
