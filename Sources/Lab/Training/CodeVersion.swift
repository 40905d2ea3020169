import Foundation

/// Which sources a run was built from: `git describe --tags --always` of the checkout this binary
/// was compiled from (found through `#filePath`, so it works from any clean clone), with `-dirty`
/// when tracked files under `Sources/`, `Package.swift` or `Package.resolved` differ from the
/// commit. Falls back to "unknown" without git or outside a repository (a source tarball).
public enum CodeVersion {
    /// Computed once per process.
    public static let current: String = describe(repository: sourceRoot)

    /// The repository root this file was compiled in (three levels above Sources/Lab/Training),
    /// where the committed reference scripts under Fixtures/ are found.
    public static var sourceRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func describe(repository: URL) -> String {
        guard let commit = git(["describe", "--tags", "--always", "--abbrev=12"], in: repository), !commit.isEmpty else {
            return "unknown"
        }
        let changes = git(["status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift", "Package.resolved"],
                          in: repository) ?? ""
        return changes.isEmpty ? commit : commit + "-dirty"
    }

    /// Standard output of `git -C dir args…`, trimmed; nil when git fails or is missing.
    static func git(_ args: [String], in dir: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", dir.path] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
