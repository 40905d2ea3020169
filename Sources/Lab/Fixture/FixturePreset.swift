import Foundation

/// Everything that shapes a synthetic corpus: sizes, and the difficulty knobs (SNR ranges,
/// background levels, species similarity, detector quality) as named values that can be tuned.
public struct FixturePreset: Sendable, Hashable, Codable {
    public var name: String

    // MARK: sizes
    /// Species in `taxonomy.csv` (taken in catalogue order, see `SpeciesCatalog`).
    public var speciesCount: Int
    /// Species that call in soundscapes but are not in the class list (negatives).
    public var outOfListCount: Int
    /// Focal recordings in `train.csv` (approximate: the long tail is rounded).
    public var recordings: Int
    /// Exact per-species recording counts given to the rarest species (the split's hand rules).
    public var rareCounts: [Int]
    /// Largest number of recordings of one species (head of the long tail).
    public var maxRecordingsPerSpecies: Int
    /// Soundscapes in `train_soundscapes/`.
    public var soundscapes: Int
    /// Soundscape length in seconds (multiple of 5 and of 3 is not required; windows are cut).
    public var soundscapeSeconds: Double
    /// Focal recording length range in seconds (drawn log-uniformly).
    public var focalSeconds: ClosedRange<Double>

    // MARK: focal recordings
    /// Per-call SNR of the primary species in focal recordings, dB against the noise floor.
    public var focalSNR: ClosedRange<Double>
    /// Chance that a focal recording also holds a secondary species (listed in `secondary_labels`).
    public var secondaryProbability: Double
    /// Per-call SNR of a secondary species in focal recordings, dB.
    public var secondarySNR: ClosedRange<Double>
    /// Chance of handling noise (low thumps, clicks) in a focal recording.
    public var handlingNoiseProbability: Double

    // MARK: soundscapes
    /// Per-call SNR of class-list species in soundscapes, dB against the whole background.
    public var soundscapeSNR: ClosedRange<Double>
    /// Per-call SNR of out-of-list species in soundscapes, dB (louder: they make the negatives).
    public var outOfListSNR: ClosedRange<Double>
    /// Class-list species per mixed soundscape.
    public var speciesPerSoundscape: ClosedRange<Int>
    /// Bouts of each class-list species present in a mixed soundscape.
    public var boutsPerSpecies: ClosedRange<Int>
    /// Chance that each out-of-list species calls in a mixed soundscape.
    public var outOfListProbability: Double
    /// Fraction of soundscapes with background only.
    public var emptyFraction: Double
    /// Fraction of soundscapes with out-of-list species only.
    public var negativeOnlyFraction: Double
    /// Chance that the similar partner of a species present also calls in the same soundscape.
    public var partnerCoOccurrence: Double
    /// Wind level range (relative RMS before the background is normalised).
    public var windLevel: ClosedRange<Double>
    /// Chance of rain in a soundscape, and its level range.
    public var rainProbability: Double
    public var rainLevel: ClosedRange<Double>
    /// Chance of an insect chorus (non-target) in a soundscape, and its level range.
    public var chorusProbability: Double
    public var chorusLevel: ClosedRange<Double>
    /// Distance low-pass cut-off range for soundscape calls, Hz.
    public var distanceCutoffHz: ClosedRange<Double>
    /// Background RMS of soundscapes in dBFS.
    public var soundscapeBackgroundDBFS: ClosedRange<Double>

    // MARK: species
    /// How alike the two species of a similar pair are, in [0, 1] (1 = identical call models).
    public var similarity: Double
    /// Within-species variation of call parameters (relative standard deviation).
    public var withinSpeciesVariation: Double

    // MARK: simulated BirdNET
    public var detector: DetectorModel

    /// Ogg Vorbis quality of every file.
    public var vorbisQuality: Double

    /// Names accepted by `named(_:)`.
    public static let names = ["ci", "default", "large"]

    /// The preset called `name`, or nil.
    public static func named(_ name: String) -> FixturePreset? {
        switch name {
        case "ci": return .ci
        case "default": return .default
        case "large": return .large
        default: return nil
        }
    }

    /// The `default` preset: ~24 species, ~400 focal recordings, 72 one-minute soundscapes (36 until
    /// the soundscape scores needed more windows: 40 % of them are held out and scored).
    public static let `default` = FixturePreset(
        name: "default",
        speciesCount: 24, outOfListCount: 5, recordings: 400, rareCounts: [1, 2, 3, 4],
        maxRecordingsPerSpecies: 32, soundscapes: 72, soundscapeSeconds: 60, focalSeconds: 4 ... 25,
        focalSNR: 12 ... 32, secondaryProbability: 0.2, secondarySNR: -2 ... 8, handlingNoiseProbability: 0.15,
        soundscapeSNR: -5 ... 10, outOfListSNR: 4 ... 14, speciesPerSoundscape: 2 ... 5, boutsPerSpecies: 2 ... 5,
        outOfListProbability: 0.3, emptyFraction: 0.1, negativeOnlyFraction: 0.15, partnerCoOccurrence: 0.35,
        windLevel: 0.3 ... 2.5, rainProbability: 0.35, rainLevel: 0.3 ... 1.5,
        chorusProbability: 0.5, chorusLevel: 0.2 ... 1.2, distanceCutoffHz: 4_000 ... 14_000,
        soundscapeBackgroundDBFS: -42 ... -30,
        similarity: 0.88, withinSpeciesVariation: 0.06,
        detector: .default, vorbisQuality: 0.4)

    /// The `ci` preset: 14 species, ~200 short recordings, 24 soundscapes.
    public static let ci: FixturePreset = {
        var p = FixturePreset.default
        p.name = "ci"
        p.speciesCount = 14
        p.outOfListCount = 3
        p.recordings = 200
        p.maxRecordingsPerSpecies = 24
        p.soundscapes = 24
        p.focalSeconds = 4 ... 15
        p.speciesPerSoundscape = 2 ... 4
        return p
    }()

    /// The `large` preset, for scale tests: every catalogue species, ~3,000 recordings, 300 soundscapes.
    public static let large: FixturePreset = {
        var p = FixturePreset.default
        p.name = "large"
        p.speciesCount = SpeciesCatalog.inList.count
        p.outOfListCount = SpeciesCatalog.outOfList.count
        p.recordings = 3_000
        p.maxRecordingsPerSpecies = 200
        p.soundscapes = 300
        p.focalSeconds = 3 ... 40
        p.speciesPerSoundscape = 2 ... 6
        return p
    }()

    /// Checks that the values make sense for the catalogue; throws an `InputError` naming the knob.
    public func validate() throws {
        func fail(_ knob: String, _ why: String) -> InputError { InputError(file: "preset \(name)", column: knob, why) }
        guard (1 ... SpeciesCatalog.inList.count).contains(speciesCount) else {
            throw fail("speciesCount", "must be in 1…\(SpeciesCatalog.inList.count) (the catalogue size), got \(speciesCount)")
        }
        guard (0 ... SpeciesCatalog.outOfList.count).contains(outOfListCount) else {
            throw fail("outOfListCount", "must be in 0…\(SpeciesCatalog.outOfList.count), got \(outOfListCount)")
        }
        guard rareCounts.count <= speciesCount, rareCounts.allSatisfy({ $0 >= 1 }) else {
            throw fail("rareCounts", "needs at most speciesCount entries, each ≥ 1")
        }
        guard recordings >= speciesCount, maxRecordingsPerSpecies >= 5 else {
            throw fail("recordings", "need at least one recording per species and maxRecordingsPerSpecies ≥ 5")
        }
        guard soundscapeSeconds >= 5, focalSeconds.lowerBound >= 1 else {
            throw fail("soundscapeSeconds", "soundscapes must be ≥ 5 s and focal recordings ≥ 1 s")
        }
        guard speciesPerSoundscape.lowerBound >= 1, boutsPerSpecies.lowerBound >= 1 else { throw fail("speciesPerSoundscape", "must start at ≥ 1") }
        guard (0 ... 1).contains(similarity), (0 ... 1).contains(vorbisQuality) else {
            throw fail("similarity", "similarity and vorbisQuality must be in [0, 1]")
        }
        guard emptyFraction + negativeOnlyFraction <= 1 else {
            throw fail("emptyFraction", "emptyFraction + negativeOnlyFraction must be ≤ 1")
        }
    }
}

/// The knobs of the simulated BirdNET detector (see `DetectorSimulation`).
public struct DetectorModel: Sendable, Hashable, Codable {
    /// Evidence (dB) at which a call is detected half the time.
    public var detectionMidpointDB: Double
    /// Steepness of detection probability and confidence against evidence, per dB.
    public var slopePerDB: Double
    /// Confidence logit of a detection at the midpoint (0 → median confidence 0.5).
    public var confidenceOffset: Double
    /// Standard deviation of the confidence logit (how noisy confidences are).
    public var confidenceNoise: Double
    /// Chance that a detection of a species with a similar partner is reported as the partner.
    public var confusionProbability: Double
    /// Mean number of false alarms per 3 s window.
    public var falseAlarmsPerWindow: Double
    /// Fraction of non-bird species the detector knows (it never reports the others).
    public var nonBirdCoverage: Double
    /// Lowest confidence reported (BirdNET Analyzer's default min_conf).
    public var minimumConfidence: Double

    public static let `default` = DetectorModel(
        detectionMidpointDB: 0, slopePerDB: 0.45, confidenceOffset: 0, confidenceNoise: 0.9, confusionProbability: 0.2,
        falseAlarmsPerWindow: 0.12, nonBirdCoverage: 0.67, minimumConfidence: 0.1)
}
