import Foundation

/// The job of an ensemble row (`AblationSpec.ensemble`): no training. For its seed, every member
/// row's finished run (same suite, same seed) predicts the row's evaluation sets with its
/// `best.safetensors`; the probabilities are averaged with the ensemble's weights, thresholds are
/// tuned on the averaged validation probabilities, and the record holds the same results as a
/// trained row's (no epochs; `parameters` is the members' sum).
public enum EnsembleRun {
    /// The record of `spec`'s ensemble for `seed`; the members' records must exist (`SuiteRunner`
    /// runs them first), else an `InputError` naming the missing record.
    public static func run(spec: AblationSpec, seed: Int, context: Experiment.Context) throws -> RunRecord {
        guard let ensemble = spec.ensemble else { throw InputError(file: "spec \(spec.name)", column: "ensemble", "not an ensemble row") }
        Threads.configure(context.threads)
        let started = Date()
        TimeBreakdown.job.reset()
        let weights = try ensemble.normalizedWeights(file: "spec \(spec.name)")
        guard ensemble.members.count >= 2 else {
            throw InputError(file: "spec \(spec.name)", column: "ensemble.members", "an ensemble needs at least two member rows; got \(ensemble.members)")
        }
        var perMember: [[EvaluationSet: Evaluation.Predictions]] = []
        var parameters = 0
        var firstData: (any ExperimentData)?
        for member in ensemble.members {
            let folder = context.layout.run(suite: context.suite, spec: member, seed: seed)
            guard FileManager.default.fileExists(atPath: folder.recordURL.path) else {
                throw InputError(file: folder.recordURL.path, "ensemble '\(spec.name)' needs member '\(member)' seed \(seed) finished first (no record)")
            }
            let record = try RunRecord.read(from: folder.recordURL)
            let model = try Prediction.model(for: record, weights: folder.checkpointURL("best.safetensors"))
            parameters += model.parameterCount
            let data = try TimeBreakdown.job.measure(.shared) { try ExperimentInputs.data(spec: record.spec, seed: seed, context: context) }
            if let first = firstData, first.classes != data.classes {
                throw InputError(file: folder.recordURL.path, column: "data.classes", "member '\(member)' has other classes than '\(ensemble.members[0])'")
            }
            firstData = firstData ?? data
            var predictions: [EvaluationSet: Evaluation.Predictions] = [:]
            try TimeBreakdown.job.measure(.evaluation) {
                for set in Evaluation.setsToPredict(spec) {
                    predictions[set] = try Evaluation.predict(model, data: data, set: set, batchSize: spec.training.batchSize,
                                                              label: "\(member) \(set.rawValue)")
                }
            }
            perMember.append(predictions)
        }
        let averaged = try average(perMember, weights: weights, members: ensemble.members)
        let (results, tunedOn) = try TimeBreakdown.job.measure(.evaluation) { try Evaluation.score(averaged, spec: spec) }
        guard let data = firstData else { throw InputError(file: "spec \(spec.name)", "no members") }
        let outcome = Trainer.Outcome(epochs: [], selectedEpoch: 0, results: results, thresholdsTunedOn: tunedOn, resumedSeconds: 0)
        return Experiment.record(spec: spec, seed: seed, context: context, data: data, parameters: parameters, pretraining: nil,
                                 outcome: outcome, wallSeconds: Date().timeIntervalSince(started))
    }

    /// Per set, the weighted mean of the members' probabilities; the members must have scored the
    /// same windows with the same targets (same split and evaluation sets), else an `InputError`.
    static func average(_ perMember: [[EvaluationSet: Evaluation.Predictions]], weights: [Double], members: [String]) throws
        -> [EvaluationSet: Evaluation.Predictions]
    {
        guard let first = perMember.first else { return [:] }
        var out: [EvaluationSet: Evaluation.Predictions] = [:]
        for (set, p) in first {
            var scores: [[Float]] = []
            for (m, predictions) in perMember.enumerated() {
                guard let q = predictions[set], q.targets == p.targets else {
                    throw InputError(file: "ensemble member \(members[m])", column: set.rawValue,
                                     "its \(set.rawValue) windows or targets differ from \(members[0])'s; members must share the split and data")
                }
                scores.append(q.scores.values)
            }
            let mean = try ProbabilityAverage.mean(scores, weights: weights, file: "ensemble \(set.rawValue)")
            out[set] = Evaluation.Predictions(logits: [], scores: LabelMatrix(rows: p.scores.rows, classes: p.scores.classes, values: mean),
                                              targets: p.targets)
        }
        return out
    }
}
