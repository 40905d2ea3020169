import ArgumentParser
import Foundation
import Lab

/// `ablations predict --checkpoint FILE --soundscapes DIR --output submission.csv`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict soundscapes with a trained checkpoint and write a Kaggle BirdCLEF-2025 submission CSV.",
        discussion: """
        The checkpoint is a finished run's weights file (e.g. runs/default/mixup/seed-0/best.safetensors); the \
        record.json beside it supplies the spec (front end, model) and the class list. Every soundscape (ogg, wav, \
        flac, mp3) is cut into 5 s windows (the last one zero-padded); rows are `<name>_<end second>` with one \
        probability column per class, in class order.
        """)

    @Option(help: "Weights file of a finished run (its record.json must be in the same folder).")
    var checkpoint: String

    @Option(help: "Folder of soundscape recordings.")
    var soundscapes: String

    @Option(help: "Submission CSV to write.")
    var output: String = "submission.csv"

    @Option(help: "Threads for BLAS and parallel loops (default: all cores).")
    var threads: Int?

    func run() throws {
        try reportingInputErrors {
            Threads.configure(threads)
            let weights = URL(fileURLWithPath: checkpoint)
            guard FileManager.default.fileExists(atPath: weights.path) else { throw InputError(file: weights.path, "checkpoint not found") }
            let record = try RunRecord.read(from: weights.deletingLastPathComponent().appendingPathComponent(RunFolder.recordName))
            let model = try Prediction.model(for: record, weights: weights)
            let folder = URL(fileURLWithPath: soundscapes, isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                throw InputError(file: folder.path, "soundscape folder not found")
            }
            let files = names.filter { ["ogg", "wav", "flac", "mp3"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            guard !files.isEmpty else { throw InputError(file: folder.path, "no ogg, wav, flac or mp3 files") }
            var ids: [String] = [], probabilities: [[Float]] = []
            let progress = Progress("predict", total: files.count, plain: true)
            for name in files {
                let (rows, p) = try Prediction.soundscape(folder.appendingPathComponent(name), model: model, frontEnd: record.spec.frontEnd)
                ids += rows; probabilities += p
                progress.advance()
            }
            progress.finish()
            try AtomicFile.write(try Submission.csv(rowIDs: ids, classes: record.data.classes, probabilities: probabilities),
                                 to: URL(fileURLWithPath: output))
            print("predict: \(files.count) soundscapes, \(ids.count) rows × \(record.data.classes.count) classes → \(output)")
        }
    }
}
