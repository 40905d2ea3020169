/// The report's "Δ vs baseline" table of one evaluation set: every row against the suite's linear
/// baseline (the row whose model is `.baseline`), so each deep row can be read against the floor.
/// Same arithmetic as "Δ vs parent": the mean of the per-seed differences row − baseline over the
/// seeds both have, with a two-sided 95 % Student-t interval paired over seeds (`PairedDelta`).
/// Records without a baseline row render nothing (reports of older suites are unchanged).
enum BaselineDeltaTable {
    /// The table's lines (preceded by a blank line), or none when no row is a baseline.
    static func lines(for set: EvaluationSet, rows: [ReportRow]) -> [String] {
        guard let baseline = rows.first(where: { if case .baseline = $0.spec.model { return true } else { return false } }) else {
            return []
        }
        let columns = ReportMetric.columns
        var out = ["", "Δ vs baseline \(baseline.number) `\(baseline.spec.name)` on this set (95 % interval, paired over seeds):", ""]
        out.append("| # | row | " + columns.map { "Δ " + $0.title }.joined(separator: " | ") + " |")
        out.append("|---|---|" + String(repeating: "---|", count: columns.count))
        for row in rows where row.spec.name != baseline.spec.name {
            let cells = columns.map { metric -> String in
                guard let d = PairedDelta(row: row.values(metric, on: set), parent: baseline.values(metric, on: set)) else { return "—" }
                return MarkdownReport.signed(d.mean)
                    + (d.interval.map { " [\(MarkdownReport.signed($0.lowerBound)), \(MarkdownReport.signed($0.upperBound))]" } ?? " (1 seed)")
            }
            out.append("| \(row.number) | \(MarkdownReport.cell(row.spec.title)) | " + cells.joined(separator: " | ") + " |")
        }
        return out
    }
}
