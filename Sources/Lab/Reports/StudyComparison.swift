/// The report's "study side by side" section: the study's reported table (DESIGN §1) beside ours,
/// and for each of the study's findings the direction of the same delta here — agrees (our 95 %
/// interval excludes 0 on the study's side), disagrees (excludes 0 on the other side) or
/// unresolved (includes 0). Rows are found by spec name, so any suite with the study rows gets it.
public enum StudyComparison {
    /// One figure of the study's table: row, set, metric, value.
    struct Figure {
        var spec: String, set: EvaluationSet, metric: ReportMetric, value: Double
    }

    /// The study's table (DESIGN §1): validation and held-out soundscapes, per-class tuned thresholds.
    static let table: [(spec: String, title: String, validation: [Double], soundscapes: [Double])] = [
        ("audio-only", "train audio only", [0.8794, 0.8626, 0.9678], [0.7470, 0.7269, 0.9552]),
        ("pseudo-labels", "+ soundscape pseudo-labels", [0.9188, 0.9189, 0.9943], [0.8386, 0.8428, 0.9724]),
        ("mixup", "+ mixup (+ negatives, SpecAugment)", [0.9238, 0.9203, 0.9947], [0.8421, 0.8358, 0.9783]),
    ]
    /// The table's columns, in its order: micro F1 and samples F1 at tuned thresholds, macro AUC.
    static let metrics = [ReportMetric(.microF1, .tunedOnValidation), ReportMetric(.samplesF1, .tunedOnValidation), ReportMetric(.macroAUC)]

    /// A finding of the study: `spec` against `versus` moves `metric` on `set` in direction `sign`.
    struct Finding {
        var claim: String, spec: String, versus: String, set: EvaluationSet, metric: ReportMetric, sign: Double
    }

    static var findings: [Finding] {
        var out: [Finding] = []
        for set in [EvaluationSet.validation, .soundscapes] {
            for (i, metric) in metrics.enumerated() {
                for k in 1 ..< table.count {
                    let (row, parent) = (table[k], table[k - 1])
                    let study = set == .validation ? (row.validation[i], parent.validation[i]) : (row.soundscapes[i], parent.soundscapes[i])
                    out.append(Finding(claim: "\(row.title): \(signed(study.0 - study.1)) (\(fixed(study.1)) → \(fixed(study.0)))",
                                       spec: row.spec, versus: parent.spec, set: set, metric: metric, sign: study.0 > study.1 ? 1 : -1))
                }
            }
        }
        // Claimed without numbers (DESIGN §1).
        for set in [EvaluationSet.validation, .soundscapes] {
            out.append(Finding(claim: "Bird-MAE (ViT) beats EfficientNet (no figure)", spec: "efficientnet", versus: "mixup",
                               set: set, metric: ReportMetric(.macroAUC), sign: -1))
            out.append(Finding(claim: "ASL is critical: BCE much worse on F1 (no figure)", spec: "bce", versus: "mixup",
                               set: set, metric: ReportMetric(.samplesF1, .tunedOnValidation), sign: -1))
        }
        return out
    }

    /// The section's lines, or none when the suite lacks the study's rows.
    public static func render(rows: [ReportRow]) -> [String] {
        let named = Dictionary(rows.map { ($0.spec.name, $0) }, uniquingKeysWith: { a, _ in a })
        guard table.allSatisfy({ named[$0.spec] != nil }) else { return [] }
        var out = ["## The study side by side", ""]
        out.append("The study's table (DESIGN §1: 22,100 validation windows of real recordings, thresholds tuned on validation) beside ours "
            + "(mean over seeds; `@tuned` = tuned on our validation set). Absolute values are not comparable — a synthetic fixture at reduced "
            + "sizes against the real corpus — but the direction of each delta is the question the study asked.")
        out.append("")
        out.append("| row | study: val micro F1 / samples F1 / AUC | ours | study: soundscapes micro F1 / samples F1 / AUC | ours |")
        out.append("|---|---|---|---|---|")
        for entry in table {
            guard let row = named[entry.spec] else { continue }
            let ours = { (set: EvaluationSet) in metrics.map { m in SeedSummary(row.orderedValues(m, on: set)).map { fixed($0.mean) } ?? "—" }.joined(separator: " / ") }
            out.append("| \(entry.title) | \(entry.validation.map(fixed).joined(separator: " / ")) | \(ours(.validation)) | "
                + "\(entry.soundscapes.map(fixed).joined(separator: " / ")) | \(ours(.soundscapes)) |")
        }
        out.append("")
        out.append("Each finding of the study, and the same delta here (row − versus, 95 % interval paired over seeds):")
        out.append("")
        out.append("| set | metric | study's finding | here: row vs | Δ here | verdict |")
        out.append("|---|---|---|---|---|---|")
        for f in findings {
            guard let row = named[f.spec], let versus = named[f.versus] else { continue }
            let d = PairedDelta(row: row.values(f.metric, on: f.set), parent: versus.values(f.metric, on: f.set))
            let delta = d.map { signed($0.mean) + ($0.interval.map { " [\(signed($0.lowerBound)), \(signed($0.upperBound))]" } ?? " (1 seed)") } ?? "—"
            out.append("| \(f.set.label) | \(f.metric.title) | \(f.claim) | \(row.number) vs \(versus.number) | \(delta) | \(verdict(d, sign: f.sign)) |")
        }
        return out
    }

    /// agrees / disagrees / unresolved for a delta whose study direction is `sign`.
    static func verdict(_ d: PairedDelta?, sign: Double) -> String {
        guard let interval = d?.interval else { return "unresolved (too few seeds)" }
        if interval.lowerBound > 0 { return sign > 0 ? "**agrees**" : "**disagrees**" }
        if interval.upperBound < 0 { return sign < 0 ? "**agrees**" : "**disagrees**" }
        return "unresolved"
    }

    static func fixed(_ x: Double) -> String { MarkdownReport.fixed(x) }
    static func signed(_ x: Double) -> String { MarkdownReport.signed(x) }
}
