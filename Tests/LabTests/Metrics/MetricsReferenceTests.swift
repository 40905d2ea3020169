import Foundation
import Testing
@testable import Lab

/// Agreement with scikit-learn 1.9.1 on the committed random cases
/// (Fixtures/reference/metrics/make_cases.py → cases.json), within 1e-9.
@Suite struct MetricsReferenceTests {
    struct Thresholds: Decodable { var scalar: Double?; var per_class: [Double]? }
    struct Expected: Decodable {
        var samples_f1: Double, micro_f1: Double
        var per_class_auc: [Double?], macro_auc: Double?, classes_scored: Int
        var per_class_ap: [Double?], cmap: Double?, ap_classes: Int, sklearn_macro_ap_all: Double
        var positives: [Int], tuned_thresholds: [Double]
    }
    struct Case: Decodable {
        var rows: Int, classes: Int, float32: Bool
        var targets: [[Double]], scores: [[Double]]
        var thresholds: Thresholds, expected: Expected
        var policy: ThresholdPolicy {
            if let ts = thresholds.per_class { return .perClass(ts) }
            return .scalar(thresholds.scalar ?? 0.5)
        }
    }
    struct Percentile: Decodable { var values: [Double]; var q: Double; var expected: Double }
    struct Reference: Decodable { var cases: [Case]; var percentiles: [Percentile] }

    static let reference: Reference = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/metrics/cases.json")
        do {
            return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load \(url.path): \(error)")
        }
    }()

    static let tolerance = 1e-9

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance
        default: return false
        }
    }

    @Test func fixtureIsBigAndVaried() {
        let cases = Self.reference.cases
        #expect(cases.count >= 150)
        #expect(cases.contains { $0.expected.classes_scored < $0.classes })
        #expect(cases.contains { $0.expected.ap_classes < $0.classes })
        #expect(cases.contains { $0.expected.macro_auc == nil })
        #expect(cases.contains { $0.thresholds.per_class != nil })
        #expect(cases.contains { $0.float32 })
    }

    @Test func summaryMatchesScikitLearn() {
        for (index, c) in Self.reference.cases.enumerated() {
            let targets = ClassColumns(rowValues: c.targets), scores = ClassColumns(rowValues: c.scores)
            let summary = scoreMultiLabel(targets: targets, scores: scores, thresholds: c.policy)
            let e = c.expected
            #expect(Self.close(summary.samplesF1, e.samples_f1), "case \(index): samples F1 \(summary.samplesF1) vs \(e.samples_f1)")
            #expect(Self.close(summary.microF1, e.micro_f1), "case \(index): micro F1 \(summary.microF1) vs \(e.micro_f1)")
            #expect(Self.close(summary.macroAUC, e.macro_auc), "case \(index): macro AUC \(String(describing: summary.macroAUC)) vs \(String(describing: e.macro_auc))")
            #expect(summary.classesScored == e.classes_scored, "case \(index)")
            #expect(Self.close(summary.cmAP, e.cmap), "case \(index): cmAP \(String(describing: summary.cmAP)) vs \(String(describing: e.cmap))")
            #expect(summary.apClassesScored == e.ap_classes, "case \(index)")
            #expect(Self.close(summary.cmAPAllClasses, e.sklearn_macro_ap_all), "case \(index): all-class AP")
            #expect(summary.rows == c.rows)
            #expect(summary.positives == e.positives, "case \(index)")
            #expect(summary.perClassAUC.count == c.classes && summary.perClassAP.count == c.classes)
            for k in 0 ..< c.classes {
                #expect(Self.close(summary.perClassAUC[k], e.per_class_auc[k]), "case \(index) class \(k): AUC")
                #expect(Self.close(summary.perClassAP[k], e.per_class_ap[k]), "case \(index) class \(k): AP")
            }
        }
    }

    @Test func singleMetricFunctionsAgreeWithSummary() {
        for c in Self.reference.cases {
            let targets = ClassColumns(rowValues: c.targets), scores = ClassColumns(rowValues: c.scores)
            #expect(Self.close(samplesF1(targets: targets, scores: scores, thresholds: c.policy), c.expected.samples_f1))
            #expect(Self.close(microF1(targets: targets, scores: scores, thresholds: c.policy), c.expected.micro_f1))
            for k in 0 ..< c.classes {
                #expect(Self.close(rocAUC(targets: targets, scores: scores, class: k), c.expected.per_class_auc[k]))
                #expect(Self.close(averagePrecision(targets: targets, scores: scores, class: k), c.expected.per_class_ap[k]))
            }
        }
    }

    /// Cases whose scores are float32 values go through the single-precision `LabelMatrix` path.
    @Test func labelMatrixPathMatchesOnFloat32Cases() {
        let cases = Self.reference.cases.filter { $0.float32 && $0.targets.joined().allSatisfy { Double(Float($0)) == $0 } }
        #expect(!cases.isEmpty)
        for c in cases {
            let targets = LabelMatrix(c.targets.map { $0.map(Float.init) })
            let scores = LabelMatrix(c.scores.map { $0.map(Float.init) })
            let summary = scoreMultiLabel(targets: targets, scores: scores, thresholds: c.policy)
            #expect(Self.close(summary.samplesF1, c.expected.samples_f1))
            #expect(Self.close(summary.microF1, c.expected.micro_f1))
            #expect(Self.close(summary.macroAUC, c.expected.macro_auc))
            #expect(Self.close(summary.cmAP, c.expected.cmap))
        }
    }

    @Test func tunedThresholdsMatchReference() {
        for (index, c) in Self.reference.cases.enumerated() {
            let tuned = tuneThresholds(targets: ClassColumns(rowValues: c.targets), scores: ClassColumns(rowValues: c.scores),
                                       tunedOn: "case \(index)")
            #expect(tuned.values == c.expected.tuned_thresholds, "case \(index)")
            #expect(tuned.tunedOn == "case \(index)")
        }
    }

    @Test func percentileMatchesNumPy() {
        for p in Self.reference.percentiles {
            #expect(Self.close(percentile(p.values, p.q), p.expected), "q \(p.q) of \(p.values.count) values")
        }
    }
}
