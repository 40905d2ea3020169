import ArgumentParser
import Foundation
import Lab

/// `ablations bench features`: front-end throughput next to librosa, and decode + resample speed.
struct BenchFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Front-end clips/s and decode speed on one core, next to librosa run in the same process tree.",
        discussion: "Build with -c release. Python 3 with librosa (and torch for the Kaldi fbank) is used when present; otherwise the table says so."
    )

    @Option(help: "Number of 5 s clips per pass.")
    var clips: Int = 200
    @Option(help: "Length of each Ogg Vorbis file for the decode benchmark, in seconds.")
    var decodeSeconds: Double = 60
    @Flag(help: "Skip the Python reference.")
    var noPython = false

    func validate() throws {
        guard clips > 0, decodeSeconds > 0 else { throw ValidationError("--clips and --decode-seconds must be > 0") }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try DecodeBenchmark.writeFiles(seconds: decodeSeconds, in: folder)

        let python = noPython ? .failure(BenchmarkUnavailable(reason: "--no-python"))
            : PythonReferenceBenchmark.run(clips: clips, loadFiles: files.map(\.1))
        let reference: PythonReferenceBenchmark.Result?
        switch python {
        case .success(let result): reference = result
        case .failure(let error): reference = nil; print("reference not measured: \(error.reason)")
        }

        let rows = FeatureBenchmark.run(clips: FeatureBenchmark.clips(count: clips), reference: reference?.msPerClip ?? [:])
        print("\nFront ends: \(clips) clips of 5 s at 32 kHz, one thread, CPU ms (best of 3 passes)"
              + (reference.map { " (reference: \($0.versions))" } ?? ""))
        print(pad("front end", 34) + pad("ms/clip", 9) + pad("clips/s", 9) + pad("reference", 24) + pad("ref ms", 8) + "speed-up")
        for row in rows {
            let speedUp = row.speedUp.map { String(format: "%.1f×", $0) } ?? "n/a"
            print(pad(row.name, 34) + pad(String(format: "%.2f", row.msPerClip), 9) + pad(String(format: "%.0f", row.clipsPerSecond), 9)
                  + pad(row.reference, 24) + pad(row.referenceMsPerClip.map { String(format: "%.2f", $0) } ?? "n/a", 8) + speedUp)
        }
        print("target: mel and fbank ≥ 3× librosa (mel n_fft 1024, hop 320, 128 mels) on one core")

        let decode = try DecodeBenchmark.run(files: files)
        print("\nDecode: \(Int(decodeSeconds)) s Ogg Vorbis files (q 0.4), one thread, audio seconds per CPU second (best of 3)")
        print(pad("file", 40) + pad("decode", 9) + pad("+ resample → 32 kHz", 21) + "librosa.load(sr=32000)")
        for row in decode {
            let load = reference?.loadSeconds[row.url.path].map { String(format: "%.0f×", row.seconds / $0) } ?? "n/a"
            print(pad(row.name, 40) + pad(String(format: "%.0f×", row.decodeRealTime), 9)
                  + pad(String(format: "%.0f×", row.decodeResampleRealTime), 21) + load)
        }
        print("target: decode + resample ≥ 100× real time per core")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
