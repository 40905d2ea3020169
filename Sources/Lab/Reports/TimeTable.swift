/// The report's "where the time goes" table: each row's mean seconds per phase of its jobs
/// (`TimeBreakdown`, from the records), so a reader sees what a row costs and why.
public enum TimeTable {
    /// Wall phases of the training loop, then the CPU phases of batch assembly.
    static let wall: [TimeBreakdown.Phase] = [.shared, .batches, .forwardBackward, .optimizer, .evaluation, .checkpoints]
    static let cpu: [TimeBreakdown.Phase] = [.cacheRead, .decode, .waveformAugment, .frontEnd, .featureAugment]

    public static func render(rows: [ReportRow]) -> [String] {
        guard rows.contains(where: { $0.ordered.contains { $0.timing != nil } }) else { return [] }
        var out = ["Where the time goes (mean seconds per job over seeds). Wall: `shared` = data, caches and MAE pretraining "
            + "(the first job of a seed pays for MAE, later ones reuse it), `batches` = batch assembly, then forward + backward, "
            + "optimizer, evaluation, checkpoints. CPU (summed over the threads that assemble batches): cache reads, decoding, "
            + "waveform augmentation, front end, feature augmentation.", ""]
        let phases = wall + cpu
        out.append("| # | job wall | " + phases.map { "`\($0.rawValue)`" }.joined(separator: " | ") + " |")
        out.append("|---|---|" + String(repeating: "---|", count: phases.count))
        for row in rows {
            let timed = row.ordered.filter { $0.timing != nil }
            guard !timed.isEmpty else { continue }
            let mean = { (values: [Double]) in values.reduce(0, +) / Double(max(values.count, 1)) }
            let cells = phases.map { p -> String in
                let v = mean(timed.map { $0.timing?[p.rawValue] ?? 0 })
                return v < 0.05 ? "—" : String(format: "%.1f", v)
            }
            out.append("| \(row.number) | \(String(format: "%.1f", mean(timed.map(\.wallSeconds)))) | " + cells.joined(separator: " | ") + " |")
        }
        return out
    }
}
