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
        ]
    )
}
