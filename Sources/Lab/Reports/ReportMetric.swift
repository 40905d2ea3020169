/// A metric column of the report and of the golden file: a metric, and for the F1s the
/// threshold choice it was scored under.
public struct ReportMetric: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case samplesF1, microF1, macroAUC, cmAP }
    public var kind: Kind
    /// Threshold choice for F1s; nil for threshold-free metrics (AUC, cmAP).
    public var thresholds: ThresholdChoice?

    public init(_ kind: Kind, _ thresholds: ThresholdChoice? = nil) { self.kind = kind; self.thresholds = thresholds }

    /// The report's columns: samples F1 and micro F1 at 0.5 and at tuned thresholds, macro AUC, cmAP.
    public static let columns: [ReportMetric] = [
        ReportMetric(.samplesF1, .fixed(0.5)), ReportMetric(.samplesF1, .tunedOnValidation),
        ReportMetric(.microF1, .fixed(0.5)), ReportMetric(.microF1, .tunedOnValidation),
        ReportMetric(.macroAUC), ReportMetric(.cmAP),
    ]

    /// Column title: "samples F1 @0.5", "micro F1 @tuned", "macro AUC".
    public var title: String {
        let name: String
        switch kind {
        case .samplesF1: name = "samples F1"
        case .microF1: name = "micro F1"
        case .macroAUC: name = "macro AUC"
        case .cmAP: name = "cmAP"
        }
        switch thresholds {
        case nil: return name
        case .tunedOnValidation?: return name + " @tuned"
        case .fixed(let t)?: return name + " @" + JSONValue.numberText(t)
        }
    }

    /// Stable identifier for files: "samplesF1@0.5", "microF1@tuned-on-validation", "macroAUC".
    public var key: String { thresholds.map { kind.rawValue + "@" + $0.key } ?? kind.rawValue }

    /// This metric of `record` on `set`; nil if not scored (or undefined, e.g. AUC with no
    /// scorable class). Threshold-free metrics are read from any threshold choice's result.
    public func value(in record: RunRecord, on set: EvaluationSet) -> Double? {
        let result: MetricSummary?
        if let thresholds {
            result = record.metrics(on: set, thresholds: thresholds)
        } else {
            result = record.results.first { $0.set == set }?.metrics
        }
        guard let m = result else { return nil }
        switch kind {
        case .samplesF1: return m.samplesF1
        case .microF1: return m.microF1
        case .macroAUC: return m.macroAUC
        case .cmAP: return m.cmAP
        }
    }
}
