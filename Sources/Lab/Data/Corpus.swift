import Foundation

/// A BirdCLEF-layout corpus folder: `taxonomy.csv`, `train.csv`, `train_audio/`, `train_soundscapes/`.
///
/// Loading checks every row: audio file present, labels in the taxonomy, filename unique, list
/// fields well formed. With `.fail` the first kind of problem found stops the load with an
/// `InputError` holding the whole report; with `.skip` offending recordings are left out (an
/// unknown *secondary* label only drops that label) and everything is counted in `report`.
public struct Corpus: Sendable {
    public var root: URL
    /// Taxonomy rows in `classes` order.
    public var taxonomy: [Taxon]
    /// Class labels, plain lexicographic (UTF-8 byte) order.
    public var classes: [String]
    /// Kept recordings, in train.csv order.
    public var recordings: [Recording]
    /// `train_soundscapes/*` audio files, sorted by name.
    public var soundscapes: [URL]
    public var report: CorpusReport

    public var trainCSV: URL { root.appendingPathComponent("train.csv") }
    public var taxonomyCSV: URL { root.appendingPathComponent("taxonomy.csv") }
    public var audioFolder: URL { root.appendingPathComponent("train_audio") }
    public var soundscapeFolder: URL { root.appendingPathComponent("train_soundscapes") }

    /// Position of `label` in `classes`.
    public func classIndex(_ label: String) -> Int? { classIndexMap[label] }
    private var classIndexMap: [String: Int]

    /// Duration in seconds of each soundscape (name without extension → seconds), from the file
    /// headers. An unreadable header is an `InputError` under `.fail`; under `.skip` the file is
    /// returned as a `.corruptAudio` issue and left out.
    public func soundscapeDurations(policy: ErrorPolicy) throws -> (durations: [String: Double], skipped: [CorpusReport.Issue]) {
        var durations: [String: Double] = [:]
        var skipped: [CorpusReport.Issue] = []
        for url in soundscapes {
            do { durations[url.deletingPathExtension().lastPathComponent] = try AudioFile.info(url).duration } catch let e as InputError {
                if policy == .fail { throw e }
                skipped.append(.init(kind: .corruptAudio, file: url.path, row: nil, detail: e.reason))
            }
        }
        return (durations, skipped)
    }

    /// Reads and checks the corpus at `root`.
    public static func load(_ root: URL, policy: ErrorPolicy = .fail) throws -> Corpus {
        let taxonomy = try readTaxonomy(root.appendingPathComponent("taxonomy.csv"))
        let classes = taxonomy.map(\.label)
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var report = CorpusReport()
        let recordings = try readTrainCSV(root: root, known: Set(classes), report: &report, skipRagged: policy == .skip)
        let soundscapes = try listSoundscapes(root.appendingPathComponent("train_soundscapes"))
        report.recordingsKept = recordings.count
        report.soundscapes = soundscapes.count
        if policy == .fail, !report.issues.isEmpty {
            throw InputError(file: root.appendingPathComponent("train.csv").path,
                             "corpus check failed (rerun with --on-error skip to leave these out):\n" + report.text())
        }
        return Corpus(root: root, taxonomy: taxonomy, classes: classes, recordings: recordings,
                      soundscapes: soundscapes, report: report, classIndexMap: index)
    }

    /// taxonomy.csv rows sorted into class order; duplicate or empty labels are input errors.
    public static func readTaxonomy(_ url: URL) throws -> [Taxon] {
        let table = try CSVTable(url: url)
        let label = try table.column("primary_label")
        let optional = { (name: String) in table.header.firstIndex(of: name) }
        let inat = optional("inat_taxon_id"), sci = optional("scientific_name")
        let common = optional("common_name"), cls = optional("class_name")
        var seen: [String: Int] = [:]
        var taxa: [Taxon] = []
        for (i, row) in table.rows.enumerated() {
            let name = row[label].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw InputError(file: url.path, row: table.rowNumber(i), column: "primary_label", "empty label")
            }
            if let first = seen[name] {
                throw InputError(file: url.path, row: table.rowNumber(i), column: "primary_label",
                                 "label '\(name)' already defined at row \(first)")
            }
            seen[name] = table.rowNumber(i)
            taxa.append(Taxon(label: name, inatTaxonID: inat.map { row[$0] } ?? "",
                              scientificName: sci.map { row[$0] } ?? "", commonName: common.map { row[$0] } ?? "",
                              className: cls.map { row[$0] } ?? ""))
        }
        let order = LabelOrder.sorted(taxa.map(\.label))
        let byLabel = Dictionary(uniqueKeysWithValues: taxa.map { ($0.label, $0) })
        return order.compactMap { byLabel[$0] }
    }

    /// Sound files directly under `folder`, sorted by name (UTF-8 order); none if it is absent.
    public static func listSoundscapes(_ folder: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let audio = Set(["ogg", "wav", "flac", "mp3"])
        return LabelOrder.sorted(names.filter { audio.contains(($0 as NSString).pathExtension.lowercased()) })
            .map { folder.appendingPathComponent($0) }
    }

    static func readTrainCSV(root: URL, known: Set<String>, report: inout CorpusReport, skipRagged: Bool = false) throws -> [Recording] {
        let url = root.appendingPathComponent("train.csv")
        let table = try CSVTable(url: url, skipRagged: skipRagged)
        for (row, fields) in table.raggedRows {
            report.issues.append(.init(kind: .malformedField, file: "train.csv", row: row,
                                       detail: "has \(fields) fields; the header has \(table.header.count)"))
        }
        let primary = try table.column("primary_label"), secondary = try table.column("secondary_labels")
        let file = try table.column("filename")
        let type = table.header.firstIndex(of: "type"), collection = table.header.firstIndex(of: "collection")
        let rating = table.header.firstIndex(of: "rating")
        let audio = root.appendingPathComponent("train_audio")
        var seen: [String: Int] = [:]
        var kept: [Recording] = []
        report.rowsRead = table.rows.count + table.raggedRows.count
        for (i, row) in table.rows.enumerated() {
            let rowNumber = table.rowNumber(i)
            func issue(_ kind: CorpusReport.Kind, _ detail: String) {
                report.issues.append(.init(kind: kind, file: "train.csv", row: rowNumber, detail: detail))
            }
            let name = row[file].trimmingCharacters(in: .whitespaces)
            let label = row[primary].trimmingCharacters(in: .whitespaces)
            guard let secondaries = PythonList.parse(row[secondary]) else {
                issue(.malformedField, "secondary_labels '\(row[secondary])' is not a Python list of strings"); continue
            }
            let types = type.map { PythonList.parse(row[$0]) } ?? []
            guard let types else {
                issue(.malformedField, "type '\(row[type!])' is not a Python list of strings"); continue
            }
            guard !name.isEmpty else { issue(.malformedField, "empty filename"); continue }
            if let first = seen[name] {
                issue(.duplicateFilename, "\(name) already listed at row \(first)"); continue
            }
            seen[name] = rowNumber
            guard known.contains(label) else {
                issue(.unknownPrimaryLabel, "'\(label)' (\(name))"); continue
            }
            let fileURL = audio.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: fileURL.path) else {
                issue(.missingAudio, "train_audio/\(name)"); continue
            }
            var secondaryKept: [String] = []
            for s in secondaries {
                if known.contains(s) { secondaryKept.append(s) } else { issue(.unknownSecondaryLabel, "'\(s)' (\(name))") }
            }
            let ratingValue = rating.flatMap { Double(row[$0]) }
            kept.append(Recording(filename: name, primaryLabel: label, secondaryLabels: secondaryKept, types: types,
                                  collection: collection.map { row[$0] } ?? "", rating: ratingValue,
                                  row: rowNumber, url: fileURL))
        }
        return kept
    }
}
