/// A problem with data the user gave us: names the file, where in it, and what was expected.
///
/// The command-line tool prints `description` and exits with status 2.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or folder) at fault.
    public var file: String
    /// 1-based row or line in the file, when there is one (the header is row 1).
    public var row: Int?
    /// The column or field name, when there is one.
    public var column: String?
    /// What is wrong and what was expected.
    public var reason: String

    public init(file: String, row: Int? = nil, column: String? = nil, _ reason: String) {
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var location = file
        if let row { location += ", row \(row)" }
        if let column { location += ", column '\(column)'" }
        return "\(location): \(reason)"
    }
}
