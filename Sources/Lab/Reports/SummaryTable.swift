import Foundation

/// The compact table the README shows: per row, test and soundscape macro-AUC (mean ± sd over
/// seeds) and each row's Δ vs its parent with its 95 % interval, rendered from the same records
/// as the full report. `ablations report --readme README.md` writes it between the markers, and a
/// test checks the committed README against the committed records, so it cannot go stale.
public enum SummaryTable {
    public static let begin = "<!-- summary-table:begin (ablations report --readme README.md) -->"
    public static let end = "<!-- summary-table:end -->"

    public static func render(suite: String, rows: [ReportRow]) -> [String] {
        let auc = ReportMetric(.macroAUC)
        let sets: [EvaluationSet] = [.test, .soundscapes]
        let seeds = Set(rows.flatMap(\.seeds)).sorted().map(String.init).joined(separator: ", ")
        var out = ["Suite `\(suite)`, seeds \(seeds): macro ROC-AUC, mean ± sd over seeds; Δ vs parent with its 95 % interval "
            + "(paired over seeds). From [Reports/README.md](Reports/README.md), which has every metric and set.", ""]
        out.append("| # | row | test AUC | Δ test [95 %] | soundscape AUC | Δ soundscape [95 %] |")
        out.append("|---|---|---|---|---|---|")
        for row in rows {
            let parent = row.parent.flatMap { name in rows.first { $0.spec.name == name } }
            var cells: [String] = []
            for set in sets {
                cells.append(SeedSummary(row.orderedValues(auc, on: set)).map {
                    MarkdownReport.fixed($0.mean) + ($0.std.map { " ± " + MarkdownReport.fixed($0) } ?? "")
                } ?? "—")
                guard let parent, let d = PairedDelta(row: row.values(auc, on: set), parent: parent.values(auc, on: set)) else {
                    cells.append("—"); continue
                }
                let interval = d.interval.map { " [\(MarkdownReport.signed($0.lowerBound)), \(MarkdownReport.signed($0.upperBound))]" } ?? ""
                cells.append("\(MarkdownReport.signed(d.mean))\(interval) vs \(parent.number)")
            }
            out.append("| \(row.number) | \(MarkdownReport.cell(row.spec.title)) | " + cells.joined(separator: " | ") + " |")
        }
        return out
    }

    /// `text` with the block between the markers replaced by `table`; an `InputError` when the
    /// markers are missing.
    public static func replacingBlock(in text: String, with table: [String], file: String) throws -> String {
        guard let b = text.range(of: begin), let e = text.range(of: end), b.upperBound <= e.lowerBound else {
            throw InputError(file: file, "no summary-table markers (\(begin) … \(end)) to write the table between")
        }
        return String(text[..<b.upperBound]) + "\n" + table.joined(separator: "\n") + "\n" + String(text[e.lowerBound...])
    }
}
