/// PLACEHOLDER until the Metrics layer's `MetricSummary` lands on main (same fields as the
/// agreed contract). Then: delete this file and point `RecordedMetrics` at `MetricSummary`.
public struct MetricSummaryPlaceholder: Codable, Hashable, Sendable {
    public var samplesF1: Double
    public var microF1: Double
    public var macroAUC: Double?
    public var classesScored: Int
    public var cmAP: Double?
    public var rows: Int
    public var perClassAUC: [Double?]

    public init(samplesF1: Double, microF1: Double, macroAUC: Double?, classesScored: Int, cmAP: Double?,
                rows: Int, perClassAUC: [Double?]) {
        self.samplesF1 = samplesF1; self.microF1 = microF1; self.macroAUC = macroAUC
        self.classesScored = classesScored; self.cmAP = cmAP; self.rows = rows; self.perClassAUC = perClassAUC
    }
}

/// The metrics type stored in run records.
public typealias RecordedMetrics = MetricSummaryPlaceholder
