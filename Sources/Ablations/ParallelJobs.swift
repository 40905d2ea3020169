import Foundation
import Lab

/// Runs a suite's jobs as child processes of this executable, `options.jobs` at a time — each child is
/// exactly `ablations run --suite S --spec X --seed N` (or `--suite-file F`) with its share of the threads, the same
/// command a scheduler fans out — so small models use both cores without sharing a process.
/// Children take turns at shared work through file locks (feature cache, MAE pretraining); an
/// ensemble row's child waits on (or runs) its members' jobs through their job locks.
/// Each child's output goes to `<run folder>/job.log`; a failed job names its log, the others
/// go on, and the run ends with an error listing the failures (rerunning redoes only those).
struct ParallelJobs {
    var context: Experiment.Context
    var options: HarnessOptions
    /// Selects the suite in a child: `--suite NAME` or `--suite-file FILE`.
    var suiteArguments: [String]

    var suite: String { context.suite }
    var width: Int { options.jobs }

    /// Runs `jobs`, reusing finished records, and returns every job's record in job order.
    func run(_ jobs: [SuiteRunner.Job]) throws -> [RunRecord] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = max(1, (options.threads ?? cores) / width)
        var pending: [(Int, SuiteRunner.Job)] = []
        for (i, job) in jobs.enumerated() {
            let folder = job.folder(in: context)
            if try folder.reusableRecord(specHash: job.spec.recipeHash, dataFingerprint: context.dataFingerprint) != nil,
               !job.membersNewer(than: folder, context: context) {
                FileHandleLog.line("\(job.tag(i, of: jobs.count, suite: suite)): reused \(folder.recordURL.path)")
            } else {
                pending.append((i, job))
            }
        }
        FileHandleLog.line("\(pending.count) of \(jobs.count) jobs to run, \(width) at a time with \(threads) thread\(threads == 1 ? "" : "s") each")
        var running: [(Process, Int, SuiteRunner.Job, Date)] = []
        var failures: [String] = []
        while !pending.isEmpty || !running.isEmpty {
            while running.count < width, !pending.isEmpty {
                let (i, job) = pending.removeFirst()
                running.append((try launch(job, threads: threads), i, job, Date()))
            }
            Thread.sleep(forTimeInterval: 0.2)
            running.removeAll { process, i, job, started in
                guard !process.isRunning else { return false }
                let folder = job.folder(in: context)
                let tag = job.tag(i, of: jobs.count, suite: suite)
                if process.terminationStatus == 0 {
                    FileHandleLog.line("\(tag): done in \(String(format: "%.0f", Date().timeIntervalSince(started))) s")
                } else {
                    failures.append("\(tag): exit status \(process.terminationStatus), log \(logURL(folder).path)")
                    FileHandleLog.line("\(tag): FAILED (exit status \(process.terminationStatus)), see \(logURL(folder).path)")
                }
                return true
            }
        }
        guard failures.isEmpty else {
            throw InputError(file: context.layout.suiteFolder(suite).path,
                             "\(failures.count) job\(failures.count == 1 ? "" : "s") failed:\n  " + failures.joined(separator: "\n  "))
        }
        return try jobs.map { job in
            try RunRecord.read(from: job.folder(in: context).recordURL)
        }
    }

    func logURL(_ folder: RunFolder) -> URL { folder.url.appendingPathComponent("job.log") }

    /// Starts `ablations run` for one job with its output in the job's log.
    func launch(_ job: SuiteRunner.Job, threads: Int) throws -> Process {
        let folder = job.folder(in: context)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: logURL(folder).path, contents: nil) else {
            throw InputError(file: logURL(folder).path, "cannot create the job's log file (is the runs folder writable?)")
        }
        let output = try FileHandle(forWritingTo: logURL(folder))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var arguments = ["run"] + suiteArguments + ["--spec", job.spec.name, "--seed", "\(job.seed)",
                         "--runs", options.runs, "--threads", "\(threads)"]
        if let data = options.data { arguments += ["--data", data] }
        if options.skipCorrupt { arguments.append("--skip-corrupt") }
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
        FileHandleLog.line("[\(job.row)] \(suite)/\(job.spec.name) seed \(job.seed): started (pid \(process.processIdentifier)), log \(logURL(folder).path)")
        return process
    }
}
