import ArgumentParser
import Foundation
import Lab

/// `--suite NAME` or `--suite-file FILE`: a built-in suite, or one written in a YAML or JSON spec
/// file (docs/spec-files.md).
struct SuiteSelection: ParsableArguments {
    @Option(help: "Built-in suite (\(Suite.all.map(\.name).joined(separator: ", "))); default: default.")
    var suite: String?

    @Option(name: .customLong("suite-file"), help: "A suite (or one row) written in a YAML or JSON file, instead of --suite (docs/spec-files.md).")
    var suiteFile: String?

    /// The suite, and the data folder its file names (`data: {folder: …}`), if any.
    func load() throws -> (suite: Suite, dataFolder: URL?) {
        guard let suiteFile else { return (try Suite.named(suite ?? "default"), nil) }
        if let suite { throw InputError(file: "--suite \(suite)", "give --suite or --suite-file, not both") }
        let file = try SuiteFile.load(URL(fileURLWithPath: suiteFile), name: suiteFile)
        return (file.suite, file.dataFolder)
    }

    /// The arguments that select the same suite in a child `ablations run`.
    var arguments: [String] { suiteFile.map { ["--suite-file", $0] } ?? ["--suite", suite ?? "default"] }

    /// The default report folder: `Reports` for `default`, `Reports/<suite>` for the other
    /// built-in suites, `<runs>/reports/<suite>` for a file suite (kept out of the repository).
    func reportsFolder(for suite: Suite, runs: String) -> String {
        suiteFile == nil ? defaultReports(for: suite.name) : "\(runs)/reports/\(suite.name)"
    }
}
