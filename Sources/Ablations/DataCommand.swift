import ArgumentParser
import Lab

/// `ablations data …`: inspect a BirdCLEF-layout corpus and build its feature cache.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Check a corpus (report, split, pseudo-labels) and build its feature cache.",
        subcommands: [DataCheckCommand.self, DataCacheCommand.self]
    )
}

extension ErrorPolicy: ExpressibleByArgument {}
