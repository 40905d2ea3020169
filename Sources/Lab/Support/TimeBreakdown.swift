import Foundation

/// Where one job's time goes, by phase, for its run record and the report's "Sizes used".
///
/// Phases on the training loop's thread (`batches`, `forwardBackward`, `optimizer`,
/// `evaluation`, `checkpoints`, `shared`) are wall seconds and add up to about the job's wall
/// time. Phases inside batch assembly (`decode`, `waveformAugment`, `frontEnd`, `cacheRead`,
/// `featureAugment`) run on several threads at once and are summed CPU seconds of those threads,
/// so they can add up to more than `batches`. One clock per process: `ablations run` runs its
/// jobs one after another (or as child processes), and `Experiment.run` resets it per job.
public final class TimeBreakdown: @unchecked Sendable {
    public enum Phase: String, CaseIterable, Sendable {
        case shared, batches, forwardBackward, optimizer, evaluation, checkpoints
        case decode, waveformAugment, frontEnd, cacheRead, featureAugment
    }

    /// The process's clock.
    public static let job = TimeBreakdown()

    private var seconds: [Phase: Double] = [:]
    private let lock = NSLock()

    /// Runs `body` and adds its wall time to `phase`.
    @discardableResult
    public func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(phase, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }

    public func add(_ phase: Phase, _ s: Double) { lock.lock(); seconds[phase, default: 0] += s; lock.unlock() }

    public func reset() { lock.lock(); seconds = [:]; lock.unlock() }

    /// Runs `body` (a nested job, e.g. a self-training teacher trained inside a student's shared
    /// work, which resets the clock) and puts the clock back as it was before: the enclosing
    /// job's phases do not absorb the nested job's.
    public func isolated<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); let saved = seconds; lock.unlock()
        defer { lock.lock(); seconds = saved; lock.unlock() }
        return try body()
    }

    /// Seconds per phase (phases that never ran are left out), rounded to milliseconds.
    public var snapshot: [String: Double] {
        lock.lock(); defer { lock.unlock() }
        return Dictionary(uniqueKeysWithValues: seconds.map { ($0.key.rawValue, ($0.value * 1000).rounded() / 1000) })
    }
}
