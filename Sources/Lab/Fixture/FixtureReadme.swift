import Foundation

/// The README.md written into a generated corpus folder.
enum FixtureReadme {
    static func text(_ corpus: FixtureCorpus, _ st: FixtureStatistics) -> String {
        let p = corpus.preset
        func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
        func r(_ x: ClosedRange<Double>, _ digits: Int = 1) -> String { "\(f(x.lowerBound, digits)) … \(f(x.upperBound, digits))" }
        let sp = corpus.species
        var lines: [String] = []
        func add(_ s: String = "") { lines.append(s) }

        add("# Synthetic BirdCLEF-2025 corpus — preset `\(p.name)`, seed \(corpus.seed)")
        add()
        add("Made by `ablations fixture --preset \(p.name) --seed \(corpus.seed)`. Everything here is synthetic: the sounds are")
        add("generated from per-species call models, not recorded. Species names, eBird codes, ids, urls, authors and coordinates")
        add("only imitate the style of the real Kaggle files (numeric non-bird ids are derived from the scientific name, urls do")
        add("not point at these sounds, authors are invented). The same preset and seed always give byte-identical files.")
        add()
        add("## Layout")
        add()
        add("Training inputs (the Kaggle layout, DESIGN §2):")
        add()
        add("```")
        add("taxonomy.csv             primary_label,inat_taxon_id,scientific_name,common_name,class_name")
        add("train.csv                primary_label,secondary_labels,type,filename,collection,rating,url,latitude,longitude,")
        add("                         scientific_name,common_name,author,license")
        add("train_audio/<label>/<id>.ogg         focal recordings, Ogg Vorbis 32 kHz mono")
        add("train_soundscapes/<site>_<yyyymmdd>_<hhmmss>.ogg   \(f(p.soundscapeSeconds, 0)) s field recordings, Ogg Vorbis 32 kHz mono")
        add("birdnet_detections.csv   Start (s),End (s),Scientific name,Common name,Confidence,File   (simulated BirdNET, 3 s windows)")
        add("```")
        add()
        add("Truth, kept apart from the training inputs (for scoring and for checking the generator):")
        add()
        add("```")
        add("soundscape_labels.csv    row_id,primary_labels     truth per 5 s window; row_id = <soundscape>_<end second>,")
        add("                                                   labels space-separated, empty when no class-list species calls")
        add("soundscape_calls.csv     filename,start_s,end_s,primary_label,scientific_name,in_class_list,snr_db   every soundscape call")
        add("focal_calls.csv          filename,start_s,end_s,primary_label,role,snr_db   every focal call; role primary|secondary|unlisted")
        add("```")
        add()
        add("## Counts")
        add()
        add("- Classes: \(st.classes) (\(st.classesByClassName.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))); " +
            "out-of-list species (soundscapes only): \(st.outOfListSpecies).")
        add("- Similar pairs (one call model derived from the other, similarity \(f(p.similarity, 2))): " +
            (st.pairs.isEmpty ? "none" : st.pairs.map { "\($0[0]) ~ \($0[1])" }.joined(separator: ", ")) + ".")
        add("- Focal recordings: \(st.recordings), \(f(st.recordingSeconds / 60)) min in all, \(r(p.focalSeconds)) s each; collections " +
            st.collections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ".")
        add("- Long tail: species with exactly 1 / 2 / 3 / 4 recordings: " +
            (1 ... 4).map { String(st.speciesWithRecordings[$0] ?? 0) }.joined(separator: " / ") + "; the most has \(st.maxRecordings).")
        add("- Focal recordings with listed secondary species: \(st.recordingsWithSecondary); with an unlisted quiet background species: " +
            "\(st.recordingsWithUnlisted); with handling noise: \(st.recordingsWithHandlingNoise).")
        add("- Soundscapes: \(st.soundscapes) (" + st.soundscapeKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") +
            "), \(st.soundscapeCalls) calls.")
        add("- 5 s windows: \(st.windows); with ≥ 1 class-list label: \(st.labelledWindows); with ≥ 2 labels: \(st.multiLabelWindows); " +
            "with no call at all: \(st.silentWindows); with out-of-list calls only: \(st.negativeOnlyWindows).")
        add("- Simulated BirdNET: \(st.detections) detections (" +
            st.detectionsByOrigin.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "); at confidence ≥ 0.35 " +
            "precision \(f(st.precisionAt035, 3)), recall \(f(st.recallAt035, 3)) (of calling class-list species it knows). " +
            "Precision by confidence band " + zip(FixtureStatistics.bands, st.precisionByBand).map { band, value in
                "[\(f(band.lowerBound, 2)), \(f(band.upperBound, 2))): \(value.map { f($0, 3) } ?? "–")"
            }.joined(separator: ", ") + ".")
        add("- 3 s windows where the detector is ≥ 0.95 sure of an out-of-list species and no class-list species calls (negatives): \(st.negativeDetectorWindows).")
        add("- Class-list species the detector never reports (like BirdNET lacking some non-birds): " +
            (st.detectorUnknownLabels.isEmpty ? "none" : st.detectorUnknownLabels.joined(separator: ", ")) + ".")
        add()
        add("## Species")
        add()
        add("| label | scientific name | common name | class | call model | recordings | similar to | detector knows |")
        add("|---|---|---|---|---|---|---|---|")
        for s in sp.indices.sorted(by: { (sp[$0].inList ? 0 : 1, sp[$0].label) < (sp[$1].inList ? 0 : 1, sp[$1].label) }) {
            let m = sp[s].model
            let model = "\(m.kind.rawValue) \(f(m.lowHz, 0))–\(f(m.highHz, 0)) Hz, \(f(m.duration, 2)) s" +
                (m.elementRate > 0 ? ", \(f(m.elementRate, 0))/s" : "")
            add("| \(sp[s].label) | \(sp[s].entry.scientificName) | \(sp[s].entry.commonName) | \(sp[s].entry.className) | \(model) | " +
                (sp[s].inList ? String(corpus.recordingCounts[s]) : "out of list") + " | " +
                (sp[s].partner.map { sp[$0].label } ?? "") + " | \(sp[s].knownToDetector ? "yes" : "no") |")
        }
        add()
        add("## How it was made")
        add()
        add("- **Call models.** Each species has one of seven call families — FM whistle, trill (repeated down-sweeps at a rate), harsh")
        add("  harmonic stack with a formant, drumming knocks, insect buzz (tone + band noise, pulsed), low pulse train, mammal call")
        add("  (harmonic with vibrato) — with parameters from the catalogue, moved a little by the seed. Every call varies")
        add("  (frequency ±\(f(p.withinSpeciesVariation * 100, 0)) % s.d., durations 1.5× that). The second species of a similar pair copies the")
        add("  first's model with frequencies, rates and durations moved by about \(f((1 - p.similarity) * 100, 0)) %.")
        add("- **Focal recordings** (`train_audio`): bouts of the primary species from the first second on, per-call SNR \(r(p.focalSNR, 0)) dB")
        add("  over a pink noise floor, silences between bouts; a listed secondary species in \(f(p.secondaryProbability * 100, 0)) % of files")
        add("  (SNR \(r(p.secondarySNR, 0)) dB, slightly distant); an unlisted quieter background species in 5 %; handling thumps in")
        add("  \(f(p.handlingNoiseProbability * 100, 0)) %. xeno-canto `rating` follows the recording's SNR; iNat and CSA ratings are 0.0.")
        add("- **Soundscapes** (`train_soundscapes`): per-call SNR \(r(p.soundscapeSNR, 0)) dB against the whole background (out-of-list")
        add("  species \(r(p.outOfListSNR, 0)) dB), \(p.speciesPerSoundscape.lowerBound)–\(p.speciesPerSoundscape.upperBound) class-list species per mixed file")
        add("  (chosen ∝ √recordings; a similar partner joins with chance \(f(p.partnerCoOccurrence, 2))), each in \(p.boutsPerSpecies.lowerBound)–\(p.boutsPerSpecies.upperBound) bouts at random times, so calls")
        add("  overlap and some windows are empty. Background: pink floor + gusting wind (level \(r(p.windLevel)) × site windiness) + rain")
        add("  (chance \(f(p.rainProbability, 2)), level \(r(p.rainLevel))) + a non-target insect chorus of pulsing tones at 3–9 kHz (chance")
        add("  \(f(p.chorusProbability, 2)), level \(r(p.chorusLevel))). Calls are low-passed by distance (\(r(p.distanceCutoffHz, 0)) Hz) and echoed; each")
        add("  site has its own recorder response (high-pass 80–250 Hz, low-pass 7.5–13 kHz). Background RMS \(r(p.soundscapeBackgroundDBFS, 0)) dBFS.")
        add("  Each out-of-list species calls in a mixed file with chance \(f(p.outOfListProbability, 2)).")
        add("- **Window truth**: a class-list species is in a 5 s window when one of its calls overlaps it by ≥ 0.3 s or by half the call.")
        let d = p.detector
        add("- **Simulated BirdNET** (`birdnet_detections.csv`): 3 s windows with step 3 s. Evidence for a species = its best per-call SNR")
        add("  plus 10·log10 of the fraction of the call (up to 3 s of it) inside the window. Detected with probability σ(\(f(d.slopePerDB, 2))·(evidence − \(f(d.detectionMidpointDB)) dB));")
        add("  confidence σ(0.9·that logit + \(f(d.confidenceOffset, 2)) + N(0, \(f(d.confidenceNoise, 2))²)); a species with a similar partner is reported as the partner")
        add("  with chance \(f(d.confusionProbability, 2)) (×1.5 below 5 dB, ×0.5 above) at lower confidence; false alarms \(f(d.falseAlarmsPerWindow, 2)) per window")
        add("  (×2 under an insect chorus, mostly insects; ×1.5 in rain) with confidence 0.1 + 0.9·U⁴; it knows \(f(d.nonBirdCoverage * 100, 0)) % of the class-list non-birds")
        add("  and never reports the others; detections below \(f(d.minimumConfidence, 2)) are dropped; one line per species and window (the highest). `File` is")
        add("  the path relative to this folder.")
        add()
        add("## Knobs of this preset")
        add()
        add("SNR ranges, background levels, similarity, detector quality and sizes are the named fields of `FixturePreset`")
        add("(`Sources/Lab/Fixture/FixturePreset.swift`); the values above are this preset's. Vorbis quality \(f(p.vorbisQuality, 2)).")
        add()
        add("## Measured difficulty")
        add()
        for line in measuredDifficulty(p.name) { add(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the harness's suites measured on this preset (seed 2025): macro-AUC on held-out focal
    /// test windows vs held-out soundscape windows, mean ± sd over seeds. Recorded from real runs
    /// (the run records are committed under Reports/records and Fixtures/golden); rerun the command
    /// named to measure again.
    static func measuredDifficulty(_ preset: String) -> [String] {
        let rows: [(String, String, String, String)]
        switch preset {
        case "default":
            rows = [("`default` suite, 3 seeds (`scripts/run.sh`, 27 Nov 2026)", "(1) ViT 64×2, focal recordings only", "0.568 ± 0.030", "0.487 ± 0.051"),
                    ("", "(5) EfficientNet w0.25, + pseudo-labels, mixup", "0.745 ± 0.033", "0.581 ± 0.052")]
        case "ci":
            rows = [("`ci` suite, 2 seeds (`ablations golden`, 27 Nov 2026)", "(1) ViT 64×2, focal recordings only", "0.563 ± 0.018", "0.453 ± 0.117"),
                    ("", "(5) EfficientNet w0.25, + pseudo-labels, mixup", "0.756 ± 0.035", "0.605 ± 0.044")]
        default:
            return ["Not measured on this preset; the `ci` and `default` presets are (see their READMEs)."]
        }
        var out = ["| measured with | model | test (focal) macro-AUC | soundscapes macro-AUC |", "|---|---|---|---|"]
        out += rows.map { "| \($0.0) | \($0.1) | \($0.2) | \($0.3) |" }
        out += ["", "Every model does worse on soundscape windows (low SNR, overlapping species, weather) than on held-out focal windows",
                "and none comes near 1.0: the domain shift of the real task is there. Sizes and recipes: the report's \"Sizes used\"."]
        return out
    }
}
