import ArgumentParser
import Foundation
import Lab

/// Runs a Slurm client (`sbatch`, `squeue`, `scancel`) found on PATH and returns its standard output.
enum SlurmTool {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var message: String
        var description: String { "\(command): \(message)" }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let command = ([tool] + arguments).joined(separator: " ")
        do { try process.run() } catch { throw Failure(command: command, message: "cannot start: \(error.localizedDescription)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(command: command, message: "exit status \(process.terminationStatus)" + (text.isEmpty ? "" : ": \(text)"))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What the queue holds now (`squeue`, every job of every user: ids are matched by the caller).
    static func queue() throws -> SlurmQueue {
        try SlurmQueue(parsing: run("squeue", ["--noheader", "--array", "--format", SlurmQueue.format]))
    }

    /// Submits `script` and returns the job id (`sbatch --parsable` prints "id" or "id;cluster").
    static func submit(_ script: URL, dependency: String?) throws -> String {
        let output = try run("sbatch", ["--parsable"] + (dependency.map { ["--dependency=\($0)"] } ?? []) + [script.path])
        let id = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw Failure(command: "sbatch \(script.path)", message: "unexpected output '\(output)'")
        }
        return id
    }

    /// Prints `error: <failure>` and exits 1.
    static func exiting(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}
