import Foundation
import Testing
@testable import Lab

/// Prediction ensembles (issue 19): weighted probability averages and ensemble rows.
@Suite("Harness: ensembles")
struct EnsembleTests {
    @Test func weightsAreNormalisedAndCheckedAgainstTheModels() throws {
        #expect(try ProbabilityAverage.normalized(nil, count: 4, file: "t") == [0.25, 0.25, 0.25, 0.25])
        #expect(try ProbabilityAverage.normalized([1, 3], count: 2, file: "t") == [0.25, 0.75])
        #expect(throws: InputError.self) { try ProbabilityAverage.normalized([1, 2, 3], count: 2, file: "t") }
        #expect(throws: InputError.self) { try ProbabilityAverage.normalized([-1, 2], count: 2, file: "t") }
        #expect(throws: InputError.self) { try ProbabilityAverage.normalized([0, 0], count: 2, file: "t") }
        #expect(throws: InputError.self) { try ProbabilityAverage.normalized([.nan, 1], count: 2, file: "t") }
    }

    @Test func meanIsTheWeightedAverageOfEachCell() throws {
        let a: [Float] = [0.1, 0.9, 0.5, 0.0], b: [Float] = [0.5, 0.1, 0.5, 1.0]
        let m = try ProbabilityAverage.mean([a, b], weights: [0.25, 0.75], file: "t")
        for (i, v) in m.enumerated() { #expect(abs(Double(v) - (0.25 * Double(a[i]) + 0.75 * Double(b[i]))) < 1e-7) }
        #expect(throws: InputError.self) { try ProbabilityAverage.mean([a, [0.1]], weights: [0.5, 0.5], file: "t") }
    }

    static func predictions(_ scores: [Float], targets: [Float]) -> Evaluation.Predictions {
        Evaluation.Predictions(logits: [], scores: LabelMatrix(rows: scores.count / 2, classes: 2, values: scores),
                               targets: LabelMatrix(rows: targets.count / 2, classes: 2, values: targets))
    }

    @Test func ensembleAveragesEverySetAndRefusesMembersScoredOnOtherWindows() throws {
        let t: [Float] = [1, 0, 0, 1]
        let a = [EvaluationSet.validation: Self.predictions([0.8, 0.2, 0.4, 0.6], targets: t)]
        let b = [EvaluationSet.validation: Self.predictions([0.6, 0.0, 0.2, 1.0], targets: t)]
        let mean = try EnsembleRun.average([a, b], weights: [0.5, 0.5], members: ["a", "b"])
        let v = try #require(mean[.validation])
        #expect(v.targets.values == t)
        for (x, y) in zip(v.scores.values, [Float](arrayLiteral: 0.7, 0.1, 0.3, 0.8)) { #expect(abs(x - y) < 1e-6) }
        let other = [EvaluationSet.validation: Self.predictions([0.6, 0.0, 0.2, 1.0], targets: [0, 1, 0, 1])]
        #expect(throws: InputError.self) { try EnsembleRun.average([a, other], weights: [0.5, 0.5], members: ["a", "b"]) }
    }

    @Test func scoringAveragedPredictionsTunesOnTheAveragedValidation() throws {
        // Perfectly separable averaged scores give samples-F1 1 with tuned thresholds.
        var spec = try #require(Suite.ci.spec(named: "mixup"))
        spec.evaluation.sets = [.validation]
        spec.evaluation.thresholds = [.tunedOnValidation]
        let p = Self.predictions([0.7, 0.1, 0.2, 0.8], targets: [1, 0, 0, 1])
        let (results, tunedOn) = try Evaluation.score([.validation: p], spec: spec)
        #expect(tunedOn == "validation")
        #expect(results.count == 1 && results[0].metrics.samplesF1 == 1)
    }

    @Test func ensembleJobsRunTheirMembersOfTheSameSeedFirst() throws {
        let jobs = try SuiteRunner.jobs(of: .extendedCI, spec: "ensemble", seed: 1)
        #expect(jobs.count == 1)
        #expect(jobs[0].members.map(\.spec.name) == ["mixup", "efficientnet"])
        #expect(jobs[0].members.allSatisfy { $0.seed == 1 && $0.members.isEmpty })
        #expect(jobs[0].members.map(\.row) == [3, 5])
        var bad = Suite.extendedCI
        bad.rows[bad.rows.count - 1].spec.ensemble = EnsembleSpec(members: ["mixup", "nope"])
        #expect(throws: InputError.self) { try SuiteRunner.jobs(of: bad, spec: "ensemble") }
        // The ensemble row differs from its parent in its ensemble only, and keeps the other rows' recipes.
        let ensemble = try #require(Suite.extendedCI.spec(named: "ensemble")), mixup = try #require(Suite.ci.spec(named: "mixup"))
        #expect(ensemble.diff(against: mixup).allSatisfy { Knob.ensemble.covers($0) })
        #expect(Suite.extendedCI.specs.prefix(Suite.ci.specs.count).map(\.recipeHash) == Suite.ci.specs.map(\.recipeHash))
    }
}
