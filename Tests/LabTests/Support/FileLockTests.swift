import Foundation
import Testing
@testable import Lab

/// The per-job lock (issue 17): a second holder waits and is told who holds the lock; a lock file
/// left by a killed process is taken again at once.
@Suite struct FileLockTests {
    func lockURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("filelock-\(UUID().uuidString)/job.lock")
    }

    @Test func aSecondHolderWaitsAndIsToldWhoHoldsTheLock() throws {
        let url = lockURL()
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), left = DispatchSemaphore(value: 0)
        let firstDone = LockFlag()
        Thread.detachNewThread {
            _ = try? FileLock.exclusive(url) { entered.signal(); release.wait(); firstDone.set() }
            left.signal()
        }
        entered.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { release.signal() }
        var busy: String?
        let sawFirstDone = try FileLock.exclusive(url, whenBusy: { busy = $0 }) { firstDone.value }
        left.wait()
        #expect(busy == "\(getpid())", "the holder's pid is named")
        #expect(sawFirstDone, "the second body ran only after the first released the lock")
    }

    @Test func aLockFileLeftByADeadProcessIsTakenAgain() throws {
        let url = lockURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("999999999\n".utf8).write(to: url)  // no process holds a flock on it
        var busy: String?
        try FileLock.exclusive(url, whenBusy: { busy = $0 }) {}
        #expect(busy == nil)
        #expect(try String(contentsOf: url, encoding: .utf8) == "\(getpid())\n")
    }
}

/// A flag set on one thread and read on another.
final class LockFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
