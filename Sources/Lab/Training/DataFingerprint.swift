import Foundation

/// A machine-independent fingerprint of a data folder: FNV-1a 64 over every file's relative path
/// and size, plus the full bytes of its CSV files (labels, detections). Hidden files and folders
/// (a feature cache such as `.cache/`) are ignored, and so are what only describes the data: a
/// top-level `README.md` and the fixture's `preview/` spectrograms. Copying the folder elsewhere
/// keeps it; adding, removing, resizing a data file or editing a CSV changes it.
public enum DataFingerprint {
    /// Files that describe the data rather than being it.
    static func isDescription(_ relativePath: String) -> Bool {
        relativePath == "README.md" || relativePath.hasPrefix("preview/")
    }

    public static func compute(_ folder: URL) throws -> String {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: folder.path, "data folder not found; expected a BirdCLEF-2025-layout folder (train.csv, taxonomy.csv, train_audio/)")
        }
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey],
                                         options: [.skipsHiddenFiles]) else {
            throw InputError(file: folder.path, "cannot list the data folder")
        }
        var entries: [(path: String, url: URL, size: Int)] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            guard !isDescription(relative) else { continue }
            entries.append((relative, url, values.fileSize ?? 0))
        }
        entries.sort { $0.path < $1.path }
        var h = StableHash.fnv1a([UInt8]())
        for entry in entries {
            h = StableHash.fnv1a(Array("\(entry.path)\t\(entry.size)\n".utf8), seed: h)
            if entry.path.lowercased().hasSuffix(".csv") {
                h = StableHash.fnv1a(try Data(contentsOf: entry.url), seed: h)
            }
        }
        return StableHash.hexDigits(h)
    }
}
