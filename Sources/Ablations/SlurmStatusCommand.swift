import ArgumentParser
import Foundation
import Lab

/// `ablations slurm status [--runs DIR] [--suite NAME]`: done / running / pending / failed per job.
struct SlurmStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each submitted job as done, running, pending or failed (from the records and squeue), with failed jobs' logs.",
        discussion: """
        A (spec, seed) is done when its finished record exists; otherwise squeue says whether it is running or \
        pending; a job that left the queue without a record failed (its exit status, or none when it was cancelled \
        or killed). Exits 1 when any job (or the latest shared or report stage) failed.
        """)

    @Option(help: "Runs folder the suite was submitted into.")
    var runs: String = "runs"

    @Option(help: "Only this suite (default: every suite submitted into the runs folder).")
    var suite: String?

    func run() throws {
        try reportingInputErrors {
            try SlurmTool.exiting { try status() }
        }
    }

    func status() throws {
        let layout = SlurmLayout(runs: absolute(runs))
        let suites = suite.map { [$0] } ?? layout.suites()
        guard !suites.isEmpty, !suites.allSatisfy({ layout.submissions(suite: $0).isEmpty }) else {
            throw InputError(file: layout.runs.appendingPathComponent("slurm").path, "no Slurm submissions; run `ablations slurm submit` first")
        }
        let queue = try SlurmTool.queue()
        var failed = 0
        for name in suites {
            let manifests = try layout.manifests(suite: name)
            guard let last = manifests.last else { continue }
            let suite = try? Suite.named(name)
            let records = RunsLayout(root: layout.runs)
            let status = try SlurmStatus.make(
                suite: name, manifests: manifests, order: suite?.specs.map(\.name) ?? [], queue: queue, layout: layout
            ) { job, m in
                let hash = suite?.spec(named: job.spec)?.recipeHash ?? ""
                return try records.run(suite: name, spec: job.spec, seed: job.seed)
                    .reusableRecord(specHash: hash, dataFingerprint: m.dataFingerprint ?? "") != nil
            }
            let ids = [last.jobIDs.shared, last.jobIDs.array, last.jobIDs.report].map { $0 ?? "?" }.joined(separator: ", ")
            print("\(name): latest submission \(last.submission) (Slurm jobs \(ids)), runs \(layout.runs.path)")
            let width = status.lines.map(\.name.count).max() ?? 0
            for line in status.lines {
                let log = line.state.isFailed ? "  log: \(line.log)" : ""
                print("  \(line.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(line.state)\(log)")
            }
            let jobs = status.lines.filter { $0.name != "shared" && $0.name != "report" }
            let count = { (word: String) in jobs.filter { $0.state.word == word }.count }
            print("\(jobs.count) job(s): \(count("done")) done, \(count("running")) running, \(count("pending")) pending, \(count("failed")) failed")
            failed += status.failed.count
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
