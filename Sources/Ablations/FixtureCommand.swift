import ArgumentParser
import Foundation
import Lab

/// `ablations fixture --out DIR [--preset ci|default|large] [--seed N] [--preview]`: writes the
/// synthetic BirdCLEF-2025 corpus.
struct FixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture",
        abstract: "Generate the synthetic BirdCLEF-2025 corpus (Kaggle layout, known truth, simulated BirdNET).")

    @Option(help: "Output folder (new, empty, or made by this command before).")
    var out: String

    @Option(help: "Preset: \(FixturePreset.names.joined(separator: ", ")).")
    var preset: String = "default"

    @Option(help: "Seed; the same preset and seed give byte-identical files.")
    var seed: UInt64 = 2025

    @Flag(help: "Also render spectrogram PNGs (gnuplot) of one call per species and one soundscape into OUT/preview/.")
    var preview = false

    @Flag(help: "Only plan the corpus and print its counts; write nothing.")
    var dryRun = false

    func run() throws {
        try reportingInputErrors {
            guard let chosen = FixturePreset.named(preset) else {
                throw InputError(file: "--preset", "unknown preset '\(preset)'; expected one of \(FixturePreset.names.joined(separator: ", "))")
            }
            let folder = URL(fileURLWithPath: out)
            if dryRun {
                let corpus = try FixtureCorpus.plan(preset: chosen, seed: seed)
                print("fixture \(chosen.name), seed \(seed) (dry run, nothing written)")
                for line in FixtureStatistics(corpus).summaryLines { print("  " + line) }
                return
            }
            let report = try FixtureGenerator.generate(preset: chosen, seed: seed, to: folder)
            print("fixture \(chosen.name), seed \(seed) → \(folder.path)")
            for line in report.statistics.summaryLines { print("  " + line) }
            print(String(format: "  time: plan + tables %.2f s, audio %.2f s (%d files)", report.planSeconds, report.audioSeconds, report.audioFiles))
            if preview { try writePreview(report.corpus, to: folder.appendingPathComponent("preview", isDirectory: true)) }
        }
    }

    /// Writes the preview scripts and data, then runs gnuplot on each script.
    func writePreview(_ corpus: FixtureCorpus, to folder: URL) throws {
        var images: [String] = []
        for figure in FixturePreview.figures(corpus) {
            for (name, text) in figure.data { try AtomicFile.write(text, to: folder.appendingPathComponent(name)) }
            try AtomicFile.write(figure.script, to: folder.appendingPathComponent(figure.scriptName))
            do {
                try Gnuplot.run(script: figure.scriptName, in: folder, outputs: figure.outputs)
                images += figure.outputs
            } catch let failure as Gnuplot.Failure {
                FileHandle.standardError.write(Data("warning: \(failure)\n".utf8))
            }
        }
        print("  preview: \(images.joined(separator: ", ")) in \(folder.path)")
    }
}
