import Foundation

/// Where Slurm submissions live in the runs folder (the cluster's shared file system):
/// `<runs>/slurm/<suite>/submission-<NNN>/` holds `manifest.json`, the three sbatch scripts and
/// `logs/` (each task's output `task-<i>.log` and exit status `task-<i>.exit`, the same for
/// `shared` and `report`).
public struct SlurmLayout: Sendable {
    public var runs: URL
    public init(runs: URL) { self.runs = runs }

    /// The stages of a submission, in dependency order.
    public enum Stage: String, CaseIterable, Sendable { case shared, array, report }

    public func suiteFolder(_ suite: String) -> URL {
        runs.appendingPathComponent("slurm", isDirectory: true).appendingPathComponent(suite, isDirectory: true)
    }

    public func folder(suite: String, submission: Int) -> URL {
        suiteFolder(suite).appendingPathComponent(String(format: "submission-%03d", submission), isDirectory: true)
    }

    public func manifestURL(suite: String, submission: Int) -> URL {
        folder(suite: suite, submission: submission).appendingPathComponent("manifest.json")
    }

    public func scriptURL(suite: String, submission: Int, stage: Stage) -> URL {
        folder(suite: suite, submission: submission).appendingPathComponent("\(stage.rawValue).sbatch")
    }

    public func logsFolder(suite: String, submission: Int) -> URL {
        folder(suite: suite, submission: submission).appendingPathComponent("logs", isDirectory: true)
    }

    /// Log base name of array task `task` ("task-3"), or of the shared / report stage.
    public static func logName(stage: Stage, task: Int? = nil) -> String {
        stage == .array ? "task-\(task ?? 0)" : stage.rawValue
    }

    public func logURL(suite: String, submission: Int, stage: Stage, task: Int? = nil) -> URL {
        logsFolder(suite: suite, submission: submission).appendingPathComponent(Self.logName(stage: stage, task: task) + ".log")
    }

    public func exitURL(suite: String, submission: Int, stage: Stage, task: Int? = nil) -> URL {
        logsFolder(suite: suite, submission: submission).appendingPathComponent(Self.logName(stage: stage, task: task) + ".exit")
    }

    /// Suites with submissions, sorted.
    public func suites() -> [String] {
        let folder = runs.appendingPathComponent("slurm", isDirectory: true)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Numbers of the suite's submissions that have a manifest, ascending.
    public func submissions(suite: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteFolder(suite).path)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("submission-"), let n = Int(name.dropFirst("submission-".count)),
                  FileManager.default.fileExists(atPath: manifestURL(suite: suite, submission: n).path) else { return nil }
            return n
        }.sorted()
    }

    /// The suite's manifests, oldest first.
    public func manifests(suite: String) throws -> [SlurmManifest] {
        try submissions(suite: suite).map { try SlurmManifest.read(from: manifestURL(suite: suite, submission: $0)) }
    }

    /// The exit status a stage's wrapper wrote, or nil when none was written (still running,
    /// never started, or killed before it could write it).
    public func exitStatus(suite: String, submission: Int, stage: Stage, task: Int? = nil) -> Int32? {
        guard let text = try? String(contentsOf: exitURL(suite: suite, submission: submission, stage: stage, task: task), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
