/// How scores become predicted labels: a class is predicted when `score ≥ threshold`.
public enum ThresholdPolicy: Sendable, Hashable {
    /// One threshold for every class (the study's default is 0.5).
    case scalar(Double)
    /// One threshold per class, in class order.
    case perClass([Double])

    /// The threshold for class `c`.
    @inline(__always)
    public func threshold(_ c: Int) -> Double {
        switch self {
        case .scalar(let t): return t
        case .perClass(let ts): return ts[c]
        }
    }

    /// Stops with a clear message when a per-class vector does not have one entry per class
    /// (a programming error; the command-line tool validates files before this point).
    func check(classes: Int) {
        if case .perClass(let ts) = self, ts.count != classes {
            fatalError("ThresholdPolicy.perClass has \(ts.count) thresholds for \(classes) classes")
        }
    }
}

/// Targets are positive when `y ≥ 0.5` (hard 0/1 labels and soft labels alike).
public let targetCutoff = 0.5
