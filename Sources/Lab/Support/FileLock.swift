import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`), held for the duration of a closure, so that
/// processes sharing a folder (parallel jobs of a suite, Slurm array tasks on one node) take
/// turns at work that must not interleave — building a feature cache, pretraining a shared
/// encoder, training one (suite, spec, seed) job. The lock file is created if missing and left in
/// place; it holds the process id of the holder, for messages only.
///
/// Stale locks need no cleaning: the kernel releases a `flock` when its process dies (kill -9
/// included), so a lock file left by a dead process is simply taken again.
public enum FileLock {
    /// Runs `body` holding the lock on `url`. When another process holds it, `whenBusy` is called
    /// once with that process's id (as written in the lock file, "unknown" if none) and the call
    /// waits for the lock.
    public static func exclusive<T>(_ url: URL, whenBusy: (String) -> Void = { _ in }, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: url.path, "cannot open the lock file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw InputError(file: url.path, "cannot take the lock: \(String(cString: strerror(errno)))")
            }
            whenBusy(holder(fd))
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw InputError(file: url.path, "cannot take the lock: \(String(cString: strerror(errno)))") }
            }
        }
        defer { flock(fd, LOCK_UN) }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return try body()
    }

    /// The process id written in the lock file open as `fd`.
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let text = n > 0 ? String(decoding: buffer[0 ..< n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "unknown" : text
    }
}
