import ArgumentParser

/// `ablations bench …`: speed and memory benchmarks against references measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Speed and memory benchmarks.",
        subcommands: [
            BenchOpsCommand.self,
        ]
    )
}
