import Foundation

/// The text of a submission's three sbatch scripts. Each wrapper writes its command's exit status
/// to `logs/<name>.exit` (atomically, via rename) so `ablations slurm status` can tell a failed
/// task from a finished one without Slurm accounting.
///
/// - shared: the work the array's jobs share, once — the data (fixture), the feature caches and
///   the MAE pretraining (`ablations run --shared-only`); the array depends on it with `afterok`.
/// - array: task `i` runs `manifest.jobs[i]` with `--threads $SLURM_CPUS_PER_TASK`.
/// - report: `ablations report` over every record of the suite, `afterany` on the array.
public enum SlurmScripts {
    public static func text(_ stage: SlurmLayout.Stage, manifest m: SlurmManifest) -> String {
        switch stage {
        case .shared: return shared(m)
        case .array: return array(m)
        case .report: return report(m)
        }
    }

    static func shared(_ m: SlurmManifest) -> String {
        let commands = m.jobs.map { "  " + run(m, spec: quote($0.spec), seed: "\($0.seed)", extra: ["--shared-only"]) }
        return header(m, stage: .shared, comment: "shared work of \(m.jobs.count) job(s): data, feature caches, MAE pretraining")
            + "(\n  set -e\n" + commands.joined(separator: "\n") + "\n)\n" + footer(m, stage: .shared)
    }

    static func array(_ m: SlurmManifest) -> String {
        let cases = m.jobs.enumerated().map { "  \($0.offset)) spec=\(quote($0.element.spec)); seed=\($0.element.seed) ;;" }
        return header(m, stage: .array, comment: "\(m.jobs.count) job(s), array task i runs jobs[i] of \(manifestPath(m))")
            + "case \"${SLURM_ARRAY_TASK_ID:-}\" in\n" + cases.joined(separator: "\n") + "\n"
            + "  *) echo \"array task '${SLURM_ARRAY_TASK_ID:-}' is not in \(manifestPath(m))\" >&2; exit 2 ;;\nesac\n"
            + run(m, spec: "\"$spec\"", seed: "\"$seed\"", extra: []) + "\n" + footer(m, stage: .array)
    }

    static func report(_ m: SlurmManifest) -> String {
        header(m, stage: .report, comment: "the suite's report from every record in the runs folder")
            + "\(quote(m.executable)) report --suite \(quote(m.suite)) --runs \(quote(m.runs)) --reports \(quote(m.reports))\n"
            + footer(m, stage: .report)
    }

    /// `ablations run` of one job with the submission's data, runs folder and the task's CPUs as threads.
    static func run(_ m: SlurmManifest, spec: String, seed: String, extra: [String]) -> String {
        var words = [quote(m.executable), "run", "--suite", quote(m.suite), "--spec", spec, "--seed", seed]
        if let data = m.data { words += ["--data", quote(data)] }
        words += ["--runs", quote(m.runs), "--threads", "\"${SLURM_CPUS_PER_TASK:-\(m.resources.cpusPerTask)}\""] + extra
        return words.joined(separator: " ")
    }

    static func header(_ m: SlurmManifest, stage: SlurmLayout.Stage, comment: String) -> String {
        let layout = SlurmLayout(runs: URL(fileURLWithPath: m.runs, isDirectory: true))
        let logs = layout.logsFolder(suite: m.suite, submission: m.submission).path
        let output = stage == .array ? "\(logs)/task-%a.log" : layout.logURL(suite: m.suite, submission: m.submission, stage: stage).path
        var lines = ["#!/bin/bash",
                     "# Birdlab \(m.suite), submission \(m.submission), \(stage.rawValue): \(comment).",
                     "#SBATCH --job-name=birdlab-\(m.suite)-\(stage.rawValue)",
                     "#SBATCH --output=\(output)",
                     "#SBATCH --chdir=\(m.workingDirectory)",
                     "#SBATCH --cpus-per-task=\(m.resources.cpusPerTask)"]
        if stage == .array { lines += ["#SBATCH --array=0-\(m.jobs.count - 1)", "#SBATCH --kill-on-invalid-dep=yes"] }
        if let p = m.resources.partition { lines.append("#SBATCH --partition=\(p)") }
        if let mem = m.resources.mem { lines.append("#SBATCH --mem=\(mem)") }
        if let time = m.resources.time { lines.append("#SBATCH --time=\(time)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the exit status of the last command to the stage's `.exit` file and exits with it.
    static func footer(_ m: SlurmManifest, stage: SlurmLayout.Stage) -> String {
        let logs = SlurmLayout(runs: URL(fileURLWithPath: m.runs, isDirectory: true)).logsFolder(suite: m.suite, submission: m.submission).path
        let exit = stage == .array ? "\(quote(logs + "/task-"))\"$SLURM_ARRAY_TASK_ID\".exit" : quote("\(logs)/\(stage.rawValue).exit")
        return "status=$?\necho \"$status\" > \(exit).tmp && mv \(exit).tmp \(exit)\nexit \"$status\"\n"
    }

    static func manifestPath(_ m: SlurmManifest) -> String {
        SlurmLayout(runs: URL(fileURLWithPath: m.runs, isDirectory: true)).manifestURL(suite: m.suite, submission: m.submission).path
    }

    /// `text` as one single-quoted shell word.
    public static func quote(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+=:,@%".unicodeScalars.contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
