/// Where and how a run is scored (DESIGN §10, issue 8 §3).
public struct EvaluationSpec: Codable, Hashable, Sendable {
    public var sets: [EvaluationSet]
    public var thresholds: [ThresholdChoice]
    /// The model kept is the epoch with the best validation samples-F1 at threshold 0.5 (the study).
    public var selectOnValidation: Bool
    /// The grid per-class thresholds are tuned on (the study's 0.30…0.79, or 0.05…0.95).
    public var tuningGrid: ThresholdGrid

    public init(sets: [EvaluationSet] = EvaluationSet.allCases,
                thresholds: [ThresholdChoice] = [.fixed(0.5), .tunedOnValidation],
                selectOnValidation: Bool = true, tuningGrid: ThresholdGrid = .wide) {
        self.sets = sets; self.thresholds = thresholds; self.selectOnValidation = selectOnValidation
        self.tuningGrid = tuningGrid
    }

    private enum CodingKeys: String, CodingKey { case sets, thresholds, selectOnValidation, tuningGrid }

    /// Records written before `tuningGrid` existed were tuned on the study's grid.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sets = try c.decode([EvaluationSet].self, forKey: .sets)
        thresholds = try c.decode([ThresholdChoice].self, forKey: .thresholds)
        selectOnValidation = try c.decode(Bool.self, forKey: .selectOnValidation)
        tuningGrid = try c.decodeIfPresent(ThresholdGrid.self, forKey: .tuningGrid) ?? .study
    }
}

/// A held-out set a run is scored on.
public enum EvaluationSet: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Focal windows of the split's validation recordings (also where thresholds are tuned).
    case validation
    /// Focal windows of the split's test recordings.
    case test
    /// Held-out soundscape windows: fixture truth, or for real data the held-out pseudo-labelled
    /// soundscapes as the study did.
    case soundscapes

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: String {
        switch self {
        case .validation: return "validation (focal)"
        case .test: return "test (focal)"
        case .soundscapes: return "held-out soundscapes"
        }
    }
}

/// How predictions are thresholded: one fixed value for every class, or per-class thresholds
/// tuned (F1-optimal per class) on the validation set and applied unchanged to every set.
public enum ThresholdChoice: Codable, Hashable, Sendable, Comparable {
    case fixed(Double)
    case tunedOnValidation

    /// Text used in records and reports: "0.5" or "tuned-on-validation".
    public var key: String {
        switch self {
        case .fixed(let t): return "\(t)"
        case .tunedOnValidation: return "tuned-on-validation"
        }
    }

    public init(key: String) throws {
        if key == "tuned-on-validation" { self = .tunedOnValidation; return }
        guard let t = Double(key) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "threshold: expected a number or \"tuned-on-validation\", got \"\(key)\""))
        }
        self = .fixed(t)
    }

    public init(from decoder: Decoder) throws {
        try self.init(key: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(key)
    }

    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case let (.fixed(x), .fixed(y)): return x < y
        case (.fixed, .tunedOnValidation): return true
        default: return false
        }
    }
}
