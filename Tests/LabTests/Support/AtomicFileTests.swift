import Foundation
import Testing
@testable import Lab

/// Output paths (issue 17): devices, FIFOs and folders are refused, never replaced; symbolic links
/// are written through; file-system failures are `InputError`s naming the path and the reason.
@Suite struct AtomicFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func mode(_ path: String) -> mode_t {
        var s = stat()
        return lstat(path, &s) == 0 ? s.st_mode & S_IFMT : 0
    }

    @Test func devicesFIFOsAndFoldersAreRefusedAndLeftInPlace() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = try #require(throws: InputError.self) { try AtomicFile.write("x", to: URL(fileURLWithPath: "/dev/full")) }
        #expect(full.reason.hasPrefix("is a character device") && mode("/dev/full") == S_IFCHR)
        let fifo = dir.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let error = try #require(throws: InputError.self) { try AtomicFile.write("x", to: fifo) }
        #expect(error.file == fifo.path && error.reason.hasPrefix("is a FIFO") && mode(fifo.path) == S_IFIFO)
        #expect(throws: InputError.self) { try AtomicFile.write("x", to: dir) }
    }

    @Test func symbolicLinksAreWrittenThrough() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("real.csv"), link = dir.appendingPathComponent("link.csv")
        try AtomicFile.write("old", to: target)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.csv")
        try AtomicFile.write("new", to: link)
        #expect(mode(link.path) == S_IFLNK, "the link stays a link")
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        let dangling = dir.appendingPathComponent("dangling.csv")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "made.csv")
        try AtomicFile.write("made", to: dangling)
        #expect(try String(contentsOf: dir.appendingPathComponent("made.csv"), encoding: .utf8) == "made")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter(AtomicFile.isTemporary).isEmpty)
    }

    @Test func fileSystemErrorsNameThePathAndTheReason() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain")
        try AtomicFile.write("x", to: file)
        let error = try #require(throws: InputError.self) { try AtomicFile.write("y", to: file.appendingPathComponent("out.csv")) }
        #expect(error.file.hasPrefix(file.path) && error.reason.contains("Not a directory"), "\(error)")
    }
}
