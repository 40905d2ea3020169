import Foundation

/// `README.md` of a report folder, rendered from run records only: the study-shaped table per
/// evaluation set (mean ± std over seeds), deltas against the parent row with 95 % t-intervals
/// paired over seeds, the sizes used, and which set thresholds were tuned on. Same records → same
/// bytes (no clock, no paths of this machine; everything shown comes from the records).
public enum MarkdownReport {
    public static func render(suite: String, rows: [ReportRow], plots: [PlotFigure]) -> String {
        let records = rows.flatMap { $0.ordered }
        var out: [String] = []
        out.append("# Ablation results: suite `\(suite)`")
        out.append("")
        out.append("Rendered by `ablations report` from the \(records.count) run records in `records/\(suite)/` alone; "
            + "rerunning it on the same records reproduces this file byte for byte.")
        out.append("")
        out += preamble(records: records)
        out.append("")
        out.append("## Rows")
        out.append("")
        out.append("| # | row | spec | parent | what it changes against its parent | seeds |")
        out.append("|---|---|---|---|---|---|")
        for row in rows {
            let changes = row.changes.isEmpty ? (row.spec.parent == nil ? "— (first row)" : "— (parent has no records)")
                                              : row.changes.map { "`\(cell($0.brief))`" }.joined(separator: "<br>")
            out.append("| \(row.number) | \(cell(row.spec.title)) | `\(row.spec.name)` | \(row.parent.map { "`\($0)`" } ?? "—") | \(changes) | \(row.seeds.map(String.init).joined(separator: ", ")) |")
        }
        out.append("")
        out.append("## Sizes used")
        out.append("")
        out.append("| # | features | model | parameters | training | data (windows) | mean wall time |")
        out.append("|---|---|---|---|---|---|---|")
        for row in rows {
            out.append(sizesLine(row))
        }
        out.append("")
        out += TimeTable.render(rows: rows)
        let sets = Array(Set(records.flatMap { $0.results.map(\.set) })).sorted()
        for set in sets {
            out.append("")
            out += table(for: set, rows: rows)
            out += BaselineDeltaTable.lines(for: set, rows: rows)
        }
        let study = StudyComparison.render(rows: rows)
        if !study.isEmpty { out.append(""); out += study }
        if !plots.isEmpty {
            out.append("")
            out.append("## Plots")
            out.append("")
            out.append("Each plot is a gnuplot script (`plots/*.gp`) with its data (`plots/*.dat`), rendered to PNG and SVG at report time.")
            for plot in plots {
                out.append("")
                out.append("### \(plot.title)")
                out.append("")
                out.append("![\(plot.title)](plots/\(plot.name).png) ([SVG](plots/\(plot.name).svg), [script](plots/\(plot.name).gp))")
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    static func preamble(records: [RunRecord]) -> [String] {
        let seeds = Set(records.map(\.seed)).sorted().map(String.init).joined(separator: ", ")
        let sources = Set(records.map { "\($0.data.source) (fingerprint `\($0.data.fingerprint)`, \($0.data.classes.count) classes)" }).sorted()
        let versions = Set(records.map(\.codeVersion)).sorted().map { "`\($0)`" }.joined(separator: ", ")
        let machines = Set(records.map { "\($0.machine.cpuModel), \($0.machine.cores) cores, \($0.machine.operatingSystem)" }).sorted()
        let tunedOn = Set(records.compactMap(\.thresholdsTunedOn)).sorted().joined(separator: ", ")
        let grids = Set(records.map(\.spec.evaluation.tuningGrid)).sorted { $0.rawValue < $1.rawValue }
            .map { "\($0.text) (`\($0.rawValue)`)" }.joined(separator: ", ")
        let wall = records.map(\.wallSeconds).reduce(0, +)
        var lines = [
            "- **Data:** \(sources.joined(separator: "; ")).",
            "- **Seeds:** \(seeds); every cell is the mean ± sample standard deviation (n − 1) over seeds.",
            "- **Thresholds:** `@0.5` is one threshold for every class; `@tuned` uses per-class thresholds tuned on the **\(tunedOn.isEmpty ? "validation" : tunedOn)** set (grid \(grids), best F1 per class) and applied unchanged to every set. "
                + "Validation figures `@tuned` are therefore optimistic (tuned and scored on the same windows, as the study reported); test and soundscape figures are not. "
                + "Macro AUC and cmAP do not depend on thresholds; macro AUC averages the classes with at least one positive and one negative (count in brackets).",
            "- **Δ vs parent:** mean of the per-seed differences row − parent over the seeds both have, with a two-sided 95 % confidence interval "
                + "mean ± t₀.₉₇₅(n − 1) · sd / √n (Student t, paired over seeds). An interval that excludes 0 is a difference beyond seed-to-seed noise.",
            "- **Model selection:** the epoch with the best validation samples F1 @0.5.",
            "- **Code:** \(versions). **Machine:** \(machines.joined(separator: "; ")). Total wall time of the runs: \(String(format: "%.0f", wall)) s.",
        ]
        let skipped = Set(records.flatMap(\.data.skippedFiles)).count
        if skipped > 0 { lines.append("- **Skipped files** (undecodable, skipped on request): \(skipped).") }
        return lines
    }

    static func sizesLine(_ row: ReportRow) -> String {
        let s = row.spec
        let fe = s.frontEnd
        let features = "\(fe.kind.rawValue) \(fe.frames.map(String.init) ?? "?") × \(fe.nMels) (hop \(fe.hop), window \(fe.windowLength))"
        let any = row.ordered.sorted { $0.seed < $1.seed }.first
        let params = any.map { grouped($0.parameters) } ?? "?"
        let training = "\(s.training.epochs) epochs × \(grouped(s.training.samplesPerEpoch)) samples, batch \(s.training.batchSize) × \(s.training.accumulation)"
        let counts = any.map { $0.data.counts.keys.sorted().map { "\($0) \(grouped(any!.data.counts[$0]!))" }.joined(separator: ", ") } ?? ""
        let wall = SeedSummary(row.ordered.map(\.wallSeconds)).map { String(format: "%.0f s", $0.mean) } ?? ""
        return "| \(row.number) | \(features) | \(cell(s.model.label)) | \(params) | \(training) | \(counts) | \(wall) |"
    }

    static func table(for set: EvaluationSet, rows: [ReportRow]) -> [String] {
        let columns = ReportMetric.columns
        var out = ["## \(set.label.prefix(1).uppercased() + set.label.dropFirst())", ""]
        let windows = Set(rows.flatMap { $0.ordered.compactMap { r in r.results.first { $0.set == set }?.metrics.rows } }).sorted()
        out.append("Scored on \(windows.map(grouped).joined(separator: " / ")) windows.")
        out.append("")
        out.append("| # | row | " + columns.map(\.title).joined(separator: " | ") + " |")
        out.append("|---|---|" + String(repeating: "---|", count: columns.count))
        for row in rows {
            let cells = columns.map { metric -> String in
                guard let summary = SeedSummary(row.orderedValues(metric, on: set)) else { return "—" }
                var text = fixed(summary.mean) + (summary.std.map { " ± " + fixed($0) } ?? "")
                if metric.kind == .macroAUC {
                    let scored = Set(row.ordered.compactMap { r in r.results.first { $0.set == set }?.metrics.classesScored }).sorted()
                    text += " (\(scored.map(String.init).joined(separator: "/")))"
                }
                return text
            }
            out.append("| \(row.number) | \(cell(row.spec.title)) | " + cells.joined(separator: " | ") + " |")
        }
        guard rows.contains(where: { $0.parent != nil }) else { return out }
        out.append("")
        out.append("Δ vs parent on this set (95 % interval, paired over seeds):")
        out.append("")
        out.append("| # | row | vs | " + columns.map { "Δ " + $0.title }.joined(separator: " | ") + " |")
        out.append("|---|---|---|" + String(repeating: "---|", count: columns.count))
        for row in rows {
            guard let parentName = row.parent, let parent = rows.first(where: { $0.spec.name == parentName }) else { continue }
            let cells = columns.map { metric -> String in
                guard let d = PairedDelta(row: row.values(metric, on: set), parent: parent.values(metric, on: set)) else { return "—" }
                return signed(d.mean) + (d.interval.map { " [\(signed($0.lowerBound)), \(signed($0.upperBound))]" } ?? " (1 seed)")
            }
            out.append("| \(row.number) | \(cell(row.spec.title)) | \(parent.number) | " + cells.joined(separator: " | ") + " |")
        }
        return out
    }

    static func fixed(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "\(x)" }
    static func signed(_ x: Double) -> String { x.isFinite ? String(format: "%+.4f", x) : "\(x)" }
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// 12,345 with thousands separators (locale-independent).
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
