import ArgumentParser
import Foundation
import Lab

/// `ablations thresholds`: per-species thresholds tuned on a labelled set.
struct ThresholdsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thresholds",
        abstract: "Tune one threshold per species (grid 0.30…0.79 or 0.05…0.95, best F1) and write them as CSV.",
        discussion: """
        For each species, the grid value maximizing that species' F1 on the given solution and \
        submission; ties go to the value nearest 0.5, then the lower. Output columns: \
        species,threshold,tuned_on (tuned_on is --tuned-on, default the solution's file name).
        """)

    @Option(help: "Solution CSV (row_id + one 0/1 column per species).")
    var solution: String

    @Option(help: "Submission CSV (row_id + one score column per species).")
    var submission: String

    @Option(help: "Where to write the thresholds CSV (written atomically).")
    var output: String

    @Option(help: "Threshold grid: study (0.30…0.79, the study's) or wide (0.05…0.95).")
    var grid: ThresholdGrid = .study

    @Option(name: .customLong("tuned-on"), help: "Name of the tuning set recorded in the file (default: solution file name).")
    var tunedOn: String?

    func run() throws {
        try reportingInputErrors {
            let tables = try ScoredTables(solution: URL(fileURLWithPath: solution), submission: URL(fileURLWithPath: submission))
            let name = tunedOn ?? URL(fileURLWithPath: solution).lastPathComponent
            let tuned = tuneThresholds(targets: tables.targets, scores: tables.scores, tunedOn: name, grid: grid)
            try ThresholdsFile.write(tuned, species: tables.species, to: URL(fileURLWithPath: output))
            let changed = tuned.values.filter { $0 != 0.5 }.count
            print("wrote \(tuned.values.count) thresholds to \(output) (\(changed) differ from 0.5; tuned on '\(name)')")
        }
    }
}

extension ThresholdGrid: ExpressibleByArgument {}
