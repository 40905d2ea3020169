/// Row-major [rows, classes] matrix of targets (0/1 or soft) or scores, in single precision —
/// what models and batches produce. Metrics compute on `ClassColumns` (double precision); every
/// metric function also takes `LabelMatrix` and converts it.
public struct LabelMatrix: Sendable, Equatable {
    public var rows: Int
    public var classes: Int
    /// [rows, classes], row-major.
    public var values: [Float]

    public init(rows: Int, classes: Int, values: [Float]) {
        precondition(values.count == rows * classes, "LabelMatrix: \(values.count) values for \(rows) × \(classes)")
        self.rows = rows
        self.classes = classes
        self.values = values
    }

    /// Builds a matrix from rows of equal length (`classes` is taken from the first row, 0 if none).
    public init(_ rowValues: [[Float]]) {
        let classes = rowValues.first?.count ?? 0
        precondition(rowValues.allSatisfy { $0.count == classes }, "LabelMatrix: ragged rows")
        self.init(rows: rowValues.count, classes: classes, values: rowValues.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * classes + column] }
        set { values[row * classes + column] = newValue }
    }
}
