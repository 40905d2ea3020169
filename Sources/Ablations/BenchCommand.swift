import ArgumentParser

/// `ablations bench …`: speed measurements printed next to a reference measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed against references run side by side.",
        subcommands: [
            BenchFeaturesCommand.self,
            BenchMetricsCommand.self,
            BenchOpsCommand.self,
            BenchDataCacheCommand.self,
            BenchTrainStepCommand.self,
            BenchAllCommand.self,
        ]
    )
}
