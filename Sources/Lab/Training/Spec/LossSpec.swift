/// The training loss (DESIGN §6). Encoded as a one-key object: `{"studyASL": {…}}`,
/// `{"referenceASL": {…}}` or `{"bce": true}`.
public enum LossSpec: Codable, Hashable, Sendable {
    /// The study's asymmetric loss: negative weight p^γ− on the unclipped p, mean over cells.
    case studyASL(ASLSpec)
    /// Ridnik et al.'s asymmetric loss: negative weight max(p − clip, 0)^γ−, sum or mean.
    case referenceASL(ASLSpec)
    /// Binary cross-entropy with logits, mean over cells.
    case bce

    private enum CodingKeys: String, CodingKey { case studyASL, referenceASL, bce }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch Set(c.allKeys) {
        case [.studyASL]: self = .studyASL(try c.decode(ASLSpec.self, forKey: .studyASL))
        case [.referenceASL]: self = .referenceASL(try c.decode(ASLSpec.self, forKey: .referenceASL))
        case [.bce]: self = .bce
        default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
            debugDescription: "loss: expected exactly one of \"studyASL\", \"referenceASL\", \"bce\""))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .studyASL(let a): try c.encode(a, forKey: .studyASL)
        case .referenceASL(let a): try c.encode(a, forKey: .referenceASL)
        case .bce: try c.encode(true, forKey: .bce)
        }
    }

    /// The study's ASL: γ+ 0, γ− 5, clip 0.05, eps 1e-8, mean.
    public static let study = LossSpec.studyASL(ASLSpec())
}

/// Parameters of an asymmetric loss.
public struct ASLSpec: Codable, Hashable, Sendable {
    public enum Reduction: String, Codable, Hashable, Sendable { case mean, sum }
    public var gammaPositive: Double
    public var gammaNegative: Double
    public var clip: Double
    public var eps: Double
    public var reduction: Reduction

    public init(gammaPositive: Double = 0, gammaNegative: Double = 5, clip: Double = 0.05, eps: Double = 1e-8,
                reduction: Reduction = .mean) {
        self.gammaPositive = gammaPositive; self.gammaNegative = gammaNegative; self.clip = clip
        self.eps = eps; self.reduction = reduction
    }
}
