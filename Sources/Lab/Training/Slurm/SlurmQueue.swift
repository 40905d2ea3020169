import Foundation

/// What `squeue` says about the jobs still in the queue.
///
/// Read from `squeue --noheader --array --format '%i|%T|%r'`: one line per job or array task,
/// `<id>|<state>|<reason>` with array tasks as `<array id>_<task>`. Finished jobs are not listed
/// (the cluster keeps no accounting), so absence means "left the queue".
public struct SlurmQueue: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var state: String
        public var reason: String
        public var isPending: Bool { ["PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED"].contains(state) }
    }

    /// Entries by job id ("123") or array task ("123_4").
    public var entries: [String: Entry]
    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// The squeue format string the parser expects.
    public static let format = "%i|%T|%r"

    /// Parses squeue's output; a line that is not `<id>|<state>|<reason>` is an `InputError`.
    public init(parsing output: String) throws {
        var entries: [String: Entry] = [:]
        for (i, line) in output.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let fields = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw InputError(file: "squeue output", row: i + 1, "expected '<job id>|<state>|<reason>', found '\(text)'")
            }
            entries[fields[0]] = Entry(state: fields[1], reason: fields[2])
        }
        self.entries = entries
    }

    /// The entry of job `id`, or of task `task` of array job `id`.
    public func entry(job id: String?, task: Int? = nil) -> Entry? {
        guard let id else { return nil }
        return entries[task.map { "\(id)_\($0)" } ?? id]
    }
}
