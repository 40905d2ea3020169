import Foundation

/// Where every job of a suite's Slurm submissions stands: each (spec, seed) is judged by its
/// latest submission (its record first, then the queue, then the exit status its wrapper wrote),
/// and the latest submission's shared and report stages by the queue and their exit status.
public struct SlurmStatus: Sendable {
    /// One line of `ablations slurm status`.
    public struct Line: Equatable, Sendable {
        /// "shared", "report", or "<spec> seed <s>".
        public var name: String
        public var submission: Int
        public var state: SlurmJobState
        /// The job's log file (where its output went).
        public var log: String
    }

    public var suite: String
    public var lines: [Line]

    public var failed: [Line] { lines.filter(\.state.isFailed) }

    /// The latest of `manifests` (oldest first) that holds `job`, and the job's array task there.
    public static func latest(_ job: SlurmManifest.Job, in manifests: [SlurmManifest]) -> (SlurmManifest, Int)? {
        for m in manifests.reversed() {
            if let task = m.jobs.firstIndex(of: job) { return (m, task) }
        }
        return nil
    }

    /// - manifests: the suite's submissions, oldest first (at least one).
    /// - order: spec names in suite order (jobs of other specs follow by name).
    /// - isFinished: whether a job has a finished record for the data of the submission it came from.
    public static func make(suite: String, manifests: [SlurmManifest], order: [String], queue: SlurmQueue, layout: SlurmLayout,
                            isFinished: (SlurmManifest.Job, SlurmManifest) throws -> Bool) rethrows -> SlurmStatus {
        guard let last = manifests.last else { return SlurmStatus(suite: suite, lines: []) }
        let rank = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let jobs = Set(manifests.flatMap(\.jobs)).sorted {
            (rank[$0.spec] ?? order.count, $0.spec, $0.seed) < (rank[$1.spec] ?? order.count, $1.spec, $1.seed)
        }
        func stageLine(_ stage: SlurmLayout.Stage) -> Line {
            let id = stage == .shared ? last.jobIDs.shared : last.jobIDs.report
            let exit = layout.exitStatus(suite: suite, submission: last.submission, stage: stage)
            return Line(name: stage.rawValue, submission: last.submission,
                        state: .classify(finished: exit == 0, queue: queue.entry(job: id), exitStatus: exit),
                        log: layout.logURL(suite: suite, submission: last.submission, stage: stage).path)
        }
        var lines = [stageLine(.shared)]
        for job in jobs {
            guard let (m, task) = latest(job, in: manifests) else { continue }
            let state = SlurmJobState.classify(
                finished: try isFinished(job, m), queue: queue.entry(job: m.jobIDs.array, task: task),
                exitStatus: layout.exitStatus(suite: suite, submission: m.submission, stage: .array, task: task))
            lines.append(Line(name: "\(job.spec) seed \(job.seed)", submission: m.submission, state: state,
                              log: layout.logURL(suite: suite, submission: m.submission, stage: .array, task: task).path))
        }
        lines.append(stageLine(.report))
        return SlurmStatus(suite: suite, lines: lines)
    }
}
