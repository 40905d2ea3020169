import Foundation

/// Features of every 5 s evaluation window of a set of sound files, computed once per
/// (file, window start, front end) and kept on disk for later runs and epochs.
///
/// Layout: `<root>/<hash of the front-end fingerprint>/` holds `frontend.txt` (the fingerprint),
/// `features.f16` (raw little-endian IEEE float16 values, each file's windows contiguous,
/// [windows, frames, bins]) and `index.json` (per file: size, mtime, offset, window count, shape).
/// Float16 halves the disk and page-cache footprint of float32; its relative precision (2⁻¹¹ ≈
/// 5·10⁻⁴) is far below what matters for normalised fbank (|x| ≲ 3) or mel-dB in [0, 1].
/// The data file is memory-mapped for reading.
///
/// What a cached entry serves: the *un-augmented, un-jittered* window starting at k · 5 s
/// (zero-padded at the end of the file). A training sample whose start is jittered or whose
/// waveform augmentation fires is decoded, augmented and run through the front end on the fly
/// (`BatchSource` does this); everything else — validation, test, held-out soundscape windows,
/// mixup partners and un-augmented training samples with jitter off — is read from the cache.
///
/// Invalidation: an entry is reused only when the file's size and modification time match the
/// index; a changed front end is a different folder. The data file is append-only: rebuilt
/// entries are appended and the index (written atomically after the data is flushed) points at
/// them, so an interrupted build never leaves the index pointing at missing bytes.
///
/// Integrity: each index entry carries the `Checksum` of its float16 bytes. `build` checks that
/// the data file holds every byte the index points at and verifies each reused entry's checksum
/// (once per cache instance), so a truncated or damaged `features.f16` is a named error, never
/// silently different features. (A cache whose index predates checksums is rebuilt.)
public final class FeatureCache: @unchecked Sendable {
    public let frontEnd: FrontEnd
    public let folder: URL
    private var index: Index
    private var mapping: Mapping?
    private let lock = NSLock()
    /// Keys of entries whose checksum this instance verified.
    private var verified = Set<String>()

    /// Window length and stride in seconds.
    public static let windowSeconds = 5.0

    /// Number of 5 s windows in a file of `duration` s: the last partial window counts when it
    /// holds more than 0.25 s (it is zero-padded), so 14.97 s → 3 and 60 s → 12.
    public static func windowCount(duration: Double, window: Double = windowSeconds) -> Int {
        max(1, Int(((duration - 0.25) / window).rounded(.up)))
    }

    struct Entry: Codable, Hashable {
        var size: Int64
        var mtime: Double
        var offset: Int64      // in float16 values
        var windows: Int
        var frames: Int
        var bins: Int
        var duration: Double
        var checksum: String
    }

    struct Index: Codable {
        var fingerprint: String
        var entries: [String: Entry]   // key: standardized absolute path
        var values: Int64              // float16 values in the data file
    }

    /// Opens (or creates) the cache for `frontEnd` under `root`.
    public init(root: URL, frontEnd: FrontEnd) throws {
        self.frontEnd = frontEnd
        let fingerprint = frontEnd.fingerprint
        folder = root.appendingPathComponent(String(format: "frontend-%016llx", StableHash.fnv1a(fingerprint.utf8)))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        index = Index(fingerprint: fingerprint, entries: [:], values: 0)
        try FileLock.exclusive(lockURL) {
            if !reloadIndex() { try? FileManager.default.removeItem(at: dataURL) }
            try AtomicFile.write(fingerprint + "\n", to: folder.appendingPathComponent("frontend.txt"))
        }
    }

    var dataURL: URL { folder.appendingPathComponent("features.f16") }
    var indexURL: URL { folder.appendingPathComponent("index.json") }
    /// Taken while the cache is opened or built, so processes sharing it take turns.
    var lockURL: URL { folder.appendingPathComponent("build.lock") }

    /// Reads the index on disk (another process may have added entries); false when there is none
    /// for this front end.
    @discardableResult
    private func reloadIndex() -> Bool {
        guard let data = FileManager.default.contents(atPath: indexURL.path),
              let stored = try? JSONDecoder().decode(Index.self, from: data), stored.fingerprint == frontEnd.fingerprint
        else { return false }
        lock.lock(); index = stored; mapping = nil; lock.unlock()
        return true
    }

    /// What a build did.
    public struct BuildReport: Sendable, Codable {
        public var files = 0
        public var filesComputed = 0
        public var windowsComputed = 0
        public var windowsReused = 0
        /// Seconds of audio decoded.
        public var audioSeconds = 0.0
        public var wallSeconds = 0.0
        /// Unreadable files (corrupt or truncated audio) left out: path and reason.
        public var skipped: [Skipped] = []
        public var bytesOnDisk: Int64 = 0

        public struct Skipped: Sendable, Codable, Hashable { public var path: String; public var reason: String }
        public var windowsPerSecond: Double { wallSeconds > 0 ? Double(windowsComputed) / wallSeconds : 0 }
        /// Seconds of audio processed per second of wall time.
        public var realTimeFactor: Double { wallSeconds > 0 ? audioSeconds / wallSeconds : 0 }
    }

    /// Makes sure every 5 s window of every file in `files` is cached, decoding the files that are
    /// new or changed in parallel (one file per task over all cores) with a progress bar.
    /// A file that cannot be decoded is an `InputError` unless `skipUnreadable`, in which case it
    /// is reported in `BuildReport.skipped` and left out.
    @discardableResult
    public func build(_ files: [URL], skipUnreadable: Bool = false, progressLabel: String = "feature cache") throws -> BuildReport {
        try FileLock.exclusive(lockURL) {
            reloadIndex()
            return try buildLocked(files, skipUnreadable: skipUnreadable, progressLabel: progressLabel)
        }
    }

    private func buildLocked(_ files: [URL], skipUnreadable: Bool, progressLabel: String) throws -> BuildReport {
        let start = Date()
        var report = BuildReport()
        report.files = files.count
        var todo: [(key: String, url: URL, size: Int64, mtime: Double)] = []
        var seen = Set<String>()
        try checkDataLength()
        for url in files {
            let key = Self.key(url)
            guard seen.insert(key).inserted else { continue }
            let (size, mtime) = try Self.stamp(url)
            if let e = index.entries[key], e.size == size, e.mtime == mtime {
                try verify(key, e)
                report.windowsReused += e.windows
            } else {
                todo.append((key, url, size, mtime))
            }
        }
        if !todo.isEmpty {
            if !FileManager.default.fileExists(atPath: dataURL.path) { _ = FileManager.default.createFile(atPath: dataURL.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: dataURL)
            defer { try? handle.close() }
            try handle.truncate(atOffset: UInt64(index.values) * 2)  // drop bytes of an interrupted build
            try handle.seekToEnd()
            let progress = Progress(progressLabel, total: todo.count, plain: false)
            let shared = BuildState(start: index.values)
            let frontEnd = self.frontEnd
            DispatchQueue.concurrentPerform(iterations: todo.count) { i in
                if shared.failed { return }
                let job = todo[i]
                do {
                    let samples = try AudioFile.read(job.url, sampleRate: frontEnd.sampleRate)
                    let duration = Double(samples.count) / Double(frontEnd.sampleRate)
                    let (values, frames, bins, windows) = Self.windowFeatures(samples, frontEnd: frontEnd)
                    let checksum = Checksum.text(values.withUnsafeBytes { Checksum.digest($0) })
                    shared.append(values, handle: handle) { offset in
                        Entry(size: job.size, mtime: job.mtime, offset: offset, windows: windows, frames: frames, bins: bins,
                              duration: duration, checksum: checksum)
                    } done: { entry, error in
                        if let error { shared.fail(error); return }
                        shared.record(job.key, entry!, seconds: duration)
                    }
                } catch let error as InputError where skipUnreadable {
                    shared.skip(.init(path: job.url.path, reason: error.reason))
                } catch {
                    shared.fail(error)
                }
                progress.advance()
            }
            progress.finish()
            try handle.synchronize()
            shared.lock.lock()
            defer { shared.lock.unlock() }
            if let error = shared.error { throw error }
            for (key, entry) in shared.entries { index.entries[key] = entry; verified.insert(key) }
            index.values = shared.end
            report.filesComputed = shared.entries.count
            report.windowsComputed = shared.entries.values.reduce(0) { $0 + $1.windows }
            report.audioSeconds = shared.audioSeconds
            report.skipped = shared.skipped.sorted { $0.path < $1.path }
            try AtomicFile.write(try JSONEncoder().encode(index), to: indexURL)
            lock.lock(); mapping = nil; lock.unlock()
        }
        report.bytesOnDisk = index.values * 2
        report.wallSeconds = Date().timeIntervalSince(start)
        return report
    }

    /// Throws when the data file is shorter than the index says (truncated under an intact index).
    private func checkDataLength() throws {
        guard index.values > 0 else { return }
        var s = stat()
        let size = stat(dataURL.path, &s) == 0 ? Int64(s.st_size) : -1
        guard size >= index.values * 2 else {
            throw InputError(file: dataURL.path, "corrupt feature cache: the data file holds \(max(size, 0)) bytes but its index "
                + "(\(indexURL.lastPathComponent)) points at \(index.values * 2); delete \(folder.path) to rebuild it")
        }
    }

    /// Verifies `entry`'s checksum against the bytes in the data file (once per entry and instance).
    private func verify(_ key: String, _ entry: Entry) throws {
        guard !verified.contains(key) else { return }
        let count = entry.windows * entry.frames * entry.bins
        guard let map = currentMapping(), (Int(entry.offset) + count) * 2 <= map.length else { try checkDataLength(); return }
        let bytes = UnsafeRawBufferPointer(start: map.base + Int(entry.offset) * 2, count: count * 2)
        let found = Checksum.text(Checksum.digest(bytes))
        guard found == entry.checksum else {
            throw InputError(file: dataURL.path, column: key, "corrupt feature cache: the entry's bytes hash to \(found), "
                + "the index recorded \(entry.checksum); delete \(folder.path) to rebuild it")
        }
        verified.insert(key)
    }

    /// The cached features of the window starting at `start` s in `url`, or nil when the file is
    /// not cached (or changed since) or `start` is not on the 5 s grid.
    public func features(_ url: URL, start: Double) -> FeatureMatrix? {
        let w = Int((start / Self.windowSeconds).rounded())
        guard abs(Double(w) * Self.windowSeconds - start) < 1e-6 else { return nil }
        return features(url, window: w)
    }

    /// The cached features of window `window` (starting at 5·window s) of `url`.
    public func features(_ url: URL, window: Int) -> FeatureMatrix? {
        guard let e = index.entries[Self.key(url)], window >= 0, window < e.windows else { return nil }
        guard let map = currentMapping() else { return nil }
        let count = e.frames * e.bins
        let first = Int(e.offset) + window * count
        guard (first + count) * 2 <= map.length else { return nil }
        let source = map.base.assumingMemoryBound(to: Float16.self) + first
        var values = [Float](repeating: 0, count: count)
        for i in 0 ..< count { values[i] = Float(Float16(bitPattern: UInt16(littleEndian: source[i].bitPattern))) }
        return FeatureMatrix(frames: e.frames, bins: e.bins, values: values)
    }

    /// Number of cached windows of `url` (nil when absent).
    public func windows(of url: URL) -> Int? { index.entries[Self.key(url)]?.windows }

    /// Features of every 5 s window of a decoded file: values [windows, frames, bins].
    static func windowFeatures(_ samples: [Float], frontEnd: FrontEnd) -> (values: [Float16], frames: Int, bins: Int, windows: Int) {
        let length = Int(windowSeconds * Double(frontEnd.sampleRate))
        let duration = Double(samples.count) / Double(frontEnd.sampleRate)
        let windows = windowCount(duration: duration)
        var out: [Float16] = []
        var frames = 0, bins = 0
        for w in 0 ..< windows {
            let lo = min(w * length, samples.count), hi = min(lo + length, samples.count)
            var clip = Array(samples[lo ..< hi])
            if clip.count < length { clip.append(contentsOf: repeatElement(0, count: length - clip.count)) }
            let m = frontEnd(clip)   // [frames, bins]
            if w == 0 { frames = m.frames; bins = m.bins; out.reserveCapacity(windows * m.values.count) }
            out.append(contentsOf: m.values.map { Float16($0) })
        }
        return (out, frames, bins, windows)
    }

    static func key(_ url: URL) -> String { url.standardizedFileURL.path }

    static func stamp(_ url: URL) throws -> (Int64, Double) {
        var s = stat()
        guard stat(url.path, &s) == 0 else { throw InputError(file: url.path, "file not found") }
        return (Int64(s.st_size), Double(s.st_mtim.tv_sec) + Double(s.st_mtim.tv_nsec) * 1e-9)
    }

    private func currentMapping() -> Mapping? {
        lock.lock(); defer { lock.unlock() }
        if mapping == nil { mapping = Mapping(dataURL) }
        return mapping
    }

    /// A read-only memory map of a whole file.
    final class Mapping: @unchecked Sendable {
        let base: UnsafeRawPointer
        let length: Int
        init?(_ url: URL) {
            let fd = open(url.path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var s = stat()
            guard fstat(fd, &s) == 0, s.st_size > 0 else { return nil }
            guard let p = mmap(nil, Int(s.st_size), PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
            base = UnsafeRawPointer(p)
            length = Int(s.st_size)
        }
        deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    /// Shared state of a parallel build.
    final class BuildState: @unchecked Sendable {
        let lock = NSLock()
        var entries: [String: Entry] = [:]
        var skipped: [BuildReport.Skipped] = []
        var error: Error?
        var audioSeconds = 0.0
        private var appended: Int64 = 0
        private let start: Int64
        init(start: Int64) { self.start = start }

        var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
        func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
        func skip(_ s: BuildReport.Skipped) { lock.lock(); skipped.append(s); lock.unlock() }
        func record(_ key: String, _ entry: Entry, seconds: Double) {
            lock.lock(); entries[key] = entry; audioSeconds += seconds; lock.unlock()
        }
        /// End of the data file in values (call under the lock).
        var end: Int64 { start + appended }

        /// Appends `values` to the data file under the lock; `make` builds the entry from the offset.
        func append(_ values: [Float16], handle: FileHandle, make: (Int64) -> Entry,
                    done: (Entry?, Error?) -> Void) {
            lock.lock()
            let offset = start + appended
            let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
            do {
                try handle.write(contentsOf: data)
                appended += Int64(values.count)
                lock.unlock()
                done(make(offset), nil)
            } catch {
                lock.unlock()
                done(nil, error)
            }
        }
    }
}
