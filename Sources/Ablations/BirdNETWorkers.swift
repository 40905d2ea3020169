import Foundation
import Lab

/// Runs scripts/birdnet_detect.py in `count` processes (each loads the model once, one TFLite
/// thread) and hands them files one at a time from a shared queue, so a long file does not hold
/// up a whole share. Each answer is one JSON line: the file's row count and audio seconds, or an
/// error. Each worker writes its file's detections to the job's `output` path itself.
struct BirdNETWorkers {
    /// One file to analyse: audio in, per-file CSV rows out, the name for the `File` column.
    struct Job: Sendable {
        var audio: URL
        var output: URL
        var fileColumn: String
    }

    /// What came back for one file.
    struct Outcome: Sendable {
        var job: Job
        var audioSeconds: Double
        var error: String?
    }

    var python: URL
    var taxonomy: URL
    var minConfidence: Double
    var count: Int

    /// Analyses `jobs`; `done` is called (from worker threads) after each file.
    func run(_ jobs: [Job], done: @Sendable @escaping (Outcome) -> Void) throws -> [Outcome] {
        let script = CodeVersion.sourceRoot.appendingPathComponent("scripts/birdnet_detect.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw BirdNETEnvironment.SetupError("\(script.path) not found")
        }
        let queue = JobQueue(jobs)
        let results = Results()
        let workers = max(1, min(count, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                let worker = try Worker(python: python, script: script, taxonomy: taxonomy, minConfidence: minConfidence)
                while let job = queue.next() {
                    let outcome = worker.analyse(job)
                    results.add(outcome)
                    done(outcome)
                }
                worker.finish()
            } catch {
                results.fail("\(error)")
            }
        }
        if let failure = results.failure { throw BirdNETEnvironment.SetupError(failure) }
        return results.outcomes
    }

    /// One running script.
    private final class Worker {
        private let process = Process()
        private let input = Pipe(), output = Pipe()
        private lazy var lines = JSONLines(output)

        init(python: URL, script: URL, taxonomy: URL, minConfidence: Double) throws {
            process.executableURL = python
            process.arguments = [script.path, "--taxonomy", taxonomy.path, "--min-conf", String(minConfidence)]
            var environment = ProcessInfo.processInfo.environment
            for key in ["OMP_NUM_THREADS", "NUMBA_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[key] = "1" }
            process.environment = environment
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let ready = lines.object()
            guard ready?["ready"] as? Bool == true else {
                process.terminate()
                let why = ready?["error"] as? String
                throw BirdNETEnvironment.SetupError("\(python.path) \(script.lastPathComponent) did not start" + (why.map { ": \($0)" } ?? ""))
            }
        }

        func analyse(_ job: Job) -> Outcome {
            let line = [job.audio.path, job.output.path, job.fileColumn].joined(separator: "\t") + "\n"
            input.fileHandleForWriting.write(Data(line.utf8))
            guard let answer = lines.object() else {
                return Outcome(job: job, audioSeconds: 0, error: "the BirdNET process stopped while analysing this file")
            }
            if let error = answer["error"] as? String { return Outcome(job: job, audioSeconds: 0, error: error) }
            return Outcome(job: job, audioSeconds: answer["seconds"] as? Double ?? 0, error: nil)
        }

        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }


    }

    private final class JobQueue: @unchecked Sendable {
        private var jobs: [Job]
        private let lock = NSLock()
        init(_ jobs: [Job]) { self.jobs = jobs.reversed() }
        func next() -> Job? { lock.lock(); defer { lock.unlock() }; return jobs.popLast() }
    }

    private final class Results: @unchecked Sendable {
        private(set) var outcomes: [Outcome] = []
        private(set) var failure: String?
        private let lock = NSLock()
        func add(_ o: Outcome) { lock.lock(); outcomes.append(o); lock.unlock() }
        func fail(_ why: String) { lock.lock(); failure = failure ?? why; lock.unlock() }
    }
}
