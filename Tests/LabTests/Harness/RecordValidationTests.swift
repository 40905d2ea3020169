import Foundation
import Testing
@testable import Lab

/// `report` validates every record against its suite (issue 17): each inconsistency is an
/// `InputError` naming the record file and the field.
@Suite("Harness: record validation")
struct RecordValidationTests {
    /// A consistent record of the ci suite's spec `index`, seed `seed`.
    static func record(_ index: Int = 0, seed: Int = 0) -> RunRecord {
        let spec = Suite.ci.specs[index]
        var r = HarnessFixtures.record(suite: "ci", row: index + 1, spec: spec, seed: seed, base: 0.6)
        r.results = r.results.filter { spec.evaluation.sets.contains($0.set) && spec.evaluation.thresholds.contains($0.thresholds) }
        return r
    }

    func url(_ spec: String, seed: Int) -> URL {
        URL(fileURLWithPath: "/runs/ci/\(spec)/seed-\(seed)/record.json")
    }

    func field(_ r: RunRecord, spec: String? = nil, seed: Int? = nil) -> String? {
        do {
            try RecordValidation.check(r, at: url(spec ?? r.spec.name, seed: seed ?? r.seed), suite: .ci)
            return nil
        } catch let error as InputError {
            #expect(error.file == url(spec ?? r.spec.name, seed: seed ?? r.seed).path)
            return error.column ?? "?"
        } catch { return "unexpected \(error)" }
    }

    @Test func aConsistentRecordPasses() {
        #expect(!Self.record().results.isEmpty)
        #expect(field(Self.record()) == nil)
        #expect(field(Self.record(2, seed: 1)) == nil)
    }

    @Test func eachInconsistencyNamesItsField() {
        var other = Self.record(); other.suite = "default"
        #expect(field(other) == "suite")
        var unknown = Self.record(); unknown.spec.name = "no-such-spec"; unknown.specHash = unknown.spec.recipeHash
        #expect(field(unknown) == "spec.name")
        #expect(field(Self.record(1), spec: Suite.ci.specs[0].name) == "spec.name", "a record in another spec's folder")
        var edited = Self.record(); edited.spec.training.epochs += 1
        #expect(field(edited) == "specHash", "a spec edited without its hash")
        #expect(field(Self.record(seed: 0), seed: 1) == "seed", "a seed-0 record in the seed-1 folder")
        var empty = Self.record(); empty.results = []
        #expect(field(empty) == "results")
        var noAUC = Self.record(); noAUC.results[0].metrics.macroAUC = nil
        #expect(field(noAUC) == "results[0].metrics.macroAUC")
        var half = Self.record(); half.results.removeLast()
        #expect(field(half) == "results")
    }
}
