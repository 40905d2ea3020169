import Foundation
import Testing
@testable import Lab

/// DESIGN §10's toy vectors and hand-checkable edge cases.
@Suite struct MetricsToyTests {
    static let targets = LabelMatrix([[1, 0, 0], [0, 1, 0], [0, 0, 0], [1, 1, 0]])
    static let scores = LabelMatrix([[0.9, 0.1, 0.2], [0.3, 0.4, 0.1], [0.2, 0.3, 0.05], [0.8, 0.7, 0.6]])

    @Test func designToyVectors() {
        let summary = scoreMultiLabel(targets: Self.targets, scores: Self.scores, thresholds: .scalar(0.5))
        #expect(abs(summary.samplesF1 - 0.45) < 1e-12)
        #expect(abs(summary.microF1 - 0.75) < 1e-12)
        #expect(summary.macroAUC == 1.0)
        #expect(summary.classesScored == 2)
        #expect(summary.perClassAUC[2] == nil)
        #expect(summary.perClassAP[2] == nil)
        #expect(summary.apClassesScored == 2)
        #expect(summary.cmAP == 1.0)
        #expect(summary.rows == 4)
        #expect(summary.positives == [2, 2, 0])
    }

    @Test func designToyPredictionsGiveTheSameF1() {
        // DESIGN §10's P is S thresholded at 0.5.
        let predictions = LabelMatrix([[1, 0, 0], [0, 0, 0], [0, 0, 0], [1, 1, 1]])
        #expect(abs(samplesF1(targets: Self.targets, scores: predictions, thresholds: .scalar(0.5)) - 0.45) < 1e-12)
        #expect(abs(microF1(targets: Self.targets, scores: predictions, thresholds: .scalar(0.5)) - 0.75) < 1e-12)
    }

    @Test func tiesCountHalf() {
        // one positive and one negative with the same score → AUC 1/2; AP = 1/2 (precision at the tie).
        let ranking = ClassRanking(targets: [1, 0], scores: [0.3, 0.3])
        #expect(rocAUC(ranking) == 0.5)
        #expect(averagePrecision(ranking) == 0.5)
        // positives 0.2, 0.5, 0.5; negatives 0.1, 0.5, 0.7 → distinct positive scores with counts
        let r = ClassRanking(targets: [1, 0, 1, 0, 1, 0], scores: [0.2, 0.1, 0.5, 0.5, 0.5, 0.7])
        #expect(r.positiveScores == [0.2, 0.5] && r.positiveCounts == [1, 2])
        #expect(r.negativesBelow == [1, 1] && r.negativesEqual == [0, 1])
        #expect(r.positives == 3 && r.negatives == 3)
        // U = 0.2: 1 below; 0.5 (×2): 1 below + ½ tie each → (1 + 2·1.5) / 9
        #expect(rocAUC(r) == 4.0 / 9.0)
    }

    @Test func perClassThresholdsChangeF1() {
        // With class 2's threshold raised to 0.65 the last row predicts exactly its two labels.
        let summary = scoreMultiLabel(targets: Self.targets, scores: Self.scores, thresholds: .perClass([0.5, 0.35, 0.65]))
        // rows: {0}/{0} → 1, {1}/{1} → 1, {}/{} → 0, {0,1}/{0,1} → 1
        #expect(abs(summary.samplesF1 - 0.75) < 1e-12)
        #expect(abs(summary.microF1 - 1.0) < 1e-12)
    }

    @Test func noRowsAndNoPositives() {
        let empty = ClassColumns(rows: 0, classes: 2, values: [])
        let summary = scoreMultiLabel(targets: empty, scores: empty, thresholds: .scalar(0.5))
        #expect(summary.samplesF1 == 0 && summary.microF1 == 0)
        #expect(summary.macroAUC == nil && summary.cmAP == nil && summary.classesScored == 0)
    }

    @Test func nanScoreRanksLowest() {
        let ranking = ClassRanking(targets: [1, 0], scores: [Double.nan, 0.1])
        #expect(rocAUC(ranking) == 0)
    }

    @Test func thresholdTieBreakPrefersNearestHalf() {
        // No positive: F1 is 0 at every grid point → 0.5. Perfectly separated at 0.2 / 0.9:
        // every grid threshold gives F1 1 → 0.5.
        let targets = ClassColumns(rowValues: [[0, 1], [0, 0]])
        let scores = ClassColumns(rowValues: [[0.9, 0.9], [0.1, 0.2]])
        let tuned = tuneThresholds(targets: targets, scores: scores, tunedOn: "toy")
        #expect(tuned.values == [0.5, 0.5])
        #expect(tuned.tunedOn == "toy")
        // Positive at 0.42, negative at 0.40: best thresholds are 0.41 and 0.42 → 0.42 (nearer 0.5).
        let tuned2 = tuneThresholds(targets: ClassColumns(rowValues: [[1], [0]]), scores: ClassColumns(rowValues: [[0.42], [0.40]]), tunedOn: "x")
        #expect(tuned2.values == [0.42])
        #expect(thresholdGrid.count == 50 && thresholdGrid.first == 0.3 && thresholdGrid.last == 0.79)
    }
}

@Suite struct MetricsBenchDataTests {
    @Test func benchDataIsDeterministicAndEveryClassIsScored() {
        let a = MetricsBench.randomCase(rows: 500, classes: 20, seed: 9)
        let b = MetricsBench.randomCase(rows: 500, classes: 20, seed: 9)
        #expect(a.targets == b.targets && a.scores == b.scores)
        let summary = scoreMultiLabel(targets: a.targets, scores: a.scores, thresholds: .scalar(0.5))
        #expect(summary.classesScored == 20 && summary.apClassesScored == 20)
        // Scores are float32 values, as a model would produce.
        #expect(a.scores.values.allSatisfy { Double(Float($0)) == $0 })
        let bytes = MetricsBench.rowMajorBytes(a.scores)
        #expect(bytes.count == 500 * 20 * 8)
    }
}
