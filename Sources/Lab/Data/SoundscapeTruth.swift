import Foundation

/// `soundscape_labels.csv`: per 5 s window (`row_id` = `<soundscape>_<end second>`), the
/// space-separated labels present (`primary_labels`, empty for none).
public struct SoundscapeTruth: Sendable {
    /// row id → class indices present.
    public var labels: [String: Set<Int>]

    /// Reads `url`; a label outside `classes` or a malformed row id is an `InputError` with its row.
    public init(_ url: URL, classes: [String]) throws {
        let table = try CSVTable(url: url, requireRows: false)
        let id = try table.column("row_id"), primary = try table.column("primary_labels")
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var labels: [String: Set<Int>] = [:]
        for (i, row) in table.rows.enumerated() {
            let rowID = row[id].trimmingCharacters(in: .whitespaces)
            guard Self.split(rowID) != nil else {
                throw InputError(file: url.path, row: table.rowNumber(i), column: "row_id", "'\(rowID)' is not <soundscape>_<end second>")
            }
            var set = Set<Int>()
            for label in row[primary].split(separator: " ").map(String.init) {
                guard let c = index[label] else {
                    throw InputError(file: url.path, row: table.rowNumber(i), column: "primary_labels", "label '\(label)' is not in the taxonomy")
                }
                set.insert(c)
            }
            labels[rowID] = set
        }
        self.labels = labels
    }

    /// "name_15" → ("name", 15).
    public static func split(_ rowID: String) -> (file: String, end: Int)? {
        guard let underscore = rowID.lastIndex(of: "_"), let end = Int(rowID[rowID.index(after: underscore)...]) else { return nil }
        return (String(rowID[..<underscore]), end)
    }
}
