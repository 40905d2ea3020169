import Foundation

/// Reads detector output: BirdNET Analyzer's CSV and Raven selection tables (BirdNET's Raven
/// output). Every row is checked and a bad one is an `InputError` naming file and line:
/// confidence outside [0, 1] or not a number, end ≤ start, a start at or past the end of the
/// sound file or an end more than `slack` seconds past it (detectors pad their last window),
/// a sound file that is not in `durations`, names that match different taxonomy labels, and —
/// when the detector's `vocabulary` is given — a species the detector does not know.
/// Species that are known but outside the taxonomy are kept with `label == nil` (negatives).
public struct DetectionImport: Sendable {
    public var names: SpeciesNames
    /// Duration in seconds of each sound file, keyed by name without extension; `nil` skips
    /// the time and file checks.
    public var durations: [String: Double]?
    /// The detector's species list (lower-cased scientific or common names, or codes); `nil`
    /// accepts any non-empty name as an out-of-list species.
    public var vocabulary: Set<String>?
    /// How far past the end of the file a detection may end (one detector window).
    public var slack: Double = 3

    public init(names: SpeciesNames, durations: [String: Double]? = nil, vocabulary: Set<String>? = nil) {
        self.names = names; self.durations = durations; self.vocabulary = vocabulary
    }

    /// BirdNET Analyzer CSV: `Start (s),End (s),Scientific name,Common name,Confidence,File`.
    public func birdNETCSV(_ url: URL) throws -> [Detection] {
        let table = try CSVTable(url: url, requireRows: false)
        let start = try table.column("Start (s)"), end = try table.column("End (s)")
        let sci = try table.column("Scientific name"), common = try table.column("Common name")
        let confidence = try table.column("Confidence")
        let file = table.header.firstIndex(of: "File")
        return try table.rows.enumerated().map { i, row in
            let source = file.map { row[$0] } ?? url.deletingPathExtension().lastPathComponent
            return try detection(path: url.path, line: table.rowNumber(i), file: source,
                                 start: row[start], end: row[end], code: "", scientific: row[sci],
                                 common: row[common], confidence: row[confidence])
        }
    }

    /// A Raven selection table (tab-separated). The sound file comes from `Begin Path` /
    /// `Begin File` when present, else from the table's name (`X.BirdNET.selection.table.txt` → X).
    public func ravenTable(_ url: URL) throws -> [Detection] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(file: url.path, "cannot read as UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw InputError(file: url.path, "the file is empty; expected a header row") }
        let header = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw InputError(file: url.path, row: 1, column: name, "missing column; the header has: \(header.joined(separator: ", "))")
            }
            return i
        }
        let start = try column("Begin Time (s)"), end = try column("End Time (s)")
        let confidence = try column("Confidence")
        let common = header.firstIndex(of: "Common Name"), code = header.firstIndex(of: "Species Code")
        let sci = header.firstIndex(of: "Scientific Name")
        guard common != nil || code != nil || sci != nil else {
            throw InputError(file: url.path, row: 1, "no species column (Common Name, Species Code or Scientific Name)")
        }
        let path = header.firstIndex(of: "Begin Path") ?? header.firstIndex(of: "Begin File")
        var base = url.lastPathComponent
        for suffix in [".BirdNET.selection.table.txt", ".selection.table.txt", ".txt"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count)); break
        }
        var out: [Detection] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw InputError(file: url.path, row: i + 1, "has \(fields.count) fields; the header has \(header.count)")
            }
            out.append(try detection(path: url.path, line: i + 1, file: path.map { fields[$0] } ?? base,
                                     start: fields[start], end: fields[end], code: code.map { fields[$0] } ?? "",
                                     scientific: sci.map { fields[$0] } ?? "", common: common.map { fields[$0] } ?? "",
                                     confidence: fields[confidence]))
        }
        return out
    }

    func detection(path: String, line: Int, file: String, start: String, end: String, code: String,
                   scientific: String, common: String, confidence: String) throws -> Detection {
        func number(_ text: String, _ column: String) throws -> Double {
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw InputError(file: path, row: line, column: column, "'\(text)' is not a number")
            }
            return v
        }
        let s = try number(start, "start"), e = try number(end, "end"), c = try number(confidence, "Confidence")
        guard (0 ... 1).contains(c) else {
            throw InputError(file: path, row: line, column: "Confidence", "confidence \(c) is outside [0, 1]")
        }
        guard s >= 0, e > s else {
            throw InputError(file: path, row: line, "times \(s)–\(e) s: expected 0 ≤ start < end")
        }
        let name = Self.soundName(file)
        if let durations {
            guard let duration = durations[name] else {
                throw InputError(file: path, row: line, column: "File", "'\(file)' is not one of the corpus' sound files")
            }
            guard s < duration, e <= duration + slack else {
                throw InputError(file: path, row: line, String(format: "detection %.2f–%.2f s is past the end of %@ (%.2f s long)", s, e, name, duration))
            }
        }
        let species = [scientific, common, code].map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        guard let species else { throw InputError(file: path, row: line, "no species name") }
        let label: String?
        switch names.match(code: code, scientific: scientific, common: common) {
        case .label(let l): label = l
        case .conflict(let why): throw InputError(file: path, row: line, "species names disagree: \(why)")
        case .outOfList:
            if let vocabulary, ![scientific, common, code].contains(where: { vocabulary.contains(SpeciesNames.key($0)) }) {
                throw InputError(file: path, row: line, "unknown species '\(species)': neither in the taxonomy nor in the detector's species list")
            }
            label = nil
        }
        return Detection(file: name, start: s, end: e, label: label, species: species, confidence: c, line: line)
    }

    /// "/x/y/S4A_1.ogg" → "S4A_1".
    public static func soundName(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        let known = ["ogg", "wav", "flac", "mp3"]
        let ext = (last as NSString).pathExtension.lowercased()
        return known.contains(ext) ? (last as NSString).deletingPathExtension : last
    }
}
