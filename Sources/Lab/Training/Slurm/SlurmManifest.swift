import Foundation

/// One Slurm submission of a suite: the (spec, seed) jobs still to do, one array task each (task
/// `i` runs `jobs[i]`), with everything the sbatch scripts and `ablations slurm status` need.
/// Written atomically as `manifest.json` in the submission's folder (`SlurmLayout`).
public struct SlurmManifest: Codable, Equatable, Sendable {
    /// One array task: `ablations run --suite <suite> --spec <spec> --seed <seed>`.
    public struct Job: Codable, Hashable, Sendable {
        public var spec: String
        public var seed: Int
        public init(spec: String, seed: Int) { self.spec = spec; self.seed = seed }
    }

    /// What each task asks Slurm for; nil fields are left to the cluster's defaults.
    public struct Resources: Codable, Equatable, Sendable {
        public var partition: String?
        public var cpusPerTask: Int
        public var mem: String?
        public var time: String?
        public init(partition: String? = nil, cpusPerTask: Int = 1, mem: String? = nil, time: String? = nil) {
            self.partition = partition; self.cpusPerTask = cpusPerTask; self.mem = mem; self.time = time
        }
    }

    /// Slurm job ids of the three stages, filled in as they are submitted.
    public struct JobIDs: Codable, Equatable, Sendable {
        public var shared: String?
        public var array: String?
        public var report: String?
        public init(shared: String? = nil, array: String? = nil, report: String? = nil) {
            self.shared = shared; self.array = array; self.report = report
        }
    }

    public var suite: String
    /// 1-based number of this submission of the suite into the runs folder.
    public var submission: Int
    /// The `ablations` executable the tasks call (absolute).
    public var executable: String
    /// Working directory of every job (absolute; where `ablations slurm submit` ran).
    public var workingDirectory: String
    /// `--data` as an absolute path, or nil for the suite's fixture under `<runs>/fixtures/`.
    public var data: String?
    /// `DataFingerprint` of the data at submission (a finished record must match it).
    public var dataFingerprint: String?
    /// Absolute runs folder (the shared file system).
    public var runs: String
    /// Absolute report folder of the final `ablations report` job.
    public var reports: String
    public var resources: Resources
    public var jobs: [Job]
    public var jobIDs: JobIDs

    public init(suite: String, submission: Int, executable: String, workingDirectory: String, data: String?,
                dataFingerprint: String?, runs: String, reports: String, resources: Resources, jobs: [Job],
                jobIDs: JobIDs = JobIDs()) {
        self.suite = suite; self.submission = submission; self.executable = executable
        self.workingDirectory = workingDirectory; self.data = data; self.dataFingerprint = dataFingerprint
        self.runs = runs; self.reports = reports; self.resources = resources; self.jobs = jobs; self.jobIDs = jobIDs
    }

    /// The jobs of `candidates` (in order) that still need a run: no finished record and not
    /// already pending or running in an earlier submission.
    public static func jobsToDo(_ candidates: [Job], isFinished: (Job) throws -> Bool, isQueued: (Job) -> Bool) rethrows -> [Job] {
        try candidates.filter { try !isFinished($0) && !isQueued($0) }
    }

    /// Pretty, sorted-keys JSON.
    public func encoded() throws -> Data { try PrettyJSON.encode(self) }

    /// Reads a manifest; a file that does not decode is an `InputError` naming it.
    public static func read(from url: URL) throws -> SlurmManifest {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw InputError(file: url.path, "cannot read the Slurm manifest: \(error.localizedDescription)") }
        do { return try JSONDecoder().decode(SlurmManifest.self, from: data) } catch {
            throw InputError(file: url.path, "not a Slurm manifest of this version: \(error)")
        }
    }
}
