import Foundation
import Testing
@testable import Lab

@Suite("Slurm: manifest, scripts, queue and status")
struct SlurmTests {
    static func manifest(runs: URL, executable: String, jobs: [SlurmManifest.Job], data: String? = nil) -> SlurmManifest {
        SlurmManifest(suite: "ci", submission: 2, executable: executable, workingDirectory: runs.path, data: data,
                      dataFingerprint: "abc", runs: runs.path, reports: runs.appendingPathComponent("report").path,
                      resources: .init(partition: "short", cpusPerTask: 2, mem: "4G", time: "1:00:00"), jobs: jobs,
                      jobIDs: .init(shared: "10", array: "11", report: "12"))
    }

    static let jobs = [SlurmManifest.Job(spec: "bce", seed: 0), .init(spec: "bce", seed: 1), .init(spec: "vit it's", seed: 0)]

    /// Runs `script` with bash and `environment`; returns its exit status.
    static func bash(_ script: String, environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A stand-in `ablations` that appends its arguments (one per line, then "--") to `calls`
    /// and exits with $FAKE_STATUS.
    static func fakeExecutable(in folder: URL) throws -> (URL, URL) {
        let exe = folder.appendingPathComponent("fake ablations"), calls = folder.appendingPathComponent("calls.txt")
        try "#!/bin/bash\nfor a in \"$@\"; do echo \"$a\" >> '\(calls.path)'; done\necho -- >> '\(calls.path)'\nexit \"${FAKE_STATUS:-0}\"\n"
            .write(to: exe, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: exe.path)
        return (exe, calls)
    }

    @Test func arrayTaskRunsItsJobWithTheTasksThreadsAndWritesItsExitStatus() throws {
        let root = try HarnessFixtures.temporaryFolder("slurm-array")
        defer { try? FileManager.default.removeItem(at: root) }
        let (exe, calls) = try Self.fakeExecutable(in: root)
        let m = Self.manifest(runs: root, executable: exe.path, jobs: Self.jobs, data: root.appendingPathComponent("my data").path)
        let layout = SlurmLayout(runs: root)
        try FileManager.default.createDirectory(at: layout.logsFolder(suite: "ci", submission: 2), withIntermediateDirectories: true)
        let script = SlurmScripts.text(.array, manifest: m)
        #expect(script.contains("#SBATCH --array=0-2\n"))
        #expect(script.contains("#SBATCH --cpus-per-task=2\n#SBATCH --array"))
        #expect(script.contains("#SBATCH --partition=short\n#SBATCH --mem=4G\n#SBATCH --time=1:00:00\n"))
        #expect(script.contains("#SBATCH --output=\(root.path)/slurm/ci/submission-002/logs/task-%a.log\n"))

        #expect(try Self.bash(script, environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_CPUS_PER_TASK": "3", "FAKE_STATUS": "7"]) == 7)
        let args = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(args == ["run", "--suite", "ci", "--spec", "vit it's", "--seed", "0", "--data", root.appendingPathComponent("my data").path,
                         "--runs", root.path, "--threads", "3", "--"])
        #expect(layout.exitStatus(suite: "ci", submission: 2, stage: .array, task: 2) == 7)
        #expect(layout.exitStatus(suite: "ci", submission: 2, stage: .array, task: 1) == nil)

        // A task id outside the manifest fails without running anything.
        #expect(try Self.bash(script, environment: ["SLURM_ARRAY_TASK_ID": "3"]) == 2)
        #expect(try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").count == args.count)
    }

    @Test func sharedStageRunsEveryJobsSharedWorkAndStopsAtTheFirstFailure() throws {
        let root = try HarnessFixtures.temporaryFolder("slurm-shared")
        defer { try? FileManager.default.removeItem(at: root) }
        let (exe, calls) = try Self.fakeExecutable(in: root)
        let m = Self.manifest(runs: root, executable: exe.path, jobs: Self.jobs)
        let layout = SlurmLayout(runs: root)
        try FileManager.default.createDirectory(at: layout.logsFolder(suite: "ci", submission: 2), withIntermediateDirectories: true)
        let script = SlurmScripts.text(.shared, manifest: m)
        #expect(!script.contains("--array"))
        #expect(try Self.bash(script, environment: ["SLURM_CPUS_PER_TASK": "2"]) == 0)
        let runs = try String(contentsOf: calls, encoding: .utf8).components(separatedBy: "--\n").filter { !$0.isEmpty }
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.hasSuffix("--threads\n2\n--shared-only\n") })
        #expect(runs[1].contains("--spec\nbce\n--seed\n1\n"))
        #expect(layout.exitStatus(suite: "ci", submission: 2, stage: .shared) == 0)

        try FileManager.default.removeItem(at: calls)
        #expect(try Self.bash(script, environment: ["FAKE_STATUS": "1"]) == 1)
        #expect(try String(contentsOf: calls, encoding: .utf8).components(separatedBy: "--\n").filter { !$0.isEmpty }.count == 1)
        #expect(layout.exitStatus(suite: "ci", submission: 2, stage: .shared) == 1)
    }

    @Test func reportStageRendersTheSuitesReport() throws {
        let root = try HarnessFixtures.temporaryFolder("slurm-report")
        defer { try? FileManager.default.removeItem(at: root) }
        let m = Self.manifest(runs: root, executable: "/opt/bin/ablations", jobs: Self.jobs)
        let script = SlurmScripts.text(.report, manifest: m)
        #expect(script.contains("\n/opt/bin/ablations report --suite ci --runs \(root.path) --reports \(root.path)/report\nstatus=$?\n"))
    }

    @Test func shellQuotingSurvivesBash() throws {
        for text in ["plain", "with space", "it's", "$HOME", "a\"b", "", "x;rm -rf y"] {
            let root = try HarnessFixtures.temporaryFolder("slurm-quote")
            defer { try? FileManager.default.removeItem(at: root) }
            let out = root.appendingPathComponent("out")
            #expect(try Self.bash("printf %s \(SlurmScripts.quote(text)) > '\(out.path)'", environment: [:]) == 0)
            #expect(try String(contentsOf: out, encoding: .utf8) == text)
        }
    }

    @Test func squeueOutputParsesAndRejectsOtherLines() throws {
        let queue = try SlurmQueue(parsing: "11_0|RUNNING|None\n11_2|PENDING|Resources\n12|PENDING|Dependency\n\n")
        #expect(queue.entry(job: "11", task: 0)?.isPending == false)
        #expect(queue.entry(job: "11", task: 2) == .init(state: "PENDING", reason: "Resources"))
        #expect(queue.entry(job: "11", task: 1) == nil)
        #expect(queue.entry(job: "12")?.isPending == true)
        #expect(queue.entry(job: nil) == nil)
        #expect(throws: InputError.self) { try SlurmQueue(parsing: "11_0 RUNNING\n") }
    }

    @Test func classificationPrefersTheRecordThenTheQueueThenTheExitStatus() {
        let running = SlurmQueue.Entry(state: "RUNNING", reason: "None")
        let pending = SlurmQueue.Entry(state: "PENDING", reason: "Dependency")
        #expect(SlurmJobState.classify(finished: true, queue: running, exitStatus: nil) == .done)
        #expect(SlurmJobState.classify(finished: false, queue: running, exitStatus: nil) == .running)
        #expect(SlurmJobState.classify(finished: false, queue: pending, exitStatus: nil) == .pending(reason: "Dependency"))
        #expect(SlurmJobState.classify(finished: false, queue: nil, exitStatus: 1).description == "failed (exit status 1)")
        #expect(SlurmJobState.classify(finished: false, queue: nil, exitStatus: 0).isFailed)
        #expect(SlurmJobState.classify(finished: false, queue: nil, exitStatus: nil).isFailed)
    }

    @Test func jobsToDoLeaveOutFinishedAndQueuedJobs() {
        let todo = SlurmManifest.jobsToDo(Self.jobs, isFinished: { $0.seed == 1 }, isQueued: { $0.spec == "bce" })
        #expect(todo == [SlurmManifest.Job(spec: "vit it's", seed: 0)])
    }

    @Test func statusJudgesEachJobByItsLatestSubmission() throws {
        let root = try HarnessFixtures.temporaryFolder("slurm-status")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = SlurmLayout(runs: root)
        var first = Self.manifest(runs: root, executable: "/x", jobs: Self.jobs)
        first.submission = 1
        var second = Self.manifest(runs: root, executable: "/x", jobs: [Self.jobs[2]])
        second.jobIDs = .init(shared: "20", array: "21", report: "22")
        for m in [first, second] {
            try FileManager.default.createDirectory(at: layout.logsFolder(suite: "ci", submission: m.submission), withIntermediateDirectories: true)
            try AtomicFile.write(try m.encoded(), to: layout.manifestURL(suite: "ci", submission: m.submission))
        }
        // Submission 1: task 1 exited 1; task 2 (resubmitted in 2) was killed. Submission 2: its task 0 runs.
        try AtomicFile.write("1\n", to: layout.exitURL(suite: "ci", submission: 1, stage: .array, task: 1))
        try AtomicFile.write("0\n", to: layout.exitURL(suite: "ci", submission: 2, stage: .shared))
        let manifests = try layout.manifests(suite: "ci")
        #expect(manifests == [first, second])
        let queue = try SlurmQueue(parsing: "21_0|RUNNING|None\n22|PENDING|Dependency\n")
        let status = SlurmStatus.make(suite: "ci", manifests: manifests, order: ["vit it's", "bce"], queue: queue, layout: layout) { job, _ in
            job == Self.jobs[0]
        }
        #expect(status.lines.map(\.name) == ["shared", "vit it's seed 0", "bce seed 0", "bce seed 1", "report"])
        #expect(status.lines.map(\.state.word) == ["done", "running", "done", "failed", "pending"])
        #expect(status.failed.map(\.log) == [layout.logURL(suite: "ci", submission: 1, stage: .array, task: 1).path])
        #expect(status.failed.first?.log.hasSuffix("slurm/ci/submission-001/logs/task-1.log") == true)
    }
}
