import Foundation

/// The runs folder: `<root>/<suite>/<spec>/seed-<s>/record.json`, checkpoints beside each record,
/// and work shared between rows (MAE pretraining) under `<root>/<suite>/shared/`.
///
/// Every file in it is written atomically, so a killed job leaves either no record or a whole one.
public struct RunsLayout: Sendable {
    public var root: URL
    public init(root: URL) { self.root = root }

    public func suiteFolder(_ suite: String) -> URL { root.appendingPathComponent(suite, isDirectory: true) }

    /// The folder of one (spec, seed) job.
    public func run(suite: String, spec: String, seed: Int) -> RunFolder {
        RunFolder(url: suiteFolder(suite).appendingPathComponent(spec, isDirectory: true)
            .appendingPathComponent("seed-\(seed)", isDirectory: true))
    }

    /// Shared MAE pretraining for one key (data, front end, MAE settings) and seed; reused by every
    /// row of the suite that asks for the same pretraining.
    public func sharedPretraining(suite: String, key: String, seed: Int) -> RunFolder {
        RunFolder(url: suiteFolder(suite).appendingPathComponent("shared", isDirectory: true)
            .appendingPathComponent("mae-\(key)", isDirectory: true)
            .appendingPathComponent("seed-\(seed)", isDirectory: true))
    }

    /// Every finished record of `suite`, each checked against the suite (`RecordValidation`), sorted
    /// by spec name then seed. A record that does not decode or does not belong is an `InputError`.
    public func validatedRecords(suite: Suite) throws -> [RunRecord] {
        let files = try recordFiles(suite: suite.name)
        for (url, record) in files { try RecordValidation.check(record, at: url, suite: suite) }
        return files.map(\.record).sorted { ($0.spec.name, $0.seed) < ($1.spec.name, $1.seed) }
    }

    /// Every finished record of `suite`, sorted by spec name then seed. A file named record.json
    /// that does not decode is an `InputError`.
    public func records(suite: String) throws -> [RunRecord] {
        try recordFiles(suite: suite).map(\.record).sorted { ($0.spec.name, $0.seed) < ($1.spec.name, $1.seed) }
    }

    /// Every `<suite>/<spec>/seed-<s>/record.json` and its record, in folder order.
    func recordFiles(suite: String) throws -> [(url: URL, record: RunRecord)] {
        let folder = suiteFolder(suite)
        let fm = FileManager.default
        guard let specs = try? fm.contentsOfDirectory(atPath: folder.path) else { return [] }
        var records: [(url: URL, record: RunRecord)] = []
        for spec in specs.sorted() where spec != "shared" && !spec.hasPrefix(".") {
            let specFolder = folder.appendingPathComponent(spec)
            for seedName in ((try? fm.contentsOfDirectory(atPath: specFolder.path)) ?? []).sorted() where seedName.hasPrefix("seed-") {
                let url = specFolder.appendingPathComponent(seedName).appendingPathComponent(RunFolder.recordName)
                if fm.fileExists(atPath: url.path) { records.append((url, try RunRecord.read(from: url))) }
            }
        }
        return records
    }
}

/// One job's folder: its record, its checkpoints and its resume state.
public struct RunFolder: Sendable {
    public static let recordName = "record.json"
    public static let progressName = "progress.json"

    public var url: URL
    public init(url: URL) { self.url = url }

    public var recordURL: URL { url.appendingPathComponent(Self.recordName) }
    public var progressURL: URL { url.appendingPathComponent(Self.progressName) }
    /// The job's lock (`FileLock`): held while the job runs, so one (suite, spec, seed) trains in one process.
    public var lockURL: URL { url.appendingPathComponent("job.lock") }

    /// Where the training loop writes a checkpoint file (e.g. "last.safetensors", "best.safetensors").
    public func checkpointURL(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The finished record here, if one exists and was made from the same recipe and data;
    /// nil otherwise (no record, or a stale one that a new run will replace).
    public func reusableRecord(specHash: String, dataFingerprint: String) throws -> RunRecord? {
        guard FileManager.default.fileExists(atPath: recordURL.path) else { return nil }
        let record = try RunRecord.read(from: recordURL)
        return record.specHash == specHash && record.data.fingerprint == dataFingerprint ? record : nil
    }

    /// Writes the finished record atomically, then publishes the committed checkpoints under their
    /// stable names and removes the resume state (`publishCheckpoints`).
    public func write(_ record: RunRecord) throws {
        try AtomicFile.write(try record.encoded(), to: recordURL)
        try publishCheckpoints()
    }

    /// The name of a checkpoint of `kind` ("last", "best") written after `epoch`: each epoch's
    /// files have their own names, so writing epoch N never overwrites what epoch N−1 committed.
    public static func checkpointName(_ kind: String, epoch: Int) -> String { "\(kind)-epoch-\(epoch).safetensors" }

    /// The stable name a finished run's checkpoint is published under ("best-epoch-3.safetensors"
    /// → "best.safetensors"); nil for a name that is not an epoch checkpoint.
    static func stableName(_ name: String) -> String? {
        guard let r = name.range(of: "-epoch-"), name.hasSuffix(".safetensors"),
              Int(name[r.upperBound...].dropLast(".safetensors".count)) != nil else { return nil }
        return String(name[..<r.lowerBound]) + ".safetensors"
    }

    /// After the record is written: renames the checkpoint files progress.json names to their stable
    /// names (`best.safetensors`, `last.safetensors`), then removes progress.json. Idempotent, so a
    /// job killed half-way through is completed by the next run that finds the record.
    public func publishCheckpoints() throws {
        guard let bytes = try? Data(contentsOf: progressURL),
              let point = try? JSONDecoder().decode(ResumePoint.self, from: bytes) else { return }
        for name in point.files {
            guard let stable = Self.stableName(name), FileManager.default.fileExists(atPath: checkpointURL(name).path) else { continue }
            if rename(checkpointURL(name).path, checkpointURL(stable).path) != 0 {
                throw InputError(file: checkpointURL(name).path, "cannot rename to \(stable): \(String(cString: strerror(errno)))")
            }
        }
        try? FileManager.default.removeItem(at: progressURL)
    }

    /// The commit rule: removes every epoch checkpoint (`<kind>-epoch-<n>.safetensors`) not in
    /// `keeping` and every temporary file an interrupted atomic write left (`.<name>.<pid>.<n>.tmp`).
    /// Call with the files of the last committed progress (or none, when starting afresh) while
    /// holding the job's lock, so no other writer is using them.
    public func discardUncommitted(keeping: [String]) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where !keeping.contains(name) {
            if Self.stableName(name) != nil || AtomicFile.isTemporary(name) { try? fm.removeItem(at: checkpointURL(name)) }
        }
    }

    /// Where an interrupted run of the same recipe and data left off, or nil to start afresh: the
    /// last committed progress, whose files (the epoch's `last` checkpoint among them) all exist.
    public func resumePoint(specHash: String, dataFingerprint: String) -> ResumePoint? {
        guard let bytes = try? Data(contentsOf: progressURL),
              let point = try? JSONDecoder().decode(ResumePoint.self, from: bytes),
              point.specHash == specHash, point.dataFingerprint == dataFingerprint,
              point.files.allSatisfy({ FileManager.default.fileExists(atPath: checkpointURL($0).path) })
        else { return nil }
        return point
    }

    /// Commits an epoch: progress.json, renamed into place last, names the checkpoint files of that
    /// epoch. Call after they are written (atomically), so the state never points at a missing or
    /// partial checkpoint; the rename of progress.json is the epoch's one commit point.
    public func saveProgress(_ point: ResumePoint) throws {
        try AtomicFile.write(try PrettyJSON.encode(point), to: progressURL)
    }
}

/// The training loop's resume hook: what a run had finished when it was interrupted.
///
/// The loop writes its checkpoint files (model, optimizer state, RNG state) into the run folder,
/// then `saveProgress` with their names; on start it asks `resumePoint`, restores the files and
/// continues at `completedEpochs + 1` with the curves so far.
public struct ResumePoint: Codable, Equatable, Sendable {
    public var specHash: String
    public var dataFingerprint: String
    public var completedEpochs: Int
    public var epochs: [EpochRecord]
    /// Best validation samples-F1 so far and the epoch it came from (model selection).
    public var bestEpoch: Int
    public var bestScore: Double
    /// Checkpoint file names in the run folder the loop needs to resume.
    public var files: [String]
    /// Seconds already spent before the interruption (added to the record's wall time).
    public var elapsedSeconds: Double

    public init(specHash: String, dataFingerprint: String, completedEpochs: Int, epochs: [EpochRecord],
                bestEpoch: Int, bestScore: Double, files: [String], elapsedSeconds: Double) {
        self.specHash = specHash; self.dataFingerprint = dataFingerprint; self.completedEpochs = completedEpochs
        self.epochs = epochs; self.bestEpoch = bestEpoch; self.bestScore = bestScore
        self.files = files; self.elapsedSeconds = elapsedSeconds
    }
}
