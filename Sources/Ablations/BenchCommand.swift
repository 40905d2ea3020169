import ArgumentParser

/// `ablations bench …`: speed measurements, each printed next to a reference measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Speed benchmarks against reference implementations, measured side by side.",
        subcommands: [
            BenchMetricsCommand.self,
        ]
    )
}
