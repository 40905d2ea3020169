/// A training or evaluation batch (CONTRACTS.md).
public struct Batch: Sendable {
    /// [B, frames, bins], row-major.
    public var inputs: [Float]
    /// [B, C], row-major.
    public var targets: [Float]
    /// B.
    public var count: Int
    public var frames: Int
    public var bins: Int
    public var classes: Int
}
