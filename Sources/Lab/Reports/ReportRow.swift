/// One spec's records grouped for a report: its seeds, and what it changes against its parent.
public struct ReportRow: Sendable {
    public var position: Int
    public var spec: AblationSpec
    /// Records by seed.
    public var records: [Int: RunRecord]
    /// The parent row's name, when the parent's records are present.
    public var parent: String?
    /// `spec.diff(against: parent spec)` taken from the records; empty for a root.
    public var changes: [SpecChange]

    /// `(2)`-style label.
    public var number: String { "(\(position))" }
    public var seeds: [Int] { records.keys.sorted() }
    /// Records in seed order: every reduction over seeds goes through this, so floating-point
    /// sums (and hence reports) do not depend on dictionary order.
    public var ordered: [RunRecord] { seeds.map { records[$0]! } }

    /// Metric values in seed order on `set`.
    public func orderedValues(_ metric: ReportMetric, on set: EvaluationSet) -> [Double] {
        ordered.compactMap { metric.value(in: $0, on: set) }
    }

    /// Metric values by seed on `set`.
    public func values(_ metric: ReportMetric, on set: EvaluationSet) -> [Int: Double] {
        records.compactMapValues { metric.value(in: $0, on: set) }
    }

    /// Groups `records` (all of one suite) into rows ordered by suite position, then name. Records
    /// of one spec with different recipes (a stale seed) are an `InputError`.
    public static func group(_ records: [RunRecord]) throws -> [ReportRow] {
        var bySpec: [String: [RunRecord]] = [:]
        for r in records { bySpec[r.spec.name, default: []].append(r) }
        var rows: [ReportRow] = []
        for (name, group) in bySpec {
            let first = group[0]
            if let other = group.first(where: { $0.specHash != first.specHash }) {
                throw InputError(file: "records of '\(name)'",
                                 "seeds \(first.seed) and \(other.seed) ran different recipes (\(first.specHash) vs \(other.specHash)); rerun the stale seed")
            }
            var bySeed: [Int: RunRecord] = [:]
            for r in group { bySeed[r.seed] = r }
            rows.append(ReportRow(position: first.row, spec: first.spec, records: bySeed, parent: nil, changes: []))
        }
        rows.sort { ($0.position, $0.spec.name) < ($1.position, $1.spec.name) }
        for i in rows.indices {
            guard let parentName = rows[i].spec.parent, let parent = rows.first(where: { $0.spec.name == parentName }) else { continue }
            rows[i].parent = parentName
            rows[i].changes = rows[i].spec.diff(against: parent.spec)
        }
        return rows
    }
}
