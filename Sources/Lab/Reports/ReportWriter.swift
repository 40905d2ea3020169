import Foundation

/// Writes a report folder from run records: `README.md`, `records/<suite>/…/record.json` (the
/// records it was rendered from, so `ablations report --runs <reports>/records` re-renders it),
/// and `plots/` with gnuplot scripts, data, PNG and SVG. Every file is written atomically.
public enum ReportWriter {
    public struct Output: Sendable {
        public var files: [String]
        /// Set when gnuplot was missing or failed: the scripts are written, the images are not.
        public var gnuplotProblem: String?
    }

    /// The text files of a report (relative path → contents), without running gnuplot.
    public static func render(suite: String, records: [RunRecord]) throws -> [String: Data] {
        let rows = try ReportRow.group(records)
        let figures = GnuplotFigures.make(suite: suite, rows: rows)
        var files: [String: Data] = ["README.md": Data(MarkdownReport.render(suite: suite, rows: rows, plots: figures).utf8)]
        for figure in figures {
            files["plots/\(figure.name).gp"] = Data(figure.script.utf8)
            for (name, text) in figure.data { files["plots/\(name)"] = Data(text.utf8) }
        }
        for record in records {
            files["records/\(suite)/\(record.spec.name)/seed-\(record.seed)/\(RunFolder.recordName)"] = try record.encoded()
        }
        return files
    }

    /// Renders and writes the report into `folder`, then runs gnuplot on every script.
    public static func write(suite: String, records: [RunRecord], to folder: URL) throws -> Output {
        let files = try render(suite: suite, records: records)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(data, to: folder.appendingPathComponent(path))
        }
        var written = files.keys.sorted()
        var problem: String?
        let plots = folder.appendingPathComponent("plots")
        for script in files.keys.sorted() where script.hasSuffix(".gp") {
            let name = URL(fileURLWithPath: script).deletingPathExtension().lastPathComponent
            do {
                try Gnuplot.run(script: "\(name).gp", in: plots, outputs: ["\(name).png", "\(name).svg"])
                written += ["plots/\(name).png", "plots/\(name).svg"]
            } catch {
                problem = "\(error)"
            }
        }
        return Output(files: written, gnuplotProblem: problem)
    }
}

/// Runs gnuplot on a script in a folder. Images are first written to a private temporary folder
/// and then moved into place, so a failed or killed run never leaves a half-written image.
public enum Gnuplot {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func run(script: String, in folder: URL, outputs: [String]) throws {
        let fm = FileManager.default
        let scratch = folder.appendingPathComponent(".gnuplot-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        for item in try fm.contentsOfDirectory(atPath: folder.path) where item.hasSuffix(".dat") || item == script {
            try fm.copyItem(at: folder.appendingPathComponent(item), to: scratch.appendingPathComponent(item))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot", script]
        process.currentDirectoryURL = scratch
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch {
            throw Failure(description: "gnuplot could not be started (\(error)); install gnuplot (Debian: gnuplot-nox) and rerun `ablations report`")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "gnuplot \(script) failed (status \(process.terminationStatus)): \(message)")
        }
        for output in outputs {
            let produced = scratch.appendingPathComponent(output)
            guard fm.fileExists(atPath: produced.path) else {
                throw Failure(description: "gnuplot \(script) did not write \(output): \(message)")
            }
            if rename(produced.path, folder.appendingPathComponent(output).path) != 0 {
                throw Failure(description: "cannot move \(output) into \(folder.path)")
            }
        }
    }
}
