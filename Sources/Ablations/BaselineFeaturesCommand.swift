import ArgumentParser
import Foundation
import Lab

/// `ablations baseline-features --suite NAME --output DIR`: the baseline row's pooled statistics
/// and targets as .npy, for the scikit-learn reference (Fixtures/reference/baseline/).
struct BaselineFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline-features",
        abstract: "Write the baseline row's pooled statistics and targets (train, validation, test, soundscapes) as float32 .npy.",
        discussion: """
        For the suite's `baseline` row and --seed: <output>/<set>_x.npy [windows, statistics × bins] (not standardised; the \
        training windows un-augmented, each once) and <set>_y.npy [windows, classes], plus classes.txt. \
        Fixtures/reference/baseline/baseline_sklearn.py fits scikit-learn's logistic regression on them.
        """)

    @Option(help: "Suite (ci, default, full).")
    var suite: String = "default"

    @Option(help: "The seed (the data split does not depend on it; window order and batches do not matter here).")
    var seed: Int = 0

    @Option(help: "Output folder.")
    var output: String

    @OptionGroup var options: HarnessOptions

    func run() throws {
        try reportingInputErrors {
            let suite = try Suite.named(suite)
            guard let spec = suite.rows.first(where: { if case .baseline = $0.spec.model { return true } else { return false } })?.spec else {
                throw InputError(file: "--suite \(suite.name)", "the suite has no baseline row")
            }
            let counts = try BaselineFeatures.export(spec: spec, seed: seed, context: try options.context(for: suite),
                                                     to: URL(fileURLWithPath: output, isDirectory: true))
            print("baseline features of \(suite.name)/\(spec.name): " + counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")
                  + " windows → \(output)")
        }
    }
}
