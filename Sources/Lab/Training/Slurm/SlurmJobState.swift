/// Where one job of a submission stands, as `ablations slurm status` prints it.
public enum SlurmJobState: Equatable, Sendable, CustomStringConvertible {
    case done
    case running
    /// Still queued; Slurm's reason (e.g. "Dependency", "Resources").
    case pending(reason: String)
    /// Left the queue without finishing; why, in words.
    case failed(why: String)

    /// - finished: the job's result exists (a finished record for an array task, exit status 0
    ///   for the shared and report stages).
    /// - queue: its squeue entry, nil when it left the queue (or was never listed).
    /// - exitStatus: what its wrapper wrote when the command returned, nil if it never did.
    public static func classify(finished: Bool, queue: SlurmQueue.Entry?, exitStatus: Int32?) -> SlurmJobState {
        if finished { return .done }
        if let queue { return queue.isPending ? .pending(reason: queue.reason) : .running }
        switch exitStatus {
        case .some(0): return .failed(why: "exited 0 without a finished record")
        case .some(let code): return .failed(why: "exit status \(code)")
        case .none: return .failed(why: "no exit status: cancelled, killed, or never started")
        }
    }

    public var isFailed: Bool { if case .failed = self { return true } else { return false } }

    /// One word: done, running, pending or failed.
    public var word: String {
        switch self {
        case .done: return "done"
        case .running: return "running"
        case .pending: return "pending"
        case .failed: return "failed"
        }
    }

    public var description: String {
        switch self {
        case .pending(let reason) where !reason.isEmpty && reason != "None": return "pending (\(reason))"
        case .failed(let why): return "failed (\(why))"
        default: return word
        }
    }
}
