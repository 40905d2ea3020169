import Foundation

/// The one entry point from a (spec, seed) job to its run record: `ablations run`, `golden`,
/// `check` and the golden test all go through `Experiment.run`.
public enum Experiment {
    /// Everything a job needs besides its spec and seed.
    public struct Context: Sendable {
        /// Name of the suite the job belongs to (recorded; decides the shared-work folder).
        public var suite: String
        /// The BirdCLEF-2025-layout data folder.
        public var data: URL
        /// Human description of the data ("fixture default, seed 0", or the folder name).
        public var dataSource: String
        /// `DataFingerprint.compute(data)`, computed once per invocation.
        public var dataFingerprint: String
        public var layout: RunsLayout
        /// Skip undecodable audio (counted in the record) instead of failing.
        public var skipCorrupt: Bool
        /// Threads for BLAS and parallel loops; nil = all cores.
        public var threads: Int?
        /// Root of the feature caches, shared by every run (default `<runs>/cache`).
        public var cache: URL

        public init(suite: String, data: URL, dataSource: String, dataFingerprint: String, layout: RunsLayout,
                    skipCorrupt: Bool = false, threads: Int? = nil, cache: URL? = nil) {
            self.suite = suite; self.data = data; self.dataSource = dataSource; self.dataFingerprint = dataFingerprint
            self.layout = layout; self.skipCorrupt = skipCorrupt; self.threads = threads
            self.cache = cache ?? layout.root.appendingPathComponent("cache", isDirectory: true)
        }
    }

    /// Builds the data and the model of `spec`, then trains `spec` with `seed` (resuming from the
    /// run folder's checkpoints if an earlier attempt was interrupted), evaluates it on the
    /// spec's evaluation sets and threshold choices, and returns the record. The caller writes
    /// the record (`RunFolder.write`).
    public static func run(spec: AblationSpec, seed: Int, context: Context) throws -> RunRecord {
        if spec.ensemble != nil { return try EnsembleRun.run(spec: spec, seed: seed, context: context) }
        Threads.configure(context.threads)
        let started = Date()
        TimeBreakdown.job.reset()
        let (data, (model, random, pretraining)) = try TimeBreakdown.job.measure(.shared) {
            let data = try ExperimentInputs.data(spec: spec, seed: seed, context: context)
            return (data, try ExperimentInputs.model(spec: spec, seed: seed, data: data, context: context))
        }
        let folder = context.layout.run(suite: context.suite, spec: spec.name, seed: seed)
        let trainer = Trainer(spec: spec, seed: seed, data: data, model: model, random: random, folder: folder,
                              dataFingerprint: context.dataFingerprint)
        guard let outcome = try trainer.run() else {
            throw TrainingStoppedEarly(spec: spec.name, seed: seed)
        }
        return record(spec: spec, seed: seed, context: context, data: data, parameters: model.parameterCount,
                      pretraining: pretraining, outcome: outcome, wallSeconds: outcome.resumedSeconds + Date().timeIntervalSince(started))
    }

    /// The record of a finished trainer run.
    public static func record(spec: AblationSpec, seed: Int, context: Context, data: any ExperimentData, parameters: Int,
                              pretraining: PretrainingSummary?, outcome: Trainer.Outcome, wallSeconds: Double) -> RunRecord {
        RunRecord(suite: context.suite, row: 0, spec: spec, seed: seed,
                  data: DataSummary(fingerprint: context.dataFingerprint, source: context.dataSource, classes: data.classes,
                                    counts: data.counts, skippedFiles: data.skippedFiles),
                  codeVersion: CodeVersion.current, parameters: parameters, pretraining: pretraining,
                  epochs: outcome.epochs, selectedEpoch: outcome.selectedEpoch, results: outcome.results,
                  thresholdsTunedOn: outcome.thresholdsTunedOn, wallSeconds: wallSeconds,
                  timing: TimeBreakdown.job.snapshot, machine: .current)
    }
}

/// Where `Experiment.run` gets its data and model: the seams to the Data and Models layers.
public enum ExperimentInputs {
    /// The spec's training batches and evaluation windows on `context.data`.
    public static func data(spec: AblationSpec, seed: Int, context: Experiment.Context) throws -> any ExperimentData {
        let teacher: CorpusData.Teacher? = spec.data.pseudoLabels?.source == .teacher
            ? { try SelfTraining.detections(spec: spec, seed: seed, context: context, soundscapes: $0) } : nil
        return try CorpusData(spec: spec, seed: seed, folder: context.data, cacheRoot: context.cache, skipCorrupt: context.skipCorrupt,
                              teacher: teacher)
    }

    /// The spec's classifier (ViT with its pretraining, or EfficientNet) sized for `data`,
    /// initialised from `seed`, its dropout stream, and the shared MAE pretraining it started from.
    public static func model(spec: AblationSpec, seed: Int, data: any ExperimentData, context: Experiment.Context) throws
        -> (any Classifier, RandomStream, PretrainingSummary?)
    {
        try ModelBuilder.make(spec: spec, seed: seed, data: data, context: context)
    }
}

/// Raised by `Experiment.run` when the trainer returns before its last epoch without an outcome
/// (only `Trainer.run(stopAfterEpoch:)` does that, which `Experiment.run` never asks for). No
/// record is written; the checkpoints stay, so a rerun resumes.
public struct TrainingStoppedEarly: Error, CustomStringConvertible, Sendable {
    public var spec: String
    public var seed: Int
    public init(spec: String, seed: Int) { self.spec = spec; self.seed = seed }
    public var description: String { "\(spec) seed \(seed): the trainer stopped before its last epoch; no record written (rerun to resume)" }
}
