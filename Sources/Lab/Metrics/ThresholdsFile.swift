import Foundation

/// The per-class thresholds file: CSV with header `species,threshold,tuned_on`, one row per species.
///
///     species,threshold,tuned_on
///     amecro,0.42,val
///
/// On reading, every species of the data must appear exactly once and no other; thresholds must
/// be finite numbers in [0, 1]; `tuned_on` (optional column) must be the same on every row.
public enum ThresholdsFile {
    public static let header = ["species", "threshold", "tuned_on"]

    /// The file text for `thresholds` over `species` (same order).
    public static func text(_ thresholds: TunedThresholds, species: [String]) -> String {
        precondition(thresholds.values.count == species.count)
        var lines = [CSVText.line(header)]
        for (name, t) in zip(species, thresholds.values) {
            lines.append(CSVText.line([name, "\(t)", thresholds.tunedOn]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file atomically.
    public static func write(_ thresholds: TunedThresholds, species: [String], to url: URL) throws {
        try AtomicFile.write(text(thresholds, species: species), to: url)
    }

    /// Reads thresholds for `species` (returned in that order).
    public static func read(_ url: URL, species: [String]) throws -> TunedThresholds {
        let table = try CSVTable(url: url)
        let file = table.path
        let nameColumn = try table.column("species")
        let valueColumn = try table.column("threshold")
        let tunedColumn = table.header.firstIndex(of: "tuned_on")
        let wanted = Set(species)
        var found: [String: Double] = [:], foundRow: [String: Int] = [:]
        var tunedOn: String?
        for (index, row) in table.rows.enumerated() {
            let line = table.rowNumber(index)
            let name = row[nameColumn]
            guard wanted.contains(name) else {
                throw InputError(file: file, row: line, column: "species", "species '\(name)' is not a column of the solution")
            }
            if let earlier = foundRow[name] {
                throw InputError(file: file, row: line, column: "species", "species '\(name)' repeats row \(earlier)")
            }
            let t = try KaggleTable.number(row[valueColumn], file: file, row: line, column: "threshold")
            guard t >= 0 && t <= 1 else {
                throw InputError(file: file, row: line, column: "threshold", "expected a threshold in [0, 1], found \(t)")
            }
            if let tunedColumn {
                let set = row[tunedColumn]
                if let tunedOn, tunedOn != set {
                    throw InputError(file: file, row: line, column: "tuned_on", "'\(set)' differs from '\(tunedOn)' on earlier rows")
                }
                tunedOn = set
            }
            found[name] = t
            foundRow[name] = line
        }
        let values = try species.map { name in
            guard let t = found[name] else {
                throw InputError(file: file, column: "species", "no threshold for species '\(name)'")
            }
            return t
        }
        return TunedThresholds(values: values, tunedOn: tunedOn ?? "")
    }
}
