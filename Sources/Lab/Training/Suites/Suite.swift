/// An ordered list of ablation rows run together, with where their data comes from.
///
/// Every row names its parent (an earlier row) and differs from it in one `Knob`, so the report
/// can say what each row changed. The three suites (`ci`, `default`, `full`) hold the same six
/// study rows (`StudyRows`) at different sizes, so every row runs the same code path everywhere.
public struct Suite: Sendable {
    public var name: String
    /// One line on what the suite is for.
    public var summary: String
    public var data: SuiteData
    public var rows: [SuiteRow]
    /// The reduced sizes a small suite uses, in words, for the report.
    public var sizes: String

    public var specs: [AblationSpec] { rows.map(\.spec) }

    /// The row named `name`, or nil.
    public func spec(named name: String) -> AblationSpec? { rows.first { $0.spec.name == name }?.spec }

    /// Every suite, in the order `list` prints them.
    public static let all: [Suite] = [.ci, .default, .full, .extendedCI, .extended]

    /// The suite called `name`, or an `InputError` listing the suites that exist.
    public static func named(_ name: String) throws -> Suite {
        guard let suite = all.first(where: { $0.name == name }) else {
            throw InputError(file: "--suite", "no suite named '\(name)'; the suites are: \(all.map(\.name).joined(separator: ", "))")
        }
        return suite
    }
}

/// One row of a suite: its spec and the knob it turns against its parent.
public struct SuiteRow: Sendable {
    public var spec: AblationSpec
    public var knob: Knob
    public init(spec: AblationSpec, knob: Knob) { self.spec = spec; self.knob = knob }
}

/// Where a suite's data comes from.
public enum SuiteData: Hashable, Sendable {
    /// The synthetic corpus of DESIGN §12 (`ablations fixture --preset P --seed S`), generated on
    /// first use; `--data DIR` overrides it.
    case fixture(preset: String, seed: Int)
    /// A BirdCLEF-2025-layout folder the user passes with `--data DIR`.
    case userFolder
}
