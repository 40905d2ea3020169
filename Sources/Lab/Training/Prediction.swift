import Foundation

/// Predicts soundscapes with a finished run's weights: the run's record gives the spec (front
/// end, model) and class list; every file is cut into 5 s windows (the last one zero-padded).
public enum Prediction {
    /// The classifier of `record`'s spec with the weights in `weights` (a run's best.safetensors).
    public static func model(for record: RunRecord, weights: URL) throws -> any Classifier {
        guard let frames = record.spec.frontEnd.frames else {
            throw InputError(file: weights.path, "the run's front end has no fixed frame count")
        }
        var rng = SeededGenerator(seed: 0)
        let config = ModelBuilder.config(record.spec.model, frames: frames, bins: record.spec.frontEnd.nMels,
                                         classes: record.data.classes.count)
        let model = config.make(rng: &rng, stream: RandomStream(SeededGenerator(seed: 0)))
        try Checkpoint.load(model: model, optimizer: nil, from: weights)
        if let (name, _) = model.namedParameters(prefix: "").first(where: { !NonFiniteTraining.allFinite($0.1) }) {
            throw InputError(file: weights.path, column: name, "the weights hold non-finite values (NaN or inf); refusing to predict with them")
        }
        model.eval()
        return model
    }

    /// Row ids and per-class probabilities for every window of `file`.
    public static func soundscape(_ file: URL, model: any Classifier, frontEnd: FrontEnd, window: Double = 5,
                                  batchSize: Int = 16) throws -> (rowIDs: [String], probabilities: [[Float]]) {
        let samples = try AudioFile.read(file, sampleRate: frontEnd.sampleRate)
        let duration = Double(samples.count) / Double(frontEnd.sampleRate)
        let ids = Submission.rowIDs(soundscape: file.deletingPathExtension().lastPathComponent, duration: duration, window: window)
        let length = Int(window * Double(frontEnd.sampleRate))
        var probabilities: [[Float]] = []
        var start = 0
        while start < ids.count {
            let range = start ..< min(ids.count, start + batchSize)
            var inputs: [Float] = []
            for w in range {
                var clip = Array(samples[min(samples.count, w * length) ..< min(samples.count, (w + 1) * length)])
                clip += [Float](repeating: 0, count: length - clip.count)
                inputs += frontEnd.modelInput(clip).values  // [frames, bins]
            }
            let logits = Autograd.noGrad { model.logits(batch: inputs, count: range.count) }  // [B, C]
            let c = logits.shape[1], values = logits.values
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw InputError(file: file.path, row: range.lowerBound + bad / c + 1,
                                 "the model's output for window \(range.lowerBound + bad / c + 1) is \(values[bad]); refusing to write non-finite probabilities")
            }
            for b in 0 ..< range.count {
                probabilities.append(values[b * c ..< (b + 1) * c].map { 1 / (1 + Foundation.exp(-$0)) })
            }
            start = range.upperBound
        }
        return (ids, probabilities)
    }
}
