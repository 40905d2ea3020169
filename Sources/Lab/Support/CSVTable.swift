import CSV
import Foundation

/// A whole CSV file read into memory: header plus rows, every row as long as the header.
///
/// Quoted fields, embedded commas and newlines, a UTF-8 byte-order mark and CRLF line ends are
/// accepted. An empty file, a file with only a header when rows are required, or a ragged row is an
/// `InputError` naming the file and row. Row numbers count the header as row 1.
public struct CSVTable: Sendable {
    public let path: String
    public let header: [String]
    public let rows: [[String]]
    /// The 1-based file row (header = 1) of each of `rows`.
    public let rowNumbers: [Int]
    /// Rows left out because their field count differs from the header's (only with `skipRagged`).
    public let raggedRows: [(row: Int, fields: Int)]

    /// Reads `url`. `requireRows` rejects a file that has a header and no data rows; `skipRagged`
    /// leaves rows with the wrong number of fields out (listed in `raggedRows`) instead of failing.
    public init(url: URL, requireRows: Bool = true, skipRagged: Bool = false) throws {
        path = url.path
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(file: url.path, "file not found")
        }
        // Read the whole text first: on Linux, CSVReader(stream:) reports `cannotReadFile` at the end
        // of any file with LF line ends (InputStream.hasBytesAvailable stays true at EOF).
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: url.path, "cannot open the file for reading")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: url.path, "not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw InputError(file: url.path, "not a readable CSV file (\(error))")
        }
        guard let header = reader.headerRow, !(header.count == 1 && header[0].isEmpty) else {
            throw InputError(file: url.path, "the file is empty; expected a header row")
        }
        var rows: [[String]] = [], numbers: [Int] = [], ragged: [(row: Int, fields: Int)] = []
        var rowNumber = 1
        while let row = reader.next() {
            rowNumber += 1
            if row.count == 1 && row[0].isEmpty { continue }  // blank line (e.g. trailing newline)
            guard row.count == header.count else {
                if skipRagged { ragged.append((rowNumber, row.count)); continue }
                throw InputError(file: url.path, row: rowNumber,
                                 "has \(row.count) fields; the header has \(header.count)")
            }
            rows.append(row)
            numbers.append(rowNumber)
        }
        if let error = reader.error {
            throw InputError(file: url.path, row: rowNumber + 1, "malformed CSV (\(error))")
        }
        if requireRows && rows.isEmpty {
            throw InputError(file: url.path, "has a header but no data rows")
        }
        self.header = header
        self.rows = rows
        self.rowNumbers = numbers
        self.raggedRows = ragged
    }

    /// The index of column `name`, or an `InputError` saying which columns exist.
    public func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InputError(file: path, column: name,
                             "missing column; the header has: \(header.joined(separator: ", "))")
        }
        return index
    }

    /// The 1-based row number (header = 1) of data row `index`.
    public func rowNumber(_ index: Int) -> Int { rowNumbers[index] }
}

/// Writes CSV text, quoting fields that need it (RFC 4180).
public enum CSVText {
    /// One line of CSV (no line terminator).
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",")
    }

    /// A field, quoted when it holds a comma, quote or line break.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
