import ArgumentParser
import Foundation
import Lab

/// `ablations score`: BirdCLEF-style scoring of a submission against a solution.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a Kaggle-style submission CSV against a solution CSV.",
        discussion: """
        Both files have a row_id column and one column per species; columns match by name and rows \
        by row_id, in any order. Solution cells are 0/1 (or soft, positive when ≥ 0.5); submission \
        cells are scores, predicted when ≥ the threshold. Prints samples F1, micro F1, macro ROC-AUC \
        (over classes with a positive and a negative) and cmAP (over classes with a positive).
        """)

    @Option(help: "Solution CSV (row_id + one 0/1 column per species).")
    var solution: String?

    @Option(help: "Instead of --solution: window labels (row_id,primary_labels, e.g. soundscape_labels.csv); the species columns are the submission's.")
    var labels: String?

    @Option(help: "Submission CSV (row_id + one score column per species).")
    var submission: String

    @Option(help: "One threshold for every species (default 0.5).")
    var threshold: Double?

    @Option(help: "Per-species thresholds CSV (species,threshold,tuned_on), as written by `ablations thresholds`.")
    var thresholds: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(name: .customLong("per-class"), help: "Also list per-species positives, ROC-AUC, AP and threshold.")
    var perClass = false

    func validate() throws {
        if (solution == nil) == (labels == nil) {
            throw ValidationError("give either --solution or --labels")
        }
        if threshold != nil && thresholds != nil {
            throw ValidationError("give either --threshold or --thresholds, not both")
        }
        if let threshold, !(threshold.isFinite && threshold >= 0 && threshold <= 1) {
            throw ValidationError("--threshold must be a number in [0, 1]")
        }
    }

    func run() throws {
        try reportingInputErrors {
            let submitted = try KaggleTable(url: URL(fileURLWithPath: submission))
            let truth = try solution.map { try KaggleTable(url: URL(fileURLWithPath: $0)) }
                ?? KaggleTable(windowLabels: URL(fileURLWithPath: labels ?? ""), species: submitted.species)
            let tables = try ScoredTables(solution: truth, submission: submitted)
            var policy = ThresholdPolicy.scalar(threshold ?? 0.5)
            var thresholdNote = "\(threshold ?? 0.5)"
            if let thresholds {
                let tuned = try ThresholdsFile.read(URL(fileURLWithPath: thresholds), species: tables.species)
                policy = tuned.policy
                thresholdNote = "per class from \(thresholds) (tuned on '\(tuned.tunedOn)')"
            }
            let summary = scoreMultiLabel(targets: tables.targets, scores: tables.scores, thresholds: policy)
            let report = ScoreReport(summary: summary, species: tables.species, policy: policy,
                                     thresholdNote: thresholdNote, perClass: perClass)
            print(json ? report.json() : report.table())
        }
    }
}
