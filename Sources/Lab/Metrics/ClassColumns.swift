/// Column-major [classes, rows] matrix in double precision: the layout every metric computes on
/// (one class's rows are contiguous, so per-class sorting and counting run on plain slices).
///
/// Built from a `LabelMatrix` (Float, exact widening) or from numbers read from text (exact to the
/// text, as Python's `float()` would read it), so results match scikit-learn on the same numbers.
public struct ClassColumns: Sendable, Equatable {
    public var rows: Int
    public var classes: Int
    /// [classes, rows], column-major: `values[c * rows + r]`.
    public var values: [Double]

    public init(rows: Int, classes: Int, values: [Double]) {
        precondition(values.count == rows * classes, "ClassColumns: \(values.count) values for \(classes) × \(rows)")
        self.rows = rows
        self.classes = classes
        self.values = values
    }

    /// Transposes a row-major [rows, classes] Double buffer.
    public init(rowMajor: [Double], rows: Int, classes: Int) {
        precondition(rowMajor.count == rows * classes, "ClassColumns: \(rowMajor.count) values for \(rows) × \(classes)")
        var values = [Double](repeating: 0, count: rows * classes)
        for r in 0 ..< rows {
            for c in 0 ..< classes { values[c * rows + r] = rowMajor[r * classes + c] }
        }
        self.init(rows: rows, classes: classes, values: values)
    }

    /// Widens and transposes a `LabelMatrix` (every Float is exactly representable as a Double).
    public init(_ matrix: LabelMatrix) {
        var values = [Double](repeating: 0, count: matrix.rows * matrix.classes)
        for r in 0 ..< matrix.rows {
            for c in 0 ..< matrix.classes { values[c * matrix.rows + r] = Double(matrix.values[r * matrix.classes + c]) }
        }
        self.init(rows: matrix.rows, classes: matrix.classes, values: values)
    }

    /// Builds columns from rows of equal length.
    public init(rowValues: [[Double]]) {
        let classes = rowValues.first?.count ?? 0
        precondition(rowValues.allSatisfy { $0.count == classes }, "ClassColumns: ragged rows")
        self.init(rowMajor: rowValues.flatMap { $0 }, rows: rowValues.count, classes: classes)
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[column * rows + row] }
        set { values[column * rows + row] = newValue }
    }

    /// Class `c`'s values over all rows.
    public func column(_ c: Int) -> ArraySlice<Double> {
        values[c * rows ..< (c + 1) * rows]
    }

    /// The rows at `indices` (repeats allowed, as in a bootstrap resample), in that order.
    public func selectingRows(_ indices: [Int]) -> ClassColumns {
        var out = [Double](repeating: 0, count: indices.count * classes)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for c in 0 ..< classes {
                    let from = c * rows, to = c * indices.count
                    for (i, r) in indices.enumerated() { dst[to + i] = src[from + r] }
                }
            }
        }
        return ClassColumns(rows: indices.count, classes: classes, values: out)
    }
}
