/// A batch of feature windows with their targets: inputs [count, frames, bins] row-major,
/// targets [count, classes] (0/1 or soft).
public struct WindowBatch: Sendable {
    public var inputs: [Float]
    public var targets: [Float]
    public var count: Int
    public init(inputs: [Float], targets: [Float], count: Int) { self.inputs = inputs; self.targets = targets; self.count = count }
}

/// What the trainer needs from the data pipeline: seeded training batches per epoch (sampling,
/// augmentation, mixup already applied) and the fixed windows of each evaluation set.
public protocol ExperimentData: AnyObject {
    var classes: [String] { get }
    /// Feature rows and bins of one window.
    var frames: Int { get }
    var bins: Int { get }
    /// Sizes for the record (files and windows per split, pseudo-labelled windows, …).
    var counts: [String: Int] { get }
    /// Files skipped as undecodable (only when the user asked for skipping).
    var skippedFiles: [String] { get }
    /// The batches of 1-based `epoch`; a pure function of the data, the seed it was built with
    /// and `epoch`, so a resumed run sees the same batches as an uninterrupted one.
    func trainingBatches(epoch: Int, batchSize: Int) throws -> [WindowBatch]
    /// Windows in `set` (0 when the data has none, e.g. no soundscape truth).
    func evaluationCount(_ set: EvaluationSet) -> Int
    /// Windows `range` of `set`, never augmented.
    func evaluationBatch(_ set: EvaluationSet, range: Range<Int>) throws -> WindowBatch
}
