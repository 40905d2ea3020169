import ArgumentParser
import Foundation
import Lab

/// `ablations bench data-cache --data DIR`: feature-cache build speed next to its two parts
/// (decoding alone, the front end alone) measured on one core in the same run.
struct BenchDataCacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data-cache",
        abstract: "Cache-building throughput vs decode-only and front-end-only references, with an extrapolation to the real BirdCLEF-2025 corpus."
    )

    @Option(help: "Corpus folder.")
    var data: String
    @Option(name: .customLong("front-end"), help: "bird-mae | study-cnn")
    var frontEnd: String = "bird-mae"
    @Option(help: "Only the first N files.")
    var limit: Int?

    func run() throws {
        try reportingInputErrors {
            let front: FrontEnd = frontEnd == "study-cnn" ? .studyCNN : .birdMAE
            let corpus = try Corpus.load(URL(fileURLWithPath: data), policy: .skip)
            var files = corpus.recordings.map(\.url) + corpus.soundscapes
            if let limit { files = Array(files.prefix(limit)) }

            let m = try Self.measure(files: files, frontEnd: front)
            let r = m.report, audioSeconds = m.audioSeconds, decodeCPU = m.decodeCPU, decodeWall = m.decodeWall
            let frontCPU = m.frontCPU, frontWall = m.frontWall, buildCPU = m.buildCPU
            let windows = Double(r.windowsComputed)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            print("files \(files.count), windows \(r.windowsComputed), audio \(String(format: "%.0f", audioSeconds)) s, front end \(frontEnd)")
            print(String(format: "decode only (1 core):    %.0f× real time wall, %.0f× per CPU-second", audioSeconds / decodeWall, audioSeconds / decodeCPU))
            print(String(format: "front end only (1 core): %.2f ms/window wall, %.2f ms CPU", frontWall * 1000, frontCPU * 1000))
            let partsCPU = m.partsCPU
            print(String(format: "CPU cost of the build / sum of its parts (decode + front end): %.2f (the rest: cutting windows, float16, writing)",
                         buildCPU / partsCPU))
            print(String(format: "wall rate / ideal %d-core rate from the parts' CPU cost (%.1f windows/s): %.2f (below 1 when other processes share the cores)",
                         cores, Double(cores) * windows / partsCPU, r.windowsPerSecond / (Double(cores) * windows / partsCPU)))
            // The real corpus: 28,564 recordings ≈ 7.33 windows each (the study's 22,100 windows
            // from 3,016 files) + ~9,700 one-minute soundscapes × 12.
            let realWindows = 28_564 * 22_100.0 / 3_016 + 9_700 * 12
            let perWindowCPU = buildCPU / windows
            print(String(format: "real BirdCLEF-2025 (≈ %.0f windows): %.0f min at this run's wall rate; %.0f min on %d idle cores at its CPU cost; %.1f GiB float16",
                         realWindows, realWindows / r.windowsPerSecond / 60, realWindows * perWindowCPU / Double(cores) / 60, cores,
                         realWindows * Double(r.bytesOnDisk) / windows / 1_073_741_824))
        }
    }

    /// A cache build's cost next to its parts, each measured alone.
    struct Measurement {
        var report: FeatureCache.BuildReport
        var audioSeconds: Double
        /// Decoding every file on one core.
        var decodeCPU: Double, decodeWall: Double
        /// The front end on one window, one core (mean of 200).
        var frontCPU: Double, frontWall: Double
        /// The cache build on all cores.
        var buildCPU: Double
        /// The CPU cost of the build's parts: decoding the files it read + the front end per window.
        var partsCPU: Double { decodeCPU * Double(report.files) / Double(files) + frontCPU * Double(report.windowsComputed) }
        var files: Int
        var windows: Int { report.windowsComputed }
    }

    /// Decodes every file on one core, times the front end on 200 windows on one core, then builds
    /// a fresh cache of `files` on all cores (in a temporary folder, removed after).
    static func measure(files: [URL], frontEnd front: FrontEnd) throws -> Measurement {
        guard let first = files.first else { throw InputError(file: "--data", "no audio files to measure") }
        var cpu = cpuSeconds(), wall = Date()
        var audioSeconds = 0.0
        for url in files { audioSeconds += Double(try AudioFile.read(url).count) / 32_000 }
        let decodeCPU = cpuSeconds() - cpu, decodeWall = Date().timeIntervalSince(wall)
        let clip = try AudioFile.read(first, duration: 5)
        cpu = cpuSeconds(); wall = Date()
        for _ in 0 ..< 200 { _ = front(clip) }
        let frontCPU = (cpuSeconds() - cpu) / 200, frontWall = Date().timeIntervalSince(wall) / 200
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-bench-cache-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        cpu = cpuSeconds()
        let report = try FeatureCache(root: folder, frontEnd: front).build(files, skipUnreadable: true)
        return Measurement(report: report, audioSeconds: audioSeconds, decodeCPU: decodeCPU, decodeWall: decodeWall,
                           frontCPU: frontCPU, frontWall: frontWall, buildCPU: cpuSeconds() - cpu, files: files.count)
    }

    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
