import Foundation

/// A solution and a submission matched by species name and by `row_id`, in the solution's order.
public struct ScoredTables: Sendable {
    /// Species in the solution's column order.
    public let species: [String]
    /// Row keys in the solution's row order.
    public let rowIDs: [String]
    /// Solution values [species, rows] (0/1 or soft; positive when ≥ 0.5).
    public let targets: ClassColumns
    /// Submission scores [species, rows].
    public let scores: ClassColumns

    /// Matches `submission` to `solution`. Every species column and every `row_id` must be in both
    /// files (columns and rows may be in any order); solution cells must lie in [0, 1].
    public init(solution: KaggleTable, submission: KaggleTable) throws {
        let submissionColumn = Dictionary(uniqueKeysWithValues: submission.species.enumerated().map { ($1, $0) })
        let solutionSpecies = Set(solution.species)
        var columnMap: [Int] = []  // solution species index → submission column index
        for name in solution.species {
            guard let s = submissionColumn[name] else {
                throw InputError(file: submission.path, row: 1, column: name,
                                 "species column is missing here but present in the solution \(solution.path)")
            }
            columnMap.append(s)
        }
        for name in submission.species where !solutionSpecies.contains(name) {
            throw InputError(file: submission.path, row: 1, column: name,
                             "species column is not in the solution \(solution.path)")
        }
        let submissionRow = Dictionary(uniqueKeysWithValues: submission.rowIDs.enumerated().map { ($1, $0) })
        let solutionRows = Set(solution.rowIDs)
        var rowMap: [Int] = []  // solution row → submission row
        for (r, id) in solution.rowIDs.enumerated() {
            guard let match = submissionRow[id] else {
                throw InputError(file: solution.path, row: solution.rowNumbers[r], column: KaggleTable.rowIDColumn,
                                 "row_id '\(id)' has no row in the submission \(submission.path)")
            }
            rowMap.append(match)
        }
        for (r, id) in submission.rowIDs.enumerated() where !solutionRows.contains(id) {
            throw InputError(file: submission.path, row: submission.rowNumbers[r], column: KaggleTable.rowIDColumn,
                             "row_id '\(id)' has no row in the solution \(solution.path)")
        }
        let rows = solution.rowIDs.count, classes = solution.species.count
        var targets = [Double](repeating: 0, count: rows * classes)
        var scores = [Double](repeating: 0, count: rows * classes)
        for (c, name) in solution.species.enumerated() {
            for r in 0 ..< rows {
                let y = solution[row: r, species: c]
                guard y >= 0 && y <= 1 else {
                    throw InputError(file: solution.path, row: solution.rowNumbers[r], column: name,
                                     "solution labels must lie in [0, 1] (1 = present, soft allowed), found \(y)")
                }
                targets[c * rows + r] = y
                scores[c * rows + r] = submission[row: rowMap[r], species: columnMap[c]]
            }
        }
        species = solution.species
        rowIDs = solution.rowIDs
        self.targets = ClassColumns(rows: rows, classes: classes, values: targets)
        self.scores = ClassColumns(rows: rows, classes: classes, values: scores)
    }

    /// Reads and matches the two files.
    public init(solution: URL, submission: URL) throws {
        try self.init(solution: KaggleTable(url: solution), submission: KaggleTable(url: submission))
    }
}
