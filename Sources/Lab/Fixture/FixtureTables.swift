import Foundation

/// The CSV files of a corpus, as text (`CSVText.line` per row, "\n" line ends).
public enum FixtureTables {
    public static let taxonomyHeader = ["primary_label", "inat_taxon_id", "scientific_name", "common_name", "class_name"]
    public static let trainHeader = ["primary_label", "secondary_labels", "type", "filename", "collection", "rating", "url",
                                     "latitude", "longitude", "scientific_name", "common_name", "author", "license"]
    public static let soundscapeLabelsHeader = ["row_id", "primary_labels"]
    /// BirdNET Analyzer's CSV header.
    public static let detectionsHeader = ["Start (s)", "End (s)", "Scientific name", "Common name", "Confidence", "File"]
    public static let soundscapeCallsHeader = ["filename", "start_s", "end_s", "primary_label", "scientific_name",
                                               "in_class_list", "snr_db"]
    public static let focalCallsHeader = ["filename", "start_s", "end_s", "primary_label", "role", "snr_db"]

    static func text(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map(CSVText.line).joined(separator: "\n") + "\n"
    }

    /// A Python list literal of strings: `[]`, `['amecro']`, `['amecro', 'blujay']`.
    static func pythonList(_ items: [String]) -> String {
        "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }

    public static func taxonomy(_ corpus: FixtureCorpus) -> String {
        text(taxonomyHeader, corpus.classList.map {
            [$0.label, $0.entry.inatTaxonID, $0.entry.scientificName, $0.entry.commonName, $0.entry.className]
        })
    }

    public static func train(_ corpus: FixtureCorpus) -> String {
        let sp = corpus.species
        return text(trainHeader, corpus.recordings.map { r in
            let m = r.metadata
            let primary = sp[r.species]
            return [primary.label, pythonList(r.secondary.map { sp[$0].label }), m.type, r.filename(sp), m.collection,
                    String(format: "%.1f", m.rating), m.url, m.latitude, m.longitude, primary.entry.scientificName,
                    primary.entry.commonName, m.author, m.license]
        })
    }

    /// The truth per 5 s window: `row_id` = `<name>_<end second>`, space-separated labels.
    public static func soundscapeLabels(_ corpus: FixtureCorpus) -> String {
        text(soundscapeLabelsHeader, corpus.soundscapes.sorted { $0.name < $1.name }.flatMap { s in
            s.windowLabels(corpus.species).map { ["\(s.name)_\($0.end)", $0.labels.joined(separator: " ")] }
        })
    }

    /// The simulated BirdNET detections, in BirdNET Analyzer's CSV format.
    public static func detections(_ corpus: FixtureCorpus) -> String {
        let order = Dictionary(uniqueKeysWithValues: corpus.soundscapes.sorted { $0.name < $1.name }.enumerated().map { ($1.filename, $0) })
        let sorted = corpus.detections.enumerated().sorted { (order[$0.element.file]!, $0.offset) < (order[$1.element.file]!, $1.offset) }
        return text(detectionsHeader, sorted.map { _, d in
            let sp = corpus.species[d.species].entry
            return [String(format: "%.1f", d.start), String(format: "%.1f", d.end), sp.scientificName, sp.commonName,
                    String(format: "%.4f", d.confidence), "train_soundscapes/" + d.file]
        })
    }

    /// Where every soundscape call is (truth; not a training input).
    public static func soundscapeCalls(_ corpus: FixtureCorpus) -> String {
        text(soundscapeCallsHeader, corpus.soundscapes.sorted { $0.name < $1.name }.flatMap { s in
            s.calls.map { c in
                let sp = corpus.species[c.species]
                return [s.filename, time(c.start), time(min(c.end, s.duration)), sp.label, sp.entry.scientificName,
                        sp.inList ? "true" : "false", String(format: "%.1f", c.snrDB)]
            }
        })
    }

    /// Where every focal-recording call is, and whether it is the primary, a listed secondary or an
    /// unlisted background species (truth; not a training input).
    public static func focalCalls(_ corpus: FixtureCorpus) -> String {
        text(focalCallsHeader, corpus.recordings.flatMap { r in
            r.calls.map { c in
                let role = c.species == r.species ? "primary" : r.secondary.contains(c.species) ? "secondary" : "unlisted"
                return [r.filename(corpus.species), time(c.start), time(min(c.end, r.duration)), corpus.species[c.species].label,
                        role, String(format: "%.1f", c.snrDB)]
            }
        })
    }

    static func time(_ t: Double) -> String { String(format: "%.3f", t) }
}
