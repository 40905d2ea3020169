import Foundation

/// One species of the synthetic world: names in the Kaggle style and a call-model template.
///
/// Names are real species' names so the tables read like BirdCLEF's; the calls are synthetic and
/// only loosely inspired by each species. Birds use eBird codes; non-birds use a numeric
/// iNat-style id, derived from the scientific name (not the real iNaturalist id).
public struct CatalogEntry: Sendable, Hashable {
    /// eBird code for birds; nil for non-birds (their label is `inatTaxonID`).
    public var ebirdCode: String?
    public var scientificName: String
    public var commonName: String
    /// Aves, Amphibia, Insecta or Mammalia.
    public var className: String
    public var template: CallModel
    /// Scientific name of the species this one is deliberately similar to (its model is derived from it).
    public var similarTo: String?

    /// A numeric id in the iNaturalist style (synthetic, stable).
    public var inatTaxonID: String {
        String(100_000 + StableHash.fnv1a(Array(scientificName.utf8)) % 1_500_000)
    }

    /// The `primary_label`: the eBird code, or the iNat-style id for non-birds.
    public var label: String { ebirdCode ?? inatTaxonID }
}

/// The species the fixture draws from, in the order presets take them (so small presets still
/// hold every class and several similar pairs).
public enum SpeciesCatalog {
    private static func whistle(_ lo: Double, _ hi: Double, _ dur: Double, _ sweep: SweepShape, harmonics: [Double] = [1, 0.2],
                                noise: Double = 0, vibrato: (Double, Double) = (0, 0), calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .whistle, lowHz: lo, highHz: hi, duration: dur, elementRate: 0, elementDuration: dur, sweep: sweep,
                  harmonics: harmonics, noise: noise, vibratoHz: vibrato.0, vibratoDepth: vibrato.1, callsPerBout: calls, callGap: gap)
    }

    private static func trill(_ lo: Double, _ hi: Double, _ dur: Double, rate: Double, element: Double, _ sweep: SweepShape = .down,
                              calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .trill, lowHz: lo, highHz: hi, duration: dur, elementRate: rate, elementDuration: element, sweep: sweep,
                  harmonics: [1, 0.15], noise: 0, vibratoHz: 0, vibratoDepth: 0, callsPerBout: calls, callGap: gap)
    }

    /// A harmonic stack on `f0` (contour lo…hi) whose harmonics peak around `formant` Hz.
    private static func stack(_ lo: Double, _ hi: Double, _ dur: Double, _ sweep: SweepShape, formant: Double, noise: Double,
                              calls: ClosedRange<Int>, gap: Double) -> CallModel {
        let f0 = (lo + hi) / 2
        let count = max(2, min(16, Int(12_000 / f0)))
        let harmonics = (1 ... count).map { k -> Double in
            let f = Double(k) * f0
            return exp(-pow((f - formant) / (0.6 * formant), 2)) + 0.08 / Double(k)
        }
        return CallModel(kind: .harmonicStack, lowHz: lo, highHz: hi, duration: dur, elementRate: 0, elementDuration: dur, sweep: sweep,
                         harmonics: harmonics, noise: noise, vibratoHz: 0, vibratoDepth: 0, callsPerBout: calls, callGap: gap)
    }

    private static func drum(_ lo: Double, _ hi: Double, _ dur: Double, rate: Double, calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .drum, lowHz: lo, highHz: hi, duration: dur, elementRate: rate, elementDuration: 0.012, sweep: .flat,
                  harmonics: [1], noise: 0.5, vibratoHz: 0, vibratoDepth: 0, callsPerBout: calls, callGap: gap)
    }

    private static func buzz(_ lo: Double, _ hi: Double, _ dur: Double, rate: Double, element: Double, noise: Double,
                             calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .insectBuzz, lowHz: lo, highHz: hi, duration: dur, elementRate: rate, elementDuration: element, sweep: .flat,
                  harmonics: [1, 0.1], noise: noise, vibratoHz: 0, vibratoDepth: 0, callsPerBout: calls, callGap: gap)
    }

    private static func pulses(_ lo: Double, _ hi: Double, _ dur: Double, rate: Double, element: Double, harmonics: [Double],
                               calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .pulseTrain, lowHz: lo, highHz: hi, duration: dur, elementRate: rate, elementDuration: element, sweep: .down,
                  harmonics: harmonics, noise: 0.05, vibratoHz: 0, vibratoDepth: 0, callsPerBout: calls, callGap: gap)
    }

    private static func mammal(_ lo: Double, _ hi: Double, _ dur: Double, _ sweep: SweepShape, harmonics: [Double], noise: Double,
                               vibrato: (Double, Double) = (0, 0), calls: ClosedRange<Int>, gap: Double) -> CallModel {
        CallModel(kind: .mammalCall, lowHz: lo, highHz: hi, duration: dur, elementRate: 0, elementDuration: dur, sweep: sweep,
                  harmonics: harmonics, noise: noise, vibratoHz: vibrato.0, vibratoDepth: vibrato.1, callsPerBout: calls, callGap: gap)
    }

    private static func bird(_ code: String, _ sci: String, _ common: String, _ model: CallModel, like: String? = nil) -> CatalogEntry {
        CatalogEntry(ebirdCode: code, scientificName: sci, commonName: common, className: "Aves", template: model, similarTo: like)
    }

    private static func other(_ cls: String, _ sci: String, _ common: String, _ model: CallModel, like: String? = nil) -> CatalogEntry {
        CatalogEntry(ebirdCode: nil, scientificName: sci, commonName: common, className: cls, template: model, similarTo: like)
    }

    /// Species that may be in the class list, in the order presets take them.
    public static let inList: [CatalogEntry] = [
        bird("amerob", "Turdus migratorius", "American Robin", whistle(1_800, 3_200, 0.35, .arch, harmonics: [1, 0.25], calls: 3 ... 6, gap: 0.25)),
        bird("chispa", "Spizella passerina", "Chipping Sparrow", trill(4_000, 6_000, 1.6, rate: 14, element: 0.045, calls: 1 ... 2, gap: 1.5)),
        bird("daejun", "Junco hyemalis", "Dark-eyed Junco", trill(4_000, 6_000, 1.6, rate: 14, element: 0.045, calls: 1 ... 2, gap: 1.5), like: "Spizella passerina"),
        other("Amphibia", "Lithobates catesbeianus", "American Bullfrog", pulses(180, 260, 0.9, rate: 14, element: 0.05, harmonics: [1, 0.6, 0.4, 0.2], calls: 1 ... 3, gap: 0.8)),
        bird("amecro", "Corvus brachyrhynchos", "American Crow", stack(450, 560, 0.45, .arch, formant: 1_500, noise: 0.5, calls: 2 ... 4, gap: 0.35)),
        other("Insecta", "Gryllus pennsylvanicus", "Fall Field Cricket", buzz(4_300, 4_700, 0.35, rate: 30, element: 0.02, noise: 0.1, calls: 3 ... 8, gap: 0.3)),
        other("Insecta", "Oecanthus fultoni", "Snowy Tree Cricket", buzz(4_300, 4_700, 0.35, rate: 30, element: 0.02, noise: 0.1, calls: 3 ... 8, gap: 0.3), like: "Gryllus pennsylvanicus"),
        bird("dowwoo", "Dryobates pubescens", "Downy Woodpecker", drum(1_200, 4_500, 0.9, rate: 16, calls: 1 ... 2, gap: 3)),
        bird("haiwoo", "Dryobates villosus", "Hairy Woodpecker", drum(1_200, 4_500, 0.9, rate: 16, calls: 1 ... 2, gap: 3), like: "Dryobates pubescens"),
        other("Mammalia", "Tamias striatus", "Eastern Chipmunk", mammal(1_800, 3_000, 0.07, .down, harmonics: [1, 0.5, 0.3], noise: 0.2, calls: 6 ... 14, gap: 0.28)),
        bird("bkcchi", "Poecile atricapillus", "Black-capped Chickadee", whistle(3_200, 3_900, 0.8, .twoNote, harmonics: [1, 0.1], calls: 2 ... 4, gap: 0.6)),
        other("Amphibia", "Hyla versicolor", "Gray Treefrog", pulses(1_100, 1_250, 0.6, rate: 20, element: 0.025, harmonics: [1, 0.5, 0.3], calls: 1 ... 3, gap: 1.2)),
        other("Amphibia", "Pseudacris triseriata", "Western Chorus Frog", pulses(1_100, 1_250, 0.6, rate: 20, element: 0.025, harmonics: [1, 0.5, 0.3], calls: 1 ... 3, gap: 1.2), like: "Hyla versicolor"),
        bird("carwre", "Thryothorus ludovicianus", "Carolina Wren", trill(2_800, 4_200, 1.2, rate: 6, element: 0.12, .arch, calls: 1 ... 2, gap: 1.0)),
        bird("woothr", "Hylocichla mustelina", "Wood Thrush", whistle(1_800, 3_400, 0.5, .up, harmonics: [1, 0.35, 0.1], noise: 0.05, vibrato: (30, 0.01), calls: 1 ... 3, gap: 0.8)),
        bird("herthr", "Catharus guttatus", "Hermit Thrush", whistle(1_800, 3_400, 0.5, .up, calls: 1 ... 3, gap: 0.8), like: "Hylocichla mustelina"),
        bird("blujay", "Cyanocitta cristata", "Blue Jay", stack(800, 1_100, 0.4, .down, formant: 2_500, noise: 0.55, calls: 2 ... 3, gap: 0.3)),
        other("Insecta", "Neotibicen canicularis", "Dog-day Cicada", buzz(4_500, 7_500, 6, rate: 120, element: 0.004, noise: 0.8, calls: 1 ... 1, gap: 4)),
        bird("norcar", "Cardinalis cardinalis", "Northern Cardinal", whistle(1_800, 4_200, 0.25, .down, harmonics: [1, 0.15], calls: 4 ... 8, gap: 0.12)),
        other("Mammalia", "Canis latrans", "Coyote", mammal(450, 1_100, 1.6, .arch, harmonics: [1, 0.5, 0.3, 0.2], noise: 0.15, vibrato: (6, 0.02), calls: 1 ... 3, gap: 0.6)),
        bird("whbnut", "Sitta carolinensis", "White-breasted Nuthatch", stack(620, 680, 0.12, .flat, formant: 2_200, noise: 0.3, calls: 3 ... 8, gap: 0.15)),
        bird("rebnut", "Sitta canadensis", "Red-breasted Nuthatch", stack(620, 680, 0.12, .flat, formant: 2_200, noise: 0.3, calls: 3 ... 8, gap: 0.15), like: "Sitta carolinensis"),
        bird("grhowl", "Bubo virginianus", "Great Horned Owl", whistle(280, 330, 0.5, .flat, harmonics: [1, 0.3, 0.1], calls: 3 ... 5, gap: 0.35)),
        bird("sonspa", "Melospiza melodia", "Song Sparrow", trill(2_500, 7_000, 2.0, rate: 9, element: 0.06, calls: 1 ... 2, gap: 2.0)),
        other("Insecta", "Pterophylla camellifolia", "Common True Katydid", buzz(6_000, 9_000, 0.35, rate: 50, element: 0.008, noise: 0.6, calls: 2 ... 3, gap: 0.25)),
        bird("eawpew", "Contopus virens", "Eastern Wood-Pewee", whistle(3_000, 4_200, 0.7, .arch, harmonics: [1, 0.1], calls: 1 ... 2, gap: 2)),
        other("Amphibia", "Anaxyrus americanus", "American Toad", pulses(1_600, 1_700, 5, rate: 40, element: 0.015, harmonics: [1, 0.2], calls: 1 ... 1, gap: 3)),
        bird("moudov", "Zenaida macroura", "Mourning Dove", whistle(480, 620, 0.9, .arch, harmonics: [1, 0.35, 0.1], calls: 3 ... 4, gap: 0.3)),
        other("Mammalia", "Tamiasciurus hudsonicus", "American Red Squirrel", mammal(3_000, 6_000, 0.05, .down, harmonics: [1, 0.5], noise: 0.6, calls: 15 ... 30, gap: 0.02)),
        bird("reevir1", "Vireo olivaceus", "Red-eyed Vireo", whistle(2_200, 3_800, 0.3, .arch, calls: 3 ... 6, gap: 0.5)),
        bird("comyel", "Geothlypis trichas", "Common Yellowthroat", trill(2_200, 4_500, 1.5, rate: 5, element: 0.16, .twoNote, calls: 1 ... 2, gap: 1.5)),
        bird("houwre", "Troglodytes aedon", "House Wren", trill(2_500, 6_500, 2.0, rate: 12, element: 0.05, .up, calls: 1 ... 1, gap: 2)),
        bird("tuftit", "Baeolophus bicolor", "Tufted Titmouse", whistle(2_500, 3_300, 0.25, .down, calls: 3 ... 5, gap: 0.2)),
        other("Amphibia", "Lithobates clamitans", "Green Frog", pulses(250, 300, 0.12, rate: 8, element: 0.12, harmonics: [1, 0.7, 0.5, 0.3], calls: 1 ... 4, gap: 0.6)),
        other("Insecta", "Magicicada septendecim", "Pharaoh Cicada", buzz(1_000, 1_800, 2.0, rate: 80, element: 0.005, noise: 0.7, calls: 1 ... 2, gap: 1)),
        bird("grycat", "Dumetella carolinensis", "Gray Catbird", stack(1_200, 2_000, 0.35, .arch, formant: 2_500, noise: 0.15, calls: 1 ... 3, gap: 0.8)),
        bird("easpho", "Sayornis phoebe", "Eastern Phoebe", whistle(3_500, 4_500, 0.6, .twoNote, harmonics: [1, 0.15], noise: 0.2, calls: 1 ... 3, gap: 0.9)),
        bird("cedwax", "Bombycilla cedrorum", "Cedar Waxwing", whistle(6_500, 7_200, 0.6, .flat, harmonics: [1], vibrato: (40, 0.03), calls: 1 ... 3, gap: 0.5)),
        bird("indbun", "Passerina cyanea", "Indigo Bunting", whistle(4_000, 6_500, 0.2, .down, calls: 6 ... 10, gap: 0.08)),
        other("Mammalia", "Vulpes vulpes", "Red Fox", mammal(600, 1_400, 0.3, .arch, harmonics: [1, 0.6, 0.4, 0.3], noise: 0.4, calls: 2 ... 5, gap: 0.7)),
    ]

    /// Species outside every class list that call in soundscapes (the negatives' source); the
    /// simulated detector knows them all.
    public static let outOfList: [CatalogEntry] = [
        bird("comrav", "Corvus corax", "Common Raven", stack(360, 420, 0.5, .arch, formant: 1_200, noise: 0.55, calls: 2 ... 4, gap: 0.5)),
        bird("cangoo", "Branta canadensis", "Canada Goose", stack(300, 420, 0.3, .up, formant: 1_000, noise: 0.35, calls: 2 ... 6, gap: 0.25)),
        bird("easblu", "Sialia sialis", "Eastern Bluebird", whistle(2_200, 3_200, 0.7, .arch, harmonics: [1, 0.2], calls: 1 ... 3, gap: 0.7)),
        bird("rewbla", "Agelaius phoeniceus", "Red-winged Blackbird", trill(2_500, 6_000, 1.2, rate: 40, element: 0.02, .up, calls: 1 ... 2, gap: 2)),
        bird("killde", "Charadrius vociferus", "Killdeer", whistle(3_000, 5_000, 0.3, .down, harmonics: [1, 0.3], calls: 3 ... 6, gap: 0.3)),
        other("Mammalia", "Canis familiaris", "Dog", mammal(500, 1_000, 0.18, .down, harmonics: [1, 0.7, 0.5, 0.4, 0.3], noise: 0.5, calls: 2 ... 6, gap: 0.4)),
        bird("whtspa", "Zonotrichia albicollis", "White-throated Sparrow", whistle(3_300, 4_400, 2.2, .twoNote, harmonics: [1, 0.1], calls: 1 ... 2, gap: 3)),
        bird("comgra", "Quiscalus quiscula", "Common Grackle", stack(1_500, 2_500, 0.3, .up, formant: 3_500, noise: 0.6, calls: 1 ... 3, gap: 1)),
    ]
}
