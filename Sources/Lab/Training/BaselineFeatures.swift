import Foundation

/// The `baseline` model's inputs written for an outside reference
/// (`Fixtures/reference/baseline/baseline_sklearn.py`): the pooled statistics (before
/// standardisation) and the targets of every training window (un-augmented, each once, as the
/// standardisation sees them) and of every evaluation window, as float32 `.npy` files
/// `<set>_x.npy` [n, S·F] and `<set>_y.npy` [n, C] for set ∈ train, validation, test, soundscapes
/// (sets without windows are left out), plus `classes.txt` (one class a line) and
/// `fingerprint.txt` (the data's `DataFingerprint`, so a reference can say which data it saw).
public enum BaselineFeatures {
    /// Writes the files of `spec` (a `.baseline` model) and `seed` on `context.data` into `folder`;
    /// returns the window count per set.
    @discardableResult
    public static func export(spec: AblationSpec, seed: Int, context: Experiment.Context, to folder: URL) throws -> [String: Int] {
        guard case .baseline(let b) = spec.model else {
            throw InputError(file: "spec \(spec.name)", column: "model", "expected a {\"baseline\": …} model, found \(spec.model.label)")
        }
        Threads.configure(context.threads)
        let data = try ExperimentInputs.data(spec: spec, seed: seed, context: context)
        let config = BaselineConfig(frames: data.frames, bins: data.bins, statistics: b.statistics, classes: data.classes.count)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        let batchSize = max(spec.training.batchSize, 1)
        let sets: [(String, Int, (Range<Int>) throws -> Batch)] =
            [("train", data.trainingWindowCount, { try data.trainingWindowBatch(range: $0) })]
            + EvaluationSet.allCases.map { set in (set.rawValue, data.evaluationCount(set), { try data.evaluationBatch(set, range: $0) }) }
        for (name, n, batch) in sets where n > 0 {
            var x: [Float] = [], y: [Float] = []
            var start = 0
            while start < n {
                let window = try batch(start ..< min(n, start + batchSize))  // [b, T, F]
                x += PooledStatistics.pool(batch: window.inputs, count: window.count, frames: config.frames, bins: config.bins,
                                           statistics: config.statistics)  // [b, S·F]
                y += window.targets  // [b, C]
                start += window.count
            }
            try NPY.write(x, shape: [n, config.features], to: folder.appendingPathComponent("\(name)_x.npy"))
            try NPY.write(y, shape: [n, config.classes], to: folder.appendingPathComponent("\(name)_y.npy"))
            counts[name] = n
        }
        try AtomicFile.write(Data((data.classes.joined(separator: "\n") + "\n").utf8), to: folder.appendingPathComponent("classes.txt"))
        try AtomicFile.write(Data((context.dataFingerprint + "\n").utf8), to: folder.appendingPathComponent("fingerprint.txt"))
        return counts
    }
}
