import ArgumentParser
import Foundation
import Lab

/// `ablations predict --checkpoint FILE --soundscapes DIR --output submission.csv`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict soundscapes with a trained checkpoint and write a Kaggle BirdCLEF-2025 submission CSV.",
        discussion: """
        The checkpoint is a run's weights file (e.g. runs/default/mixup/seed-0/best.safetensors); the record.json \
        beside it supplies the spec (front end, model) and the class list. Every soundscape (ogg/wav/flac/mp3) is cut \
        into 5 s windows; rows are `<name>_<end second>` with one probability column per class, in class order.
        """)

    @Option(help: "Weights file of a finished run (its record.json must be in the same folder).")
    var checkpoint: String

    @Option(help: "Folder of soundscape recordings.")
    var soundscapes: String

    @Option(help: "Submission CSV to write.")
    var output: String = "submission.csv"

    func run() throws {
        try reportingInputErrors {
            let weights = URL(fileURLWithPath: checkpoint)
            guard FileManager.default.fileExists(atPath: weights.path) else {
                throw InputError(file: weights.path, "checkpoint not found")
            }
            let record = try RunRecord.read(from: weights.deletingLastPathComponent().appendingPathComponent(RunFolder.recordName))
            _ = record
            FileHandle.standardError.write(Data("error: \(TrainingNotImplemented(missing: "model inference needs the models layer, which is not in this build"))\n".utf8))
            throw ExitCode(1)
        }
    }
}
