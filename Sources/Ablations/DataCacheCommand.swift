import ArgumentParser
import Foundation
import Lab

/// `ablations data cache --data DIR`: build (or refresh) the feature cache of a corpus.
struct DataCacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Compute the features of every 5 s window of train_audio and train_soundscapes once and keep them on disk.",
        discussion: "Prints throughput (windows/s, × real time) and the size on disk. A second run reuses unchanged files."
    )

    @Option(help: "Corpus folder.")
    var data: String
    @Option(help: "Cache folder (default: DIR/feature-cache).")
    var cache: String?
    @Option(name: .customLong("front-end"), help: "bird-mae (fbank [512, 128]) | study-cnn (mel-db [320, 128]).")
    var frontEnd: String = "bird-mae"
    @Option(name: .customLong("on-error"), help: "fail | skip: what to do with bad rows and unreadable audio.")
    var onError: ErrorPolicy = .fail
    @Option(help: "Only the first N files (for measuring).")
    var limit: Int?
    @Flag(name: .customLong("no-soundscapes"), help: "Leave train_soundscapes out.")
    var noSoundscapes = false

    func run() throws {
        try reportingInputErrors {
            let root = URL(fileURLWithPath: data)
            let front: FrontEnd
            switch frontEnd {
            case "bird-mae": front = .birdMAE
            case "study-cnn": front = .studyCNN
            default: throw ValidationError("--front-end must be bird-mae or study-cnn")
            }
            let corpus = try Corpus.load(root, policy: onError)
            var files = corpus.recordings.map(\.url) + (noSoundscapes ? [] : corpus.soundscapes)
            if let limit { files = Array(files.prefix(limit)) }
            let store = try FeatureCache(root: cache.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("feature-cache"), frontEnd: front)
            let r = try store.build(files, skipUnreadable: onError == .skip)
            print("cache: \(store.folder.path)")
            print("front end: \(front.fingerprint)")
            print("files: \(r.files), decoded now: \(r.filesComputed), windows computed: \(r.windowsComputed), reused: \(r.windowsReused)")
            print(String(format: "audio decoded: %.1f s in %.2f s wall → %.1f windows/s, %.1f× real time (%d cores)",
                         r.audioSeconds, r.wallSeconds, r.windowsPerSecond, r.realTimeFactor, ProcessInfo.processInfo.activeProcessorCount))
            print(String(format: "size on disk: %.1f MiB (float16)", Double(r.bytesOnDisk) / 1_048_576))
            print("corrupt or truncated audio skipped: \(r.skipped.count)")
            for s in r.skipped.prefix(10) { print("  \(s.path): \(s.reason)") }
        }
    }
}
