import Foundation

/// A species as it exists in one generated corpus: catalogue names, the seed's call model, its
/// similar partner, and whether the class list and the simulated detector know it.
public struct FixtureSpecies: Sendable, Hashable {
    public var entry: CatalogEntry
    public var model: CallModel
    /// Index (in the corpus species list) of the deliberately similar species, if any.
    public var partner: Int?
    /// In `taxonomy.csv` (false: calls only in soundscapes, as a negative).
    public var inList: Bool
    /// The simulated BirdNET can report it (all birds; a fraction of non-birds).
    public var knownToDetector: Bool

    public var label: String { entry.label }
    public var isBird: Bool { entry.className == "Aves" }

    /// The species of a corpus: the preset's first `speciesCount` class-list species, then its
    /// first `outOfListCount` out-of-list species. Models are individualised by the seed.
    static func corpus(_ preset: FixturePreset, rng: SeededGenerator) -> [FixtureSpecies] {
        let entries = Array(SpeciesCatalog.inList.prefix(preset.speciesCount)).map { ($0, true) }
            + Array(SpeciesCatalog.outOfList.prefix(preset.outOfListCount)).map { ($0, false) }
        var species: [FixtureSpecies] = []
        for (entry, inList) in entries {
            var r = rng.split("species/\(entry.label)")
            var model = entry.template.individualised(using: &r)
            var partner: Int?
            if let leaderName = entry.similarTo, let leader = species.firstIndex(where: { $0.entry.scientificName == leaderName }) {
                model = species[leader].model.partner(similarity: preset.similarity, using: &r)
                partner = leader
                species[leader].partner = species.count
            }
            species.append(FixtureSpecies(entry: entry, model: model, partner: partner, inList: inList, knownToDetector: true))
        }
        // The detector knows round(coverage · n) of the n class-list non-birds, chosen by the seed.
        var nonBirds = species.indices.filter { species[$0].inList && !species[$0].isBird }
        var order = rng.split("detector-coverage")
        nonBirds.shuffle(using: &order)
        let known = Int((preset.detector.nonBirdCoverage * Double(nonBirds.count)).rounded())
        for i in nonBirds.dropFirst(known) { species[i].knownToDetector = false }
        return species
    }
}
