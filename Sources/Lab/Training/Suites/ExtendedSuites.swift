/// Rows beyond the study (issue 19), in suites of their own so `default` keeps its time budget:
/// `extended` (the default fixture and sizes; `scripts/run.sh` does not run it) and `extended-ci`
/// (the ci fixture and sizes). Each holds the study rows of its base suite plus:
///
/// - `teacher-1`: `audio-only` + pseudo-labels from its own teacher (self-training, 1 round)
///   instead of BirdNET's — read against `pseudo-labels`;
/// - `teacher-2`: the same with 2 rounds (out-of-fold student-teachers, soft labels ^ 1/0.6);
/// - `ensemble`: the mean of the `mixup` (ViT) and `efficientnet` rows' probabilities, no training.
extension Suite {
    /// The default suite's rows and sizes plus the issue-19 rows.
    public static let extended: Suite = Suite.default.extended(
        name: "extended", summary: "the default suite plus self-training and an ensemble (not run by scripts/run.sh)")

    /// The ci suite's rows and sizes plus the issue-19 rows.
    public static let extendedCI: Suite = Suite.ci.extended(
        name: "extended-ci", summary: "the ci suite plus self-training and an ensemble")

    /// This suite's rows plus `teacher-1`, `teacher-2` and `ensemble`.
    func extended(name: String, summary: String) -> Suite {
        var suite = self
        suite.name = name
        suite.summary = summary
        suite.rows += ExtendedRows.make(audioOnly: specs[0], mixup: specs[2], efficientNet: specs[4])
        return suite
    }
}

/// The rows `Suite.extended(name:summary:)` adds.
public enum ExtendedRows {
    public static func make(audioOnly: AblationSpec, mixup: AblationSpec, efficientNet: AblationSpec) -> [SuiteRow] {
        var teacher1 = audioOnly
        teacher1.name = "teacher-1"; teacher1.title = "(1) + pseudo-labels from its own teacher, 1 round"; teacher1.parent = audioOnly.name
        teacher1.data.pseudoLabels = PseudoLabelSpec(source: .teacher, rounds: 1)

        var teacher2 = teacher1
        teacher2.name = "teacher-2"; teacher2.title = "(1) + pseudo-labels from its own teacher, 2 rounds"
        teacher2.data.pseudoLabels = PseudoLabelSpec(source: .teacher, rounds: 2, teacherFolds: 2, softLabelPower: 1 / 0.6)

        var ensemble = mixup
        ensemble.name = "ensemble"; ensemble.title = "mean of (3) ViT and (5) EfficientNet probabilities"; ensemble.parent = mixup.name
        ensemble.ensemble = EnsembleSpec(members: [mixup.name, efficientNet.name])

        return [SuiteRow(spec: teacher1, knob: .pseudoLabels), SuiteRow(spec: teacher2, knob: .pseudoLabels),
                SuiteRow(spec: ensemble, knob: .ensemble)]
    }
}
