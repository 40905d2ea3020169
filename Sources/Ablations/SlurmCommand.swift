import ArgumentParser

/// `ablations slurm submit|status`: run a suite as a Slurm job array (DESIGN: one job per (spec, seed)).
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a suite on a Slurm cluster: one array task per (spec, seed), shared work first, the report last.",
        subcommands: [SlurmSubmitCommand.self, SlurmStatusCommand.self])
}
