import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary file
/// in the same folder, which is then renamed over the destination.
///
/// Destinations: a missing path or a regular file is written; a symbolic link is written
/// *through* — its final target is replaced and the link stays; anything else (a folder, a
/// device such as /dev/full, a FIFO, a socket) is refused, never replaced by a regular file.
/// Every failure is an `InputError` naming the path and the system's reason (exit status 2).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating parent folders as needed.
    public static func write(_ data: Data, to url: URL) throws {
        let destination = try target(of: url)
        let folder = destination.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw InputError(file: folder.path, "cannot create the folder: \(reason(error))")
        }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            try writeNew(data, to: temporary)
            if rename(temporary.path, destination.path) != 0 {
                throw InputError(file: destination.path, "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Whether `name` is a temporary file of `write` (".<name>.<pid>.<n>.tmp"), left by a killed writer.
    public static func isTemporary(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return name.hasPrefix(".") && parts.count >= 5 && parts.last == "tmp"
            && Int(parts[parts.count - 3]) != nil && UInt32(parts[parts.count - 2]) != nil
    }

    /// The file `url` names after following symbolic links (up to 40); refuses a destination that
    /// exists and is not a regular file.
    static func target(of url: URL) throws -> URL {
        var current = url
        for _ in 0 ..< 40 {
            var s = stat()
            guard lstat(current.path, &s) == 0 else {
                if errno == ENOENT { return current }
                throw InputError(file: current.path, "cannot inspect the output path: \(String(cString: strerror(errno)))")
            }
            switch s.st_mode & S_IFMT {
            case S_IFREG: return current
            case S_IFLNK:
                guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else {
                    throw InputError(file: current.path, "cannot read the symbolic link")
                }
                current = URL(fileURLWithPath: link, relativeTo: current.deletingLastPathComponent()).standardizedFileURL
            case S_IFDIR: throw InputError(file: current.path, "is a folder, not a file; give a file path to write")
            default:
                let kind = [S_IFCHR: "a character device", S_IFBLK: "a block device", S_IFIFO: "a FIFO", S_IFSOCK: "a socket"][s.st_mode & S_IFMT] ?? "not a regular file"
                throw InputError(file: current.path, "is \(kind), not a regular file; refusing to replace it (give a regular file path)")
            }
        }
        throw InputError(file: url.path, "too many levels of symbolic links")
    }

    /// Creates `url` (which must not exist) holding `data`.
    private static func writeNew(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: url.path, "cannot create the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: url.path, "cannot write: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }

    /// The system's reason for a Foundation file error (the POSIX message when there is one).
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
