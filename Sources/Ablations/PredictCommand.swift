import ArgumentParser
import Foundation
import Lab

/// `ablations predict --checkpoint FILE|DIR [--checkpoint …] [--weights W …] --soundscapes DIR --output submission.csv`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict soundscapes with one or several trained checkpoints and write a Kaggle BirdCLEF-2025 submission CSV.",
        discussion: """
        A checkpoint is a finished run's weights file (e.g. runs/default/mixup/seed-0/best.safetensors) or its run \
        folder (its best.safetensors is used); the record.json beside it supplies the spec (front end, model) and the \
        class list. Every soundscape (ogg, wav, flac, mp3) is cut into 5 s windows (the last one zero-padded); rows are \
        `<name>_<end second>` with one probability column per class, in class order. With several checkpoints (same \
        class list) the probabilities are averaged, weighted by --weights (one per checkpoint, normalised; default equal).
        """)

    @Option(help: "Weights file or run folder of a finished run (repeat for an ensemble).")
    var checkpoint: [String]

    @Option(parsing: .upToNextOption, help: "One weight per checkpoint for the average (default: equal).")
    var weights: [Double] = []

    @Option(help: "Folder of soundscape recordings.")
    var soundscapes: String

    @Option(help: "Submission CSV to write.")
    var output: String = "submission.csv"

    @Option(help: "Threads for BLAS and parallel loops (default: all cores).")
    var threads: Int?

    func run() throws {
        try reportingInputErrors {
            Threads.configure(threads)
            let members = try checkpoint.map(Self.load)
            let mix = try ProbabilityAverage.normalized(weights.isEmpty ? nil : weights, count: members.count, file: "--weights")
            let classes = members[0].record.data.classes
            for m in members.dropFirst() where m.record.data.classes != classes {
                throw InputError(file: m.weights.path, column: "data.classes", "its class list differs from \(members[0].weights.path)'s; an average needs the same classes")
            }
            let folder = URL(fileURLWithPath: soundscapes, isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                throw InputError(file: folder.path, "soundscape folder not found")
            }
            let files = names.filter { ["ogg", "wav", "flac", "mp3"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            guard !files.isEmpty else { throw InputError(file: folder.path, "no ogg, wav, flac or mp3 files") }
            var ids: [String] = [], probabilities: [[Float]] = []
            let progress = Progress("predict", total: files.count, plain: true)
            for name in files {
                let file = folder.appendingPathComponent(name)
                var rows: [String] = [], perModel: [[Float]] = []
                for m in members {
                    let (r, p) = try Prediction.soundscape(file, model: m.model, frontEnd: m.record.spec.frontEnd)
                    rows = r
                    perModel.append(p.flatMap { $0 })  // [windows · C]
                }
                let mean = try ProbabilityAverage.mean(perModel, weights: mix, file: file.path)
                ids += rows
                probabilities += (0 ..< rows.count).map { Array(mean[$0 * classes.count ..< ($0 + 1) * classes.count]) }
                progress.advance()
            }
            progress.finish()
            try AtomicFile.write(try Submission.csv(rowIDs: ids, classes: classes, probabilities: probabilities),
                                 to: URL(fileURLWithPath: output))
            print("predict: \(members.count) model\(members.count == 1 ? "" : "s"), \(files.count) soundscapes, \(ids.count) rows × \(classes.count) classes → \(output)")
        }
    }

    /// A checkpoint argument: a weights file, or a run folder (its best.safetensors).
    static func load(_ path: String) throws -> (weights: URL, record: RunRecord, model: any Classifier) {
        var weights = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: weights.path, isDirectory: &isFolder) else { throw InputError(file: weights.path, "checkpoint not found") }
        if isFolder.boolValue { weights = weights.appendingPathComponent("best.safetensors") }
        guard FileManager.default.fileExists(atPath: weights.path) else { throw InputError(file: weights.path, "checkpoint not found (a run folder must hold best.safetensors)") }
        let record = try RunRecord.read(from: weights.deletingLastPathComponent().appendingPathComponent(RunFolder.recordName))
        return (weights, record, try Prediction.model(for: record, weights: weights))
    }
}
