import ArgumentParser
import Foundation
import Lab

/// `ablations slurm submit [--suite NAME] [--spec NAME]… [--seed S]… [--data DIR] [--runs DIR]
/// [--reports DIR] [--partition P] [--cpus-per-task N] [--mem M] [--time T] [--dry-run]`.
struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit the suite's jobs that have no finished record as a Slurm job array, after their shared work and before the report.",
        discussion: """
        Writes <runs>/slurm/<suite>/submission-<NNN>/: manifest.json (array task i runs jobs[i]), shared.sbatch, \
        array.sbatch, report.sbatch and logs/. Submits the shared work (data, feature caches, MAE pretraining), the \
        array with afterok on it (one `ablations run --spec … --seed … --threads $SLURM_CPUS_PER_TASK` per task) and \
        `ablations report` with afterany on the array. The runs folder must be on a file system every node sees. \
        Jobs with a finished record, or still queued from an earlier submission, are left out, so submitting again \
        reruns only what failed or was cancelled.
        """)

    @Option(help: "Suite (ci, default, full).")
    var suite: String = "default"

    @Option(help: "Submit only this spec (repeat for several).")
    var spec: [String] = []

    @Option(help: "Submit only this seed (repeat for several; a seed outside a spec's list is run like `ablations run --seed`).")
    var seed: [Int] = []

    @Option(help: "Data folder (BirdCLEF-2025 layout). Default: the suite's fixture under <runs>/fixtures/, generated before submitting.")
    var data: String?

    @Option(help: "Runs folder on the shared file system.")
    var runs: String = "runs"

    @Option(help: "Report folder of the final report job (default: Reports for the default suite, Reports/<suite> otherwise).")
    var reports: String?

    @Option(help: "Slurm partition (default: the cluster's default).")
    var partition: String?

    @Option(help: "CPUs per task; each task runs with as many threads.")
    var cpusPerTask: Int = 1

    @Option(help: "Memory per task, as sbatch --mem takes it (e.g. 4G).")
    var mem: String?

    @Option(help: "Time limit per task, as sbatch --time takes it (e.g. 2:00:00).")
    var time: String?

    @Flag(help: "Print the scripts and the sbatch commands; submit nothing and write no Slurm files (a missing fixture is still generated, to tell finished jobs).")
    var dryRun = false

    func run() throws {
        try reportingInputErrors {
            try SlurmTool.exiting { try submit() }
        }
    }

    func submit() throws {
        guard cpusPerTask >= 1 else { throw InputError(file: "--cpus-per-task", "expected a positive number, found \(cpusPerTask)") }
        let suite = try Suite.named(suite)
        let runsURL = absolute(runs)
        let candidates = try candidates(in: suite)
        let dataURL = data.map(absolute)
        let context = try SuiteRunner.context(for: suite, data: dataURL, runs: runsURL)
        let layout = SlurmLayout(runs: runsURL)
        let earlier = try layout.manifests(suite: suite.name)
        let queue = earlier.isEmpty ? SlurmQueue() : try queueUnlessDryRun()
        let records = RunsLayout(root: runsURL)
        let todo = try SlurmManifest.jobsToDo(candidates, isFinished: { job in
            try records.run(suite: suite.name, spec: job.spec, seed: job.seed)
                .reusableRecord(specHash: suite.spec(named: job.spec)?.recipeHash ?? "", dataFingerprint: context.dataFingerprint) != nil
        }, isQueued: { job in
            guard let (m, task) = SlurmStatus.latest(job, in: earlier) else { return false }
            return queue.entry(job: m.jobIDs.array, task: task) != nil
        })
        guard !todo.isEmpty else {
            print("nothing to submit: all \(candidates.count) job(s) of \(suite.name) have a finished record or are queued")
            return
        }
        let manifest = SlurmManifest(
            suite: suite.name, submission: (layout.submissions(suite: suite.name).last ?? 0) + 1,
            executable: Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? absolute(CommandLine.arguments[0]).path,
            workingDirectory: FileManager.default.currentDirectoryPath, data: dataURL?.path, dataFingerprint: context.dataFingerprint,
            runs: runsURL.path, reports: absolute(reports ?? defaultReports(for: suite.name)).path,
            resources: .init(partition: partition, cpusPerTask: cpusPerTask, mem: mem, time: time), jobs: todo)
        let skipped = candidates.count - todo.count
        let folder = layout.folder(suite: suite.name, submission: manifest.submission).path
        print("\(suite.name) submission \(manifest.submission): \(todo.count) job(s) to run, \(skipped) finished or queued → \(folder)")
        // A shared job of an earlier submission still queued may be writing the same caches: wait for it.
        let busy = earlier.compactMap(\.jobIDs.shared).filter { queue.entry(job: $0) != nil }
        if dryRun { return printDryRun(manifest, layout: layout, after: busy) }
        try write(manifest, layout: layout)
        try submitStages(manifest, layout: layout, after: busy)
    }

    /// The (spec, seed) jobs the filters select, in suite order; unknown specs are `InputError`s.
    func candidates(in suite: Suite) throws -> [SlurmManifest.Job] {
        for name in spec where suite.spec(named: name) == nil {
            _ = try SuiteRunner.jobs(of: suite, spec: name)  // throws the InputError listing the specs
        }
        // Like `ablations run --seed`, a seed outside the spec's list may be asked for.
        let jobs = try seed.isEmpty ? SuiteRunner.jobs(of: suite) : Set(seed).sorted().flatMap { try SuiteRunner.jobs(of: suite, seed: $0) }
        return jobs.filter { spec.isEmpty || spec.contains($0.spec.name) }
            .sorted { ($0.row, $0.seed) < ($1.row, $1.seed) }
            .map { SlurmManifest.Job(spec: $0.spec.name, seed: $0.seed) }
    }

    /// The queue, to leave out jobs still queued from an earlier submission (a dry run without Slurm assumes none).
    func queueUnlessDryRun() throws -> SlurmQueue {
        do { return try SlurmTool.queue() } catch where dryRun { return SlurmQueue() }
    }

    func write(_ manifest: SlurmManifest, layout: SlurmLayout) throws {
        let (suite, n) = (manifest.suite, manifest.submission)
        try FileManager.default.createDirectory(at: layout.logsFolder(suite: suite, submission: n), withIntermediateDirectories: true)
        for stage in SlurmLayout.Stage.allCases {
            try AtomicFile.write(SlurmScripts.text(stage, manifest: manifest), to: layout.scriptURL(suite: suite, submission: n, stage: stage))
        }
        try AtomicFile.write(try manifest.encoded(), to: layout.manifestURL(suite: suite, submission: n))
    }

    /// sbatch of shared (afterany on `after`, earlier shared jobs still queued), array (afterok)
    /// and report (afterany), recording each id in the manifest; a failed sbatch cancels the
    /// stages already submitted.
    func submitStages(_ manifest: SlurmManifest, layout: SlurmLayout, after: [String]) throws {
        var m = manifest
        let script = { layout.scriptURL(suite: m.suite, submission: m.submission, stage: $0) }
        do {
            m.jobIDs.shared = try SlurmTool.submit(script(.shared), dependency: sharedDependency(after))
            m.jobIDs.array = try SlurmTool.submit(script(.array), dependency: "afterok:\(m.jobIDs.shared!)")
            m.jobIDs.report = try SlurmTool.submit(script(.report), dependency: "afterany:\(m.jobIDs.array!)")
        } catch {
            let submitted = [m.jobIDs.shared, m.jobIDs.array].compactMap { $0 }
            if !submitted.isEmpty { _ = try? SlurmTool.run("scancel", submitted) }
            throw error
        }
        try AtomicFile.write(try m.encoded(), to: layout.manifestURL(suite: m.suite, submission: m.submission))
        let ids = m.jobIDs
        print("  shared  job \(ids.shared!)\(sharedDependency(after).map { ", \($0)" } ?? "")  \(layout.logURL(suite: m.suite, submission: m.submission, stage: .shared).path)")
        print("  array   job \(ids.array!)  tasks 0-\(m.jobs.count - 1), afterok:\(ids.shared!)  \(layout.logsFolder(suite: m.suite, submission: m.submission).path)/task-<i>.log")
        print("  report  job \(ids.report!)  afterany:\(ids.array!) → \(m.reports)")
        print("follow with: ablations slurm status --runs \(runs)")
    }

    func sharedDependency(_ after: [String]) -> String? {
        after.isEmpty ? nil : "afterany:" + after.joined(separator: ":")
    }

    func printDryRun(_ manifest: SlurmManifest, layout: SlurmLayout, after: [String]) {
        for stage in SlurmLayout.Stage.allCases {
            print("# ---- \(layout.scriptURL(suite: manifest.suite, submission: manifest.submission, stage: stage).path)")
            print(SlurmScripts.text(stage, manifest: manifest))
        }
        let script = { layout.scriptURL(suite: manifest.suite, submission: manifest.submission, stage: $0).path }
        print("# ---- would run (nothing written, nothing submitted):")
        print("sbatch --parsable \(sharedDependency(after).map { "--dependency=\($0) " } ?? "")\(script(.shared))   # → SHARED")
        print("sbatch --parsable --dependency=afterok:$SHARED \(script(.array))   # → ARRAY")
        print("sbatch --parsable --dependency=afterany:$ARRAY \(script(.report))")
    }
}

/// `path` made absolute against the current directory.
func absolute(_ path: String) -> URL {
    URL(fileURLWithPath: path, isDirectory: true, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        .standardizedFileURL
}
