/// What the trainer needs from the data pipeline: seeded training batches per epoch (sampling,
/// augmentation, mixup already applied) and the fixed windows of each evaluation set. Batches
/// are the Data layer's `Batch` (inputs [B, frames, bins], targets [B, C]), built lazily.
public protocol ExperimentData: AnyObject {
    var classes: [String] { get }
    /// Feature rows and bins of one window.
    var frames: Int { get }
    var bins: Int { get }
    /// Sizes for the record (files and windows per split, pseudo-labelled windows, …).
    var counts: [String: Int] { get }
    /// Files skipped as undecodable or invalid (only when the user asked for skipping).
    var skippedFiles: [String] { get }
    /// Number of batches of 1-based `epoch`.
    func trainingBatchCount(epoch: Int, batchSize: Int) -> Int
    /// Batch `index` of `epoch`: a pure function of the data, the seed it was built with, `epoch`
    /// and `index`, so a resumed run sees the same batches as an uninterrupted one.
    func trainingBatch(epoch: Int, index: Int, batchSize: Int) throws -> Batch
    /// Training windows, each item once in item order, never augmented (what a model fixes input
    /// statistics on before training, e.g. the baseline's standardisation).
    var trainingWindowCount: Int { get }
    /// Training windows `range`, never augmented.
    func trainingWindowBatch(range: Range<Int>) throws -> Batch
    /// Batch `index` of MAE pretraining epoch `epoch`: un-augmented windows of the training
    /// recordings and of the training soundscapes (labels unused), `samplesPerEpoch` per epoch,
    /// the same for every row of a suite (it does not depend on the row's data knobs).
    func pretrainingBatch(epoch: Int, index: Int, batchSize: Int, samplesPerEpoch: Int) throws -> Batch
    /// Windows in `set` (0 when the data has none, e.g. no soundscape truth).
    func evaluationCount(_ set: EvaluationSet) -> Int
    /// Windows `range` of `set`, never augmented.
    func evaluationBatch(_ set: EvaluationSet, range: Range<Int>) throws -> Batch
}
