import ArgumentParser
import Foundation
import Lab

/// `ablations`: the Birdlab command-line tool.
@main
struct Ablations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablations",
        abstract: "Reproduce and extend the BirdCLEF-2025 Bird-MAE ablation study.",
        subcommands: [
            InfoCommand.self,
            FixtureCommand.self,
            DataCommand.self, DetectCommand.self, PlanCommand.self,
            FeaturesCommand.self, BaselineFeaturesCommand.self,
            BenchCommand.self,
            ScoreCommand.self,
            ThresholdsCommand.self,
            ListCommand.self, SpecCommand.self, RunCommand.self, ReportCommand.self, CheckCommand.self, GoldenCommand.self, PredictCommand.self,
            SlurmCommand.self,
        ]
    )
}
