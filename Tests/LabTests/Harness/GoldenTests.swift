import Foundation
import Testing
@testable import Lab

/// The golden-metric guard: trains the `ci` suite afresh with this build and compares its metrics
/// with Fixtures/golden/ci.json (written by `ablations golden` from a real run). Training is only
/// run in optimised builds (`swift test -c release -Xswiftc -enable-testing`, the test command);
/// a debug build would take far longer than the suite's 5-minute budget.
@Suite("Harness: golden metrics")
struct GoldenTests {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }  // Harness, LabTests, Tests, repository
        return url
    }

    #if DEBUG
    static let optimised = false
    #else
    static let optimised = true
    #endif
    static var goldenFile: URL { repository.appendingPathComponent("Fixtures/golden/ci.json") }

    /// Runs in release builds once `ablations golden` has written the golden file from a real run.
    @Test(.enabled(if: optimised, "trains the ci suite: release builds only"),
          .enabled(if: FileManager.default.fileExists(atPath: goldenFile.path), "no golden file yet: run `ablations golden`"))
    func ciSuiteMatchesTheGoldenMetrics() throws {
        let golden = try GoldenFile.read(from: Self.goldenFile)
        let suite = try Suite.named(golden.suite)
        // Everything is made afresh by this build in a new folder: the fixture (so a fixture left
        // on the machine by an older build cannot stand in for this one's), the feature cache
        // and every job.
        let runs = try HarnessFixtures.temporaryFolder("golden-runs")
        defer { try? FileManager.default.removeItem(at: runs) }
        let context = try SuiteRunner.context(for: suite, data: nil, runs: runs)
        #expect(context.dataFingerprint == golden.dataFingerprint, "the fixture generator changed: regenerate the golden file")
        let records = try SuiteRunner.run(try SuiteRunner.jobs(of: suite), context: context)
        let comparison = try GoldenComparison(golden: golden, records: records)
        #expect(!comparison.failed, "metrics regressed against Fixtures/golden/ci.json:\n\(comparison.markdown)")
    }
}
