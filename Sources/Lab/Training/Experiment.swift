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

        public init(suite: String, data: URL, dataSource: String, dataFingerprint: String, layout: RunsLayout,
                    skipCorrupt: Bool = false, threads: Int? = nil) {
            self.suite = suite; self.data = data; self.dataSource = dataSource; self.dataFingerprint = dataFingerprint
            self.layout = layout; self.skipCorrupt = skipCorrupt; self.threads = threads
        }
    }

    /// Trains `spec` with `seed` (resuming from the run folder's checkpoints if an earlier attempt
    /// was interrupted), evaluates it on the spec's evaluation sets and threshold choices, and
    /// returns the record. Does not write the record; the caller does (`RunFolder.write`).
    public static func run(spec: AblationSpec, seed: Int, context: Context) throws -> RunRecord {
        throw TrainingNotImplemented(missing: "the training loop (Sources/Lab/Training/Trainer.swift) is not implemented yet: "
            + "it needs the tensor engine, models, data pipeline and metrics, which are not on main in this build")
    }
}

/// Raised by `Experiment.run` while training cannot run in this build. No record is written.
public struct TrainingNotImplemented: Error, CustomStringConvertible, Sendable {
    public var missing: String
    public init(missing: String) { self.missing = missing }
    public var description: String { "training not implemented yet — \(missing)" }
}
