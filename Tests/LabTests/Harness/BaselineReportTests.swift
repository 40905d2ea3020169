import Foundation
import Testing
@testable import Lab

/// The report's "Δ vs baseline" tables (issue 22).
@Suite("Harness: Δ vs baseline")
struct BaselineReportTests {
    /// Rows (1), (2) and the baseline (7) of the ci suite × seeds 0, 1, 2.
    static func records() -> [RunRecord] {
        let specs = Suite.ci.specs
        let baseline = specs.firstIndex { $0.name == "baseline" }!
        var rng = SeededGenerator(seed: 11)
        var out: [RunRecord] = []
        for (index, base) in [(0, 0.6), (1, 0.7), (baseline, 0.5)] {
            for seed in 0 ..< 3 {
                out.append(HarnessFixtures.record(row: index + 1, spec: specs[index], seed: seed, base: base + rng.uniform(-0.02, 0.02)))
            }
        }
        return out
    }

    @Test func everyOtherRowIsComparedWithTheBaselinePairedOverSeeds() throws {
        let records = Self.records()
        let readme = String(decoding: try #require(try ReportWriter.render(suite: "unit", records: records)["README.md"]), as: UTF8.self)
        let rows = try ReportRow.group(records)
        let baseline = try #require(rows.first { $0.spec.name == "baseline" })
        for set in EvaluationSet.allCases {
            let lines = BaselineDeltaTable.lines(for: set, rows: rows)
            #expect(lines.count == 7, "blank, caption, blank, header, rule, rows (1) and (2)")
            #expect(readme.contains(lines.joined(separator: "\n")))
        }
        // Row (2)'s soundscape macro AUC against the baseline: the paired mean and t interval.
        let row2 = try #require(rows.first { $0.spec.name == "pseudo-labels" })
        let metric = ReportMetric(.macroAUC)
        let d = try #require(PairedDelta(row: row2.values(metric, on: .soundscapes), parent: baseline.values(metric, on: .soundscapes)))
        let interval = try #require(d.interval)
        let cell = String(format: "%+.4f [%+.4f, %+.4f]", d.mean, interval.lowerBound, interval.upperBound)
        let line = try #require(BaselineDeltaTable.lines(for: .soundscapes, rows: rows).first { $0.hasPrefix("| (2) |") })
        #expect(line.contains(cell))
        #expect(d.mean > 0.15, "row (2) was built 0.2 above the baseline")
        #expect(readme.contains("Δ vs baseline (7) `baseline` on this set"))
    }

    @Test func reportsWithoutABaselineRowHaveNoSuchTable() throws {
        let readme = String(decoding: try #require(try ReportWriter.render(suite: "unit", records: HarnessFixtures.suiteRecords())["README.md"]),
                            as: UTF8.self)
        #expect(!readme.contains("Δ vs baseline"))
    }
}
