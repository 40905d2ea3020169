import ArgumentParser
import Foundation
import Lab

/// Runs `body`; an `InputError` (bad data from the user) or a `NonFiniteTraining` (a diverged run) is
/// printed to standard error and the process exits with status 2. Every subcommand's `run()` goes through this.
func reportingInputErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
    } catch let error as NonFiniteTraining {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}
