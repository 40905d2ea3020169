import Foundation

/// Runs the jobs of a suite, one (spec, seed) at a time: a job whose folder holds a finished record
/// of the same recipe and data is reused, any other job calls `Experiment.run` (which resumes from
/// the folder's checkpoints after an interruption) and writes its record atomically.
public enum SuiteRunner {
    /// One (spec, seed) job.
    public struct Job: Sendable {
        public var row: Int
        public var spec: AblationSpec
        public var seed: Int
        /// For an ensemble row (`AblationSpec.ensemble`): its members' jobs of the same seed, run
        /// (or reused) before it.
        public var members: [Job] = []

        /// "[i/n] suite/spec seed s": the job's name in progress lines (`index` counts from 0).
        public func tag(_ index: Int, of count: Int, suite: String) -> String {
            "[\(index + 1)/\(count)] \(suite)/\(spec.name) seed \(seed)"
        }

        /// True when a member's record was written after `folder`'s record (the member was rerun,
        /// so an ensemble's record made from its old checkpoint is stale).
        public func membersNewer(than folder: RunFolder, context: Experiment.Context) -> Bool {
            let date = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date }
            guard let own = date(folder.recordURL) else { return false }
            return members.contains { (date($0.folder(in: context).recordURL) ?? .distantPast) > own }
        }

        /// The job's run folder in `context`'s runs folder.
        public func folder(in context: Experiment.Context) -> RunFolder {
            context.layout.run(suite: context.suite, spec: spec.name, seed: seed)
        }
    }

    /// The jobs of `suite`, optionally one spec and/or one seed. Unknown names are `InputError`s.
    public static func jobs(of suite: Suite, spec: String? = nil, seed: Int? = nil) throws -> [Job] {
        if let spec, suite.spec(named: spec) == nil {
            throw InputError(file: "--spec", "suite '\(suite.name)' has no spec '\(spec)'; its specs are: \(suite.specs.map(\.name).joined(separator: ", "))")
        }
        var jobs: [Job] = []
        for (i, s) in suite.specs.enumerated() where spec == nil || s.name == spec {
            if let seed, !s.seeds.contains(seed) {
                // Any seed may be run alone (a scheduler may add seeds); it is recorded like the others.
                jobs.append(try job(row: i + 1, spec: s, seed: seed, suite: suite))
                continue
            }
            for sd in s.seeds where seed == nil || sd == seed { jobs.append(try job(row: i + 1, spec: s, seed: sd, suite: suite)) }
        }
        return jobs
    }

    /// The job of row `row` (`spec`) with `seed`, with its ensemble members' jobs resolved in `suite`.
    static func job(row: Int, spec: AblationSpec, seed: Int, suite: Suite) throws -> Job {
        var job = Job(row: row, spec: spec, seed: seed)
        for name in spec.ensemble?.members ?? [] {
            guard let i = suite.specs.firstIndex(where: { $0.name == name }), suite.specs[i].ensemble == nil else {
                throw InputError(file: "suite \(suite.name)", column: "\(spec.name).ensemble.members",
                                 "'\(name)' is not a trained row of the suite; its rows are: \(suite.specs.map(\.name).joined(separator: ", "))")
            }
            job.members.append(Job(row: i + 1, spec: suite.specs[i], seed: seed))
        }
        return job
    }

    /// Where the suite's data is: `data` when given (it must exist), else its fixture folder under
    /// `fixtures`, generated on first use (`FixtureGenerator`; a completion stamp written last makes
    /// an interrupted generation start over). The stamp names a hash of the preset, so a folder made
    /// from an older version of the preset is generated anew rather than silently used.
    /// Returns the folder and its description for the record.
    public static func dataFolder(for suite: Suite, data: URL?, fixtures: URL) throws -> (url: URL, source: String) {
        if let data {
            guard FileManager.default.fileExists(atPath: data.path) else { throw InputError(file: data.path, "data folder not found") }
            return (data, data.standardizedFileURL.lastPathComponent)
        }
        switch suite.data {
        case .userFolder:
            throw InputError(file: "--data", "suite '\(suite.name)' runs on real data: pass --data DIR (a BirdCLEF-2025-layout folder)")
        case .fixture(let name, let seed):
            let folder = fixtures.appendingPathComponent("\(name)-seed-\(seed)", isDirectory: true)
            let stamp = folder.appendingPathComponent(".harness-fixture-complete")
            guard let preset = FixturePreset.named(name) else { throw InputError(file: "suite \(suite.name)", "unknown fixture preset '\(name)'") }
            let expected = "\(name) \(seed) preset \(StableHash.hex(of: preset))\n"
            let found = try? String(contentsOf: stamp, encoding: .utf8)
            if found != expected {
                if found != nil {
                    FileHandleLog.line("fixture \(folder.path) was made from another version of preset '\(name)': generating it anew")
                    try FileManager.default.removeItem(at: folder)
                }
                FileHandleLog.line("generating fixture \(name) (seed \(seed)) → \(folder.path)")
                try FixtureGenerator.generate(preset: preset, seed: UInt64(seed), to: folder)
                try AtomicFile.write(expected, to: stamp)
            }
            return (folder, "fixture \(name), seed \(seed)")
        }
    }

    /// The context for `suite`'s jobs: its data folder (generated if it is the fixture) and fingerprint.
    public static func context(for suite: Suite, data: URL?, runs: URL, fixtures: URL? = nil, skipCorrupt: Bool = false,
                               threads: Int? = nil) throws -> Experiment.Context {
        let (folder, source) = try dataFolder(for: suite, data: data, fixtures: fixtures ?? runs.appendingPathComponent("fixtures", isDirectory: true))
        return Experiment.Context(suite: suite.name, data: folder, dataSource: source, dataFingerprint: try DataFingerprint.compute(folder),
                                  layout: RunsLayout(root: runs), skipCorrupt: skipCorrupt, threads: threads)
    }

    /// Runs (or reuses) `jobs`, printing one plain line per job to standard error. Returns every
    /// job's record in job order. A job that fails stops the run with its error; finished records
    /// stay, so rerunning continues where it stopped.
    public static func run(_ jobs: [Job], context: Experiment.Context) throws -> [RunRecord] {
        var records: [RunRecord] = []
        for (i, job) in jobs.enumerated() {
            let tag = job.tag(i, of: jobs.count, suite: context.suite)
            records.append(try runLocked(job, tag: tag, context: context))
        }
        return records
    }

    /// Runs or reuses one job holding its lock (`RunFolder.lockURL`): a second process given the
    /// same (suite, spec, seed) waits, saying which process holds it, then reuses the record the
    /// first one wrote. It never trains the same job concurrently.
    /// An ensemble job first runs or reuses its members (each under its own lock, so a member
    /// running in another process — a parallel child, a Slurm task — is waited for, not redone).
    static func runLocked(_ job: Job, tag: String, context: Experiment.Context) throws -> RunRecord {
        for member in job.members {
            _ = try runLocked(member, tag: "\(tag) member \(member.spec.name)", context: context)
        }
        let folder = job.folder(in: context)
        return try FileLock.exclusive(folder.lockURL, whenBusy: { pid in
            FileHandleLog.line("\(tag): another process (pid \(pid)) is running this job; waiting for it (\(folder.lockURL.path))")
        }) {
            if let record = try folder.reusableRecord(specHash: job.spec.recipeHash, dataFingerprint: context.dataFingerprint),
               !job.membersNewer(than: folder, context: context) {
                FileHandleLog.line("\(tag): reused \(folder.recordURL.path)")
                try folder.publishCheckpoints()  // finishes a job killed between its record and its checkpoints' names
                return record
            }
            FileHandleLog.line("\(tag): running")
            var record = try Experiment.run(spec: job.spec, seed: job.seed, context: context)
            record.row = job.row
            try folder.write(record)
            FileHandleLog.line("\(tag): done in \(String(format: "%.0f", record.wallSeconds)) s → \(folder.recordURL.path)")
            return record
        }
    }

    /// Does the work `jobs` share without training them, so that jobs run in parallel afterwards
    /// (e.g. a Slurm array) only read it: the data (`context`, fixture generated on first use), the
    /// feature caches of every job's data and the MAE pretraining of every job that starts from
    /// one (each pretraining once: a second job with the same key finds it done).
    public static func prepareShared(_ jobs: [Job], context: Experiment.Context) throws {
        Threads.configure(context.threads)
        for (i, job) in jobs.enumerated() {
            FileHandleLog.line("\(job.tag(i, of: jobs.count, suite: context.suite)): shared work")
            let data = try ExperimentInputs.data(spec: job.spec, seed: job.seed, context: context)
            guard case .vit(let v) = job.spec.model, case .mae(let mae) = v.pretraining else { continue }
            let vit = ModelBuilder.vitConfig(v, frames: data.frames, bins: data.bins, classes: data.classes.count)
            _ = try MAEPretraining.encoder(spec: job.spec, vit: vit, mae: mae, seed: job.seed, data: data, context: context)
        }
    }
}
