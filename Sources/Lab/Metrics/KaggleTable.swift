import Foundation

/// A Kaggle-style label or score file: a `row_id` column plus one numeric column per species.
///
/// Read through `CSVTable` (quotes, BOM, CRLF accepted; empty file and ragged rows rejected).
/// Also rejected, each as an `InputError` naming file, row and column: no `row_id` column, no
/// species column, a repeated or empty column name, an empty or repeated `row_id`, and a cell that
/// is not a finite number. Numbers are read as Double, exactly as Python's `float()` reads them.
public struct KaggleTable: Sendable {
    /// The name of the row key column.
    public static let rowIDColumn = "row_id"

    public let path: String
    /// Species columns in file order.
    public let species: [String]
    /// Row keys in file order.
    public let rowIDs: [String]
    /// [rows, species], row-major.
    public let values: [Double]
    /// 1-based line of each row in the file (header = 1), for error messages.
    public let rowNumbers: [Int]

    public init(url: URL) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size == 0 {
            throw InputError(file: url.path, row: 1, "the file is empty; expected a header row_id,<species>… and data rows")
        }
        let table = try CSVTable(url: url)
        let file = table.path
        let idColumn = try table.column(Self.rowIDColumn)
        var seenColumns = Set<String>()
        for name in table.header {
            guard !name.isEmpty else { throw InputError(file: file, row: 1, "a column has an empty name") }
            guard seenColumns.insert(name).inserted else {
                throw InputError(file: file, row: 1, column: name, "column name appears more than once")
            }
        }
        let speciesColumns = table.header.indices.filter { $0 != idColumn }
        guard !speciesColumns.isEmpty else {
            throw InputError(file: file, row: 1, "no species columns; expected row_id plus one column per species")
        }
        var rowIDs: [String] = [], rowNumbers: [Int] = [], firstRow: [String: Int] = [:]
        var values: [Double] = []
        values.reserveCapacity(table.rows.count * speciesColumns.count)
        for (index, row) in table.rows.enumerated() {
            let line = table.rowNumber(index)
            let id = row[idColumn]
            guard !id.isEmpty else { throw InputError(file: file, row: line, column: Self.rowIDColumn, "empty row_id") }
            if let earlier = firstRow[id] {
                throw InputError(file: file, row: line, column: Self.rowIDColumn, "row_id '\(id)' repeats row \(earlier)")
            }
            firstRow[id] = line
            rowIDs.append(id)
            rowNumbers.append(line)
            for c in speciesColumns {
                values.append(try Self.number(row[c], file: file, row: line, column: table.header[c]))
            }
        }
        path = file
        species = speciesColumns.map { table.header[$0] }
        self.rowIDs = rowIDs
        self.rowNumbers = rowNumbers
        self.values = values
    }

    /// A 0/1 solution from window labels (`row_id,primary_labels`, space-separated labels, as in
    /// soundscape_labels.csv): one column per entry of `species`, 1 where the window lists it. A
    /// label outside `species`, an empty or repeated `row_id` is an `InputError` with its row.
    public init(windowLabels url: URL, species: [String]) throws {
        let table = try CSVTable(url: url, requireRows: false)
        let idColumn = try table.column(Self.rowIDColumn), labelColumn = try table.column("primary_labels")
        let index = Dictionary(species.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rowIDs: [String] = [], rowNumbers: [Int] = [], firstRow: [String: Int] = [:]
        var values: [Double] = []
        for (r, row) in table.rows.enumerated() {
            let line = table.rowNumber(r), id = row[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw InputError(file: table.path, row: line, column: Self.rowIDColumn, "empty row_id") }
            if let earlier = firstRow[id] {
                throw InputError(file: table.path, row: line, column: Self.rowIDColumn, "row_id '\(id)' repeats row \(earlier)")
            }
            firstRow[id] = line
            var cells = [Double](repeating: 0, count: species.count)
            for label in row[labelColumn].split(separator: " ").map(String.init) {
                guard let c = index[label] else {
                    throw InputError(file: table.path, row: line, column: "primary_labels", "label '\(label)' is not one of the submission's species columns")
                }
                cells[c] = 1
            }
            rowIDs.append(id); rowNumbers.append(line); values += cells
        }
        path = table.path
        self.species = species
        self.rowIDs = rowIDs
        self.rowNumbers = rowNumbers
        self.values = values
    }

    /// A finite number parsed from a cell (surrounding spaces allowed), or an `InputError`.
    static func number(_ text: String, file: String, row: Int, column: String) throws -> Double {
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
        let padded = text.utf8.first.map(isSpace) == true || text.utf8.last.map(isSpace) == true
        guard let value = Double(padded ? text.trimmingCharacters(in: .whitespaces) : text) else {
            throw InputError(file: file, row: row, column: column, "expected a number, found '\(text)'")
        }
        guard value.isFinite else {
            throw InputError(file: file, row: row, column: column, "expected a finite number, found '\(text)'")
        }
        return value
    }

    /// The value at data row `r`, species column `s`.
    public subscript(row r: Int, species s: Int) -> Double { values[r * species.count + s] }
}
