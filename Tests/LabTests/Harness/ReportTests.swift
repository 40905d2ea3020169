import Foundation
import Testing
@testable import Lab

@Suite("Harness: reports and golden guard")
struct ReportTests {
    @Test func studentTTableMatchesScipy() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/harness/t_quantiles.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 100)
        for line in lines {
            let parts = line.split(separator: " ")
            let df = try #require(Int(parts[0])), value = try #require(Double(parts[1]))
            #expect(abs(StudentT.quantile975(df: df) - value) < 1e-12)
        }
        #expect(abs(StudentT.quantile975(df: 101) - 1.983731002955606) < 3e-6)
        #expect(abs(StudentT.quantile975(df: 1000) - 1.9623390808264083) < 1e-8)
    }

    @Test func pairedDeltaInterval() throws {
        // Differences 0.1, 0.2, 0.3: mean 0.2, sd 0.1, half-width t(2) · 0.1 / √3.
        let d = try #require(PairedDelta(row: [0: 0.6, 1: 0.8, 2: 1.0, 5: 9], parent: [0: 0.5, 1: 0.6, 2: 0.7]))
        #expect(d.seeds == 3)
        #expect(abs(d.mean - 0.2) < 1e-12)
        let half = 4.3026527297494619 * 0.1 / 3.0.squareRoot()
        let interval = try #require(d.interval)
        #expect(abs(interval.lowerBound - (0.2 - half)) < 1e-12 && abs(interval.upperBound - (0.2 + half)) < 1e-12)
        #expect(PairedDelta(row: [0: 1], parent: [0: 0.5])?.interval == nil)
        #expect(PairedDelta(row: [0: 1], parent: [1: 0.5]) == nil)
        let s = try #require(SeedSummary([1, 2, 3, 4]))
        #expect(s.mean == 2.5 && abs(s.std! - 1.2909944487358056) < 1e-12)
    }

    @Test func markdownIsDeterministicAndFromRecordsOnly() throws {
        let records = HarnessFixtures.suiteRecords()
        let a = try ReportWriter.render(suite: "unit", records: records)
        let b = try ReportWriter.render(suite: "unit", records: records.reversed())
        #expect(a == b)
        let readme = String(decoding: try #require(a["README.md"]), as: UTF8.self)
        // One table per evaluation set, all three rows, the parent's change, the tuned-on set.
        for heading in ["## Validation (focal)", "## Test (focal)", "## Held-out soundscapes"] { #expect(readme.contains(heading)) }
        #expect(readme.contains("tuned on the **validation** set"))
        #expect(readme.contains("`data.pseudoLabels: none → {minConfidence: 0.35"))
        // The test-set samples F1 @0.5 of row (2) is the mean ± std of its three seeds.
        let row2 = records.filter { $0.spec.name == "pseudo-labels" }.map { $0.metrics(on: .test, thresholds: .fixed(0.5))!.samplesF1 }
        let summary = try #require(SeedSummary(row2))
        #expect(readme.contains(String(format: "| (2) | + soundscape pseudo-labels | %.4f ± %.4f |", summary.mean, summary.std!)))
        #expect(a["records/unit/mixup/seed-2/record.json"] != nil)
        #expect(a["plots/curves.gp"] != nil && a["plots/deltas-test.dat"] != nil && a["plots/per-class-auc-soundscapes.gp"] != nil)
    }

    @Test func reportReRendersByteForByteFromItsOwnRecordCopy() throws {
        let folder = try HarnessFixtures.temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try ReportWriter.write(suite: "unit", records: HarnessFixtures.suiteRecords(), to: folder)
        let copied = try RunsLayout(root: folder.appendingPathComponent("records")).records(suite: "unit")
        let second = try HarnessFixtures.temporaryFolder("report2")
        defer { try? FileManager.default.removeItem(at: second) }
        let again = try ReportWriter.write(suite: "unit", records: copied, to: second)
        #expect(first.files == again.files)
        guard first.gnuplotProblem == nil else {
            Issue.record("gnuplot unavailable: \(first.gnuplotProblem!)"); return
        }
        #expect(first.files.contains("plots/curves.png") && first.files.contains("plots/deltas-test.svg"))
        for file in first.files {
            let x = try Data(contentsOf: folder.appendingPathComponent(file))
            let y = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(x == y, "\(file) differs between two renders of the same records")
        }
    }

    @Test func goldenGuardPassesOnItsOwnRecordsAndFailsOnADrop() throws {
        let records = HarnessFixtures.suiteRecords()
        let golden = try GoldenFile.make(suite: "unit", records: records)
        #expect(golden.metrics.count == 3 * 3 * ReportMetric.columns.count)
        #expect(golden.metrics.allSatisfy { $0.tolerance >= GoldenFile.floor && !$0.reason.isEmpty })
        let same = try GoldenComparison(golden: golden, records: records)
        #expect(!same.failed)
        #expect(same.lines.allSatisfy { $0.verdict == .ok && $0.delta == 0 })

        // A broken build: every metric of row (3) drops by 0.2.
        let broken = records.map { r -> RunRecord in
            guard r.spec.name == "mixup" else { return r }
            var r = r
            r.results = r.results.map { var e = $0; e.metrics.samplesF1 -= 0.2; e.metrics.microF1 -= 0.2
                e.metrics.macroAUC = e.metrics.macroAUC.map { $0 - 0.2 }; e.metrics.cmAP = e.metrics.cmAP.map { $0 - 0.2 }; return e }
            return r
        }
        let check = try GoldenComparison(golden: golden, records: broken)
        #expect(check.failed)
        #expect(check.lines.filter { $0.verdict == .regression }.count == 3 * ReportMetric.columns.count)
        #expect(check.markdown.contains("| mixup | test | samplesF1@0.5 |"))
        #expect(check.markdown.contains("**REGRESSION**") && check.markdown.contains("Result: FAIL"))

        // Better is not a failure; a missing row is.
        let better = records.map { r -> RunRecord in
            var r = r; r.results = r.results.map { var e = $0; e.metrics.samplesF1 += 0.2; return e }; return r
        }
        #expect(try !GoldenComparison(golden: golden, records: better).failed)
        #expect(try GoldenComparison(golden: golden, records: records.filter { $0.spec.name != "mixup" }).failed)
    }

    @Test func goldenToleranceFromAMeasuredRerun() throws {
        let records = HarnessFixtures.suiteRecords()
        // A rerun whose row means differ by +0.004, −0.004, +0.004 on every metric: σ_rerun = 0.004.
        let shifts = ["audio-only": 0.004, "pseudo-labels": -0.004, "mixup": 0.004]
        let rerun = records.map { r -> RunRecord in
            var r = r
            let d = shifts[r.spec.name] ?? 0
            r.results = r.results.map { var e = $0; e.metrics.samplesF1 += d; e.metrics.microF1 += d
                e.metrics.macroAUC = e.metrics.macroAUC.map { $0 + d }; e.metrics.cmAP = e.metrics.cmAP.map { $0 + d }; return e }
            return r
        }
        let golden = try GoldenFile.make(suite: "unit", records: records, rerun: rerun)
        for m in golden.metrics {
            #expect(abs(m.tolerance - GoldenFile.spreadFactor * 0.004) < 1e-9, "\(m.spec) \(m.set) \(m.metric): \(m.tolerance)")
            #expect(m.reason.contains("σ_rerun"))
        }
        // A rerun missing a row is an error, not a silently smaller spread.
        #expect(throws: InputError.self) { try GoldenFile.make(suite: "unit", records: records, rerun: rerun.filter { $0.spec.name != "mixup" }) }
    }

    @Test func goldenFileRoundTrips() throws {
        let golden = try GoldenFile.make(suite: "unit", records: HarnessFixtures.suiteRecords())
        let folder = try HarnessFixtures.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ci.json")
        try AtomicFile.write(try golden.encoded(), to: url)
        #expect(try GoldenFile.read(from: url) == golden)
    }
}
