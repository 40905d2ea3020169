import ArgumentParser
import Foundation
import Lab

/// `ablations run [--suite NAME | --suite-file FILE] [--spec NAME] [--seed S] [--shared-only] [--data DIR] [--runs DIR] [--reports DIR]`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a suite (or one spec / one seed of it) and write run records; a whole suite also writes its report.",
        discussion: """
        Each (spec, seed) is one job writing <runs>/<suite>/<spec>/seed-<s>/record.json atomically. A job whose \
        record exists for the same recipe and data is reused; an interrupted job resumes from its checkpoints. \
        `ablations run --spec NAME --seed S` runs one job alone (what a scheduler fans out). Without --spec and \
        --seed the suite's report is written to --reports (default: Reports for `default`, Reports/<suite> otherwise).
        """)

    @OptionGroup var selection: SuiteSelection

    @Option(help: "Run only this spec of the suite.")
    var spec: String?

    @Option(help: "Run only this seed.")
    var seed: Int?

    @Option(help: "Report folder (default: Reports for the default suite, Reports/<suite> for ci and full, <runs>/reports/<suite> for a --suite-file).")
    var reports: String?

    @Flag(help: "Only the work the jobs share (data, feature caches, MAE pretraining); no training, no report. What a scheduler runs before fanning out.")
    var sharedOnly = false

    @OptionGroup var options: HarnessOptions

    func run() throws {
        try reportingInputErrors {
            let (suite, dataFolder) = try selection.load()
            let jobs = try SuiteRunner.jobs(of: suite, spec: spec, seed: seed)
            let context = try options.context(for: suite, dataFolder: dataFolder)
            if sharedOnly { return try SuiteRunner.prepareShared(jobs, context: context) }
            _ = try runJobs(jobs, context: context, options: options, suiteArguments: selection.arguments)
            if spec == nil && seed == nil || reports != nil {
                try writeReport(suite: suite, runs: options.runsURL,
                                reports: reports ?? selection.reportsFolder(for: suite, runs: options.runs))
            }
        }
    }
}
