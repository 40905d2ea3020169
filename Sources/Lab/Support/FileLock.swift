import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`), held for the duration of a closure, so that
/// processes sharing a folder (parallel jobs of a suite, Slurm array tasks on one node) take
/// turns at work that must not interleave — building a feature cache, pretraining a shared
/// encoder. The lock file is created if missing and left in place.
public enum FileLock {
    public static func exclusive<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: url.path, "cannot open the lock file (errno \(errno))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw InputError(file: url.path, "cannot take the lock (errno \(errno))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
