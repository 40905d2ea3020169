import Foundation

/// Scoring a trained model on held-out windows (DESIGN §10).
public enum Evaluation {
    /// Model outputs on one set: logits and sigmoid scores [rows, C], with the targets.
    public struct Predictions {
        /// Empty for an ensemble's average (only probabilities are averaged).
        public var logits: [Float]
        public var scores: LabelMatrix
        public var targets: LabelMatrix
    }

    /// Predicts every window of `set` in evaluation mode without gradients; nil if the set is empty.
    public static func predict(_ model: any Classifier, data: any ExperimentData, set: EvaluationSet, batchSize: Int,
                               label: String) throws -> Predictions? {
        let n = data.evaluationCount(set)
        guard n > 0 else { return nil }
        let classes = data.classes.count
        model.eval()
        defer { model.train() }
        var logits: [Float] = [], targets: [Float] = []
        logits.reserveCapacity(n * classes); targets.reserveCapacity(n * classes)
        let progress = Progress("\(label) predict", total: n)
        var start = 0
        while start < n {
            let range = start ..< min(n, start + max(batchSize, 1))
            let batch = try data.evaluationBatch(set, range: range)
            let out = Autograd.noGrad { model(Tensor(shape: [batch.count, 1, data.frames, data.bins], values: batch.inputs)) }  // [B, C]
            logits += out.values
            targets += batch.targets
            progress.advance(by: batch.count)
            start = range.upperBound
        }
        progress.finish()
        let scores = logits.map { 1 / (1 + Foundation.exp(-$0)) }
        return Predictions(logits: logits, scores: LabelMatrix(rows: n, classes: classes, values: scores),
                           targets: LabelMatrix(rows: n, classes: classes, values: targets))
    }

    /// Every evaluation set × threshold choice of `spec`. Per-class thresholds are tuned on the
    /// validation predictions and applied unchanged to every set. Returns the results and the
    /// name of the set thresholds were tuned on (nil if no tuned choice was asked for).
    public static func score(_ model: any Classifier, data: any ExperimentData, spec: AblationSpec) throws
        -> (results: [EvaluationResult], tunedOn: String?)
    {
        var predictions: [EvaluationSet: Predictions] = [:]
        for set in setsToPredict(spec) {
            predictions[set] = try predict(model, data: data, set: set, batchSize: spec.training.batchSize, label: set.rawValue)
        }
        return try score(predictions, spec: spec)
    }

    /// The sets `score` predicts: the spec's evaluation sets and validation (thresholds are tuned on it).
    public static func setsToPredict(_ spec: AblationSpec) -> [EvaluationSet] {
        Set(spec.evaluation.sets + [.validation]).sorted()
    }

    /// Scores predictions already made (by one model or an ensemble's average) on the spec's sets
    /// and threshold choices, tuning per-class thresholds on `predictions[.validation]`.
    public static func score(_ predictions: [EvaluationSet: Predictions], spec: AblationSpec) throws
        -> (results: [EvaluationResult], tunedOn: String?)
    {
        var tuned: TunedThresholds?
        if spec.evaluation.thresholds.contains(.tunedOnValidation) {
            guard let v = predictions[.validation] else {
                throw InputError(file: "validation set", "no validation windows to tune thresholds on")
            }
            tuned = tuneThresholds(targets: v.targets, scores: v.scores, tunedOn: EvaluationSet.validation.rawValue,
                                   grid: spec.evaluation.tuningGrid)
        }
        var results: [EvaluationResult] = []
        for set in spec.evaluation.sets.sorted() {
            guard let p = predictions[set] else { continue }
            for choice in spec.evaluation.thresholds.sorted() {
                let policy: ThresholdPolicy
                switch choice {
                case .fixed(let t): policy = .scalar(t)
                case .tunedOnValidation: policy = tuned!.policy
                }
                results.append(EvaluationResult(set: set, thresholds: choice,
                                                metrics: scoreMultiLabel(targets: p.targets, scores: p.scores, thresholds: policy)))
            }
        }
        return (results, tuned?.tunedOn)
    }
}
