import Foundation

/// `Fixtures/golden/ci.json`: the `ci` suite's metrics (mean over seeds) with a tolerance and the
/// reason for it, written by `ablations golden` from real run records and compared by
/// `ablations check` and the golden test.
public struct GoldenFile: Codable, Equatable, Sendable {
    public var suite: String
    /// How the tolerances were chosen, in words.
    public var reason: String
    public var codeVersions: [String]
    public var dataFingerprint: String
    public var seeds: [Int]
    public var machine: String
    public var metrics: [GoldenMetric]

    /// Tolerance = max(`spreadFactor` · σ · √(2 / n), `floor`), where σ is the metric's
    /// seed-to-seed standard deviation measured in these records and n the number of seeds:
    /// σ·√(2/n) is the standard deviation of the difference of two n-seed means, which is what
    /// a rerun on another machine amounts to once BLAS rounding differences diverge the training
    /// trajectories; the floor covers metrics that happened to agree across the measured seeds.
    public static let spreadFactor = 3.0
    public static let floor = 0.01

    /// The golden file for `records` (all seeds of every row of one suite).
    ///
    /// With `rerun` — the same suite, seeds and data run again with another BLAS kernel
    /// (`OPENBLAS_CORETYPE=Haswell`), i.e. what a rerun on another CPU does to the arithmetic —
    /// each tolerance comes from that measured rerun spread instead: max(`spreadFactor` · σ_rerun,
    /// `floor`), σ_rerun the root mean square over rows of the difference of the two runs'
    /// n-seed means of that (set, metric). Without it, from the seed-to-seed spread as above.
    public static func make(suite: String, records: [RunRecord], rerun: [RunRecord]? = nil) throws -> GoldenFile {
        let rows = try ReportRow.group(records)
        let rerunSpread = try rerun.map { try Self.rerunSpread(rows: rows, rerun: try ReportRow.group($0)) }
        var metrics: [GoldenMetric] = []
        for row in rows {
            let sets = Array(Set(row.ordered.flatMap { $0.results.map(\.set) })).sorted()
            for set in sets {
                for metric in ReportMetric.columns {
                    let values = row.orderedValues(metric, on: set)
                    guard let summary = SeedSummary(values) else { continue }
                    let sigma = summary.std ?? 0
                    let tolerance: Double, why: String
                    if let measured = rerunSpread?[RerunKey(set: set, metric: metric.key)] {
                        let spread = spreadFactor * measured.rms
                        tolerance = max(spread, floor)
                        why = spread >= floor
                            ? String(format: "%.0f × σ_rerun with σ_rerun = %.4f (RMS over %d rows of the other kernel's mean − this mean)",
                                     spreadFactor, measured.rms, measured.rows)
                            : String(format: "floor %.2f (%.0f × σ_rerun = %.4f over %d rows)", floor, spreadFactor, spread, measured.rows)
                    } else {
                        let spread = spreadFactor * sigma * (2 / Double(summary.count)).squareRoot()
                        tolerance = max(spread, floor)
                        why = summary.std == nil
                            ? "one seed: no measured spread, floor \(floor)"
                            : (spread >= floor
                                ? String(format: "%.0f × σ·√(2/n) with σ = %.4f over n = %d seeds", spreadFactor, sigma, summary.count)
                                : String(format: "floor %.2f (%.0f × σ·√(2/n) = %.4f, σ = %.4f over n = %d seeds)", floor, spreadFactor, spread, sigma, summary.count))
                    }
                    metrics.append(GoldenMetric(spec: row.spec.name, set: set, metric: metric.key, value: summary.mean,
                                                seedStd: summary.std, tolerance: tolerance, reason: why))
                }
            }
        }
        let machines = Set(records.map { "\($0.machine.cpuModel), \($0.machine.cores) cores" }).sorted()
        let reason = rerun == nil
            ? "Each metric is the mean over seeds. Tolerance = max(\(spreadFactor) × σ·√(2/n), \(floor)): σ is the seed-to-seed "
                + "standard deviation measured in these runs and σ·√(2/n) the spread of a difference of two n-seed means. On one machine a "
                + "rerun is bit-identical (every draw is seeded), so any change is a code change; on another CPU, BLAS rounding can "
                + "diverge training like a different seed would, which this tolerance admits. Only drops beyond the tolerance fail; "
                + "gains beyond it are flagged for a golden refresh."
            : "Each metric is the mean over seeds. On one machine a rerun is bit-identical (every draw is seeded), so any change is a "
                + "code change; what another CPU changes is the arithmetic's rounding. That was measured: the same suite was run again "
                + "with OpenBLAS's Haswell (AVX2) kernel instead of this machine's, and for each set and metric σ_rerun is the root mean "
                + "square over the rows of the difference of the two runs' seed means. Tolerance = max(\(spreadFactor) × σ_rerun, \(floor)). "
                + "Only drops beyond the tolerance fail; gains beyond it are flagged for a golden refresh."
        return GoldenFile(
            suite: suite,
            reason: reason,
            codeVersions: Set(records.map(\.codeVersion)).sorted(),
            dataFingerprint: Set(records.map(\.data.fingerprint)).sorted().joined(separator: ","),
            seeds: Set(records.map(\.seed)).sorted(),
            machine: machines.joined(separator: "; "),
            metrics: metrics)
    }

    struct RerunKey: Hashable { var set: EvaluationSet; var metric: String }

    /// Per (set, metric): the RMS over rows of (rerun's seed mean − this run's seed mean), over the
    /// rows and seeds both runs have. A rerun whose seeds or rows differ is an `InputError`.
    static func rerunSpread(rows: [ReportRow], rerun: [ReportRow]) throws -> [RerunKey: (rms: Double, rows: Int)] {
        var squares: [RerunKey: [Double]] = [:]
        for row in rows {
            guard let other = rerun.first(where: { $0.spec.name == row.spec.name }) else {
                throw InputError(file: "--rerun", "no records of row '\(row.spec.name)' in the rerun")
            }
            guard other.seeds == row.seeds else {
                throw InputError(file: "--rerun", "row '\(row.spec.name)' has seeds \(other.seeds) in the rerun, \(row.seeds) here")
            }
            for set in Set(row.ordered.flatMap { $0.results.map(\.set) }) {
                for metric in ReportMetric.columns {
                    guard let a = SeedSummary(row.orderedValues(metric, on: set))?.mean,
                          let b = SeedSummary(other.orderedValues(metric, on: set))?.mean else { continue }
                    squares[RerunKey(set: set, metric: metric.key), default: []].append((b - a) * (b - a))
                }
            }
        }
        return squares.mapValues { d in ((d.reduce(0, +) / Double(d.count)).squareRoot(), d.count) }
    }

    public func encoded() throws -> Data { try PrettyJSON.encode(self) }

    public static func read(from url: URL) throws -> GoldenFile {
        guard let bytes = try? Data(contentsOf: url) else {
            throw InputError(file: url.path, "golden file not found; create it with `ablations golden`")
        }
        do { return try JSONDecoder().decode(GoldenFile.self, from: bytes) } catch {
            throw InputError(file: url.path, "not a golden metrics file (\(error))")
        }
    }
}

/// One guarded number.
public struct GoldenMetric: Codable, Equatable, Sendable {
    public var spec: String
    public var set: EvaluationSet
    /// `ReportMetric.key`, e.g. "samplesF1@tuned-on-validation", "macroAUC".
    public var metric: String
    public var value: Double
    public var seedStd: Double?
    public var tolerance: Double
    public var reason: String
}

/// The comparison of run records against a golden file.
public struct GoldenComparison: Sendable {
    public enum Verdict: String, Sendable {
        case ok
        /// Dropped by more than the tolerance: a regression, fails the check.
        case regression
        /// Rose by more than the tolerance: passes, but the golden file should be regenerated.
        case better = "better (refresh golden)"
        /// The golden metric has no value in the records: fails the check.
        case missing
    }

    public struct Line: Sendable {
        public var golden: GoldenMetric
        public var now: Double?
        public var verdict: Verdict
        public var delta: Double? { now.map { $0 - golden.value } }
    }

    public var lines: [Line]
    /// Records whose data fingerprint differs from the golden one (compared anyway, noted).
    public var dataMismatch: Bool

    public var failed: Bool { lines.contains { $0.verdict == .regression || $0.verdict == .missing } }

    public init(golden: GoldenFile, records: [RunRecord]) throws {
        let rows = try ReportRow.group(records)
        lines = golden.metrics.map { g in
            let metric = ReportMetric.columns.first { $0.key == g.metric }
            let row = rows.first { $0.spec.name == g.spec }
            let values = (row.flatMap { r in metric.map { r.values($0, on: g.set) } } ?? [:]).sorted { $0.key < $1.key }.map(\.value)
            guard let now = SeedSummary(values)?.mean else { return Line(golden: g, now: nil, verdict: .missing) }
            let verdict: Verdict = now < g.value - g.tolerance ? .regression : (now > g.value + g.tolerance ? .better : .ok)
            return Line(golden: g, now: now, verdict: verdict)
        }
        dataMismatch = records.contains { !golden.dataFingerprint.split(separator: ",").contains(Substring($0.data.fingerprint)) }
    }

    /// The Markdown diff table: spec, set, metric, golden, now, delta, tolerance, verdict.
    public var markdown: String {
        var out = ["| spec | set | metric | golden | now | delta | tolerance | verdict |", "|---|---|---|---|---|---|---|---|"]
        for l in lines {
            out.append("| \(l.golden.spec) | \(l.golden.set.rawValue) | \(l.golden.metric) | \(MarkdownReport.fixed(l.golden.value)) | "
                + "\(l.now.map(MarkdownReport.fixed) ?? "—") | \(l.delta.map(MarkdownReport.signed) ?? "—") | ±\(MarkdownReport.fixed(l.golden.tolerance)) | "
                + "\(l.verdict == .regression ? "**REGRESSION**" : (l.verdict == .missing ? "**MISSING**" : l.verdict.rawValue)) |")
        }
        let failures = lines.filter { $0.verdict == .regression || $0.verdict == .missing }.count
        out.append("")
        out.append(failures == 0 ? "Result: PASS (\(lines.count) metrics within tolerance or better)."
                                 : "Result: FAIL (\(failures) of \(lines.count) metrics regressed or missing).")
        if dataMismatch { out.append("Note: the records' data fingerprint differs from the golden file's.") }
        return out.joined(separator: "\n") + "\n"
    }
}
