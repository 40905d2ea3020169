import Foundation

/// Self-training (`data.pseudoLabels.source: teacher`, DESIGN §17): the harness's own models
/// label the training soundscapes, rounds of teacher → student, every teacher out of fold.
///
/// Round 1's teacher is the student's spec without pseudo-labels: it trains on no soundscape
/// labels, so one teacher labels every training soundscape. Round r ≥ 2 splits the training
/// soundscapes into K folds (name order, i mod K); fold k is labelled by the round r − 1 student
/// trained without fold k's pseudo-labels (`heldOutFold`), so no teacher labels a soundscape whose
/// labels it trained on. Its probabilities are raised to `softLabelPower` and every window's
/// scores become detections (`TeacherDetections`) that go through the same rules as BirdNET's
/// (`PseudoLabels.make`: 0.35 filter, θ per class, soft targets).
///
/// Teachers are shared work: each is an ordinary job of spec `shared/teacher-<recipe hash>` in
/// the suite's shared folder (`SuiteRunner.runLocked`: job lock, record reuse by recipe and data),
/// so every seed-s row asking for the same teacher trains it once; the teacher of round r is
/// trained before (and reused by) round r + 1.
public enum SelfTraining {
    /// Detections of rounds 1 … R (R = `rounds`) over `soundscapes` (the training soundscapes) for
    /// `spec`'s seed `seed`: the last round's train the student, the others are for measuring.
    public static func detections(spec: AblationSpec, seed: Int, context: Experiment.Context,
                                  soundscapes: [URL]) throws -> [[Detection]] {
        guard var rules = spec.data.pseudoLabels, rules.source == .teacher else {
            throw InputError(file: "spec \(spec.name)", column: "data.pseudoLabels.source", "not a self-training spec")
        }
        let rounds = rules.rounds ?? 1, folds = rules.teacherFolds ?? 2
        guard rounds >= 1 else { throw InputError(file: "spec \(spec.name)", column: "data.pseudoLabels.rounds", "expected ≥ 1; got \(rounds)") }
        guard folds >= 2 else { throw InputError(file: "spec \(spec.name)", column: "data.pseudoLabels.teacherFolds", "expected ≥ 2; got \(folds)") }
        rules.heldOutFold = nil
        var base = spec
        base.data.pseudoLabels = rules
        return try (1 ... rounds).map { try roundDetections(base: base, round: $0, folds: folds, seed: seed, context: context, soundscapes: soundscapes) }
    }

    /// The teacher spec of `round` for fold `fold` (nil for round 1, which has one teacher).
    public static func teacher(of base: AblationSpec, round: Int, fold: Int?) -> AblationSpec {
        var t = base
        if round == 1 {
            t.data.pseudoLabels = nil
        } else {
            t.data.pseudoLabels?.rounds = round - 1
            t.data.pseudoLabels?.heldOutFold = fold
        }
        t.name = "shared/teacher-\(t.recipeHash)"
        t.title = "self-training teacher of round \(round)" + (fold.map { ", fold \($0)" } ?? "")
        t.parent = nil
        return t
    }

    /// The fold (0 ..< `folds`) of training soundscape `name`: its position in name order mod `folds`.
    public static func fold(of name: String, in names: [String], folds: Int) -> Int? {
        LabelOrder.sorted(names).firstIndex(of: name).map { $0 % folds }
    }

    /// The finished run of teacher `spec`: a suite row's own run of the same recipe, data and seed
    /// when there is one (round 1's teacher is usually the parent row), else the shared teacher
    /// job, trained now or reused.
    static func trained(_ spec: AblationSpec, seed: Int, round: Int, fold: Int?, context: Experiment.Context) throws -> (RunRecord, RunFolder) {
        let suiteFolder = context.layout.suiteFolder(context.suite)
        for row in ((try? FileManager.default.contentsOfDirectory(atPath: suiteFolder.path)) ?? []).sorted() where row != "shared" {
            let folder = context.layout.run(suite: context.suite, spec: row, seed: seed)
            guard FileManager.default.fileExists(atPath: folder.checkpointURL("best.safetensors").path),
                  let record = try? folder.reusableRecord(specHash: spec.recipeHash, dataFingerprint: context.dataFingerprint) else { continue }
            FileHandleLog.line("teacher round \(round): the finished run \(folder.url.path) has its recipe; reusing it")
            return (record, folder)
        }
        let record = try TimeBreakdown.job.isolated {
            try SuiteRunner.runLocked(SuiteRunner.Job(row: 0, spec: spec, seed: seed),
                                      tag: "teacher round \(round)\(fold.map { " fold \($0)" } ?? "") seed \(seed)", context: context)
        }
        return (record, context.layout.run(suite: context.suite, spec: spec.name, seed: seed))
    }

    /// A student-teacher's probabilities raised to `power` (nil: unchanged), in [0, 1] still.
    public static func softened(_ probabilities: [Float], power: Double?) -> [Float] {
        guard let power else { return probabilities }
        return probabilities.map { Float(pow(Double($0), power)) }
    }

    static func roundDetections(base: AblationSpec, round: Int, folds: Int, seed: Int, context: Experiment.Context,
                                soundscapes: [URL]) throws -> [Detection] {
        let names = soundscapes.map { $0.deletingPathExtension().lastPathComponent }
        let power = round >= 2 ? base.data.pseudoLabels?.softLabelPower : nil
        var out: [Detection] = []
        for fold in round == 1 ? [nil] : (0 ..< folds).map(Optional.some) {
            let spec = teacher(of: base, round: round, fold: fold)
            let (record, folder) = try trained(spec, seed: seed, round: round, fold: fold, context: context)
            let model = try Prediction.model(for: record, weights: folder.checkpointURL("best.safetensors"))
            let mine = soundscapes.filter { url in
                fold.map { SelfTraining.fold(of: url.deletingPathExtension().lastPathComponent, in: names, folds: folds) == $0 } ?? true
            }
            let progress = Progress("teacher round \(round)\(fold.map { " fold \($0)" } ?? "") labels", total: mine.count)
            for url in mine {
                let (_, probabilities) = try Prediction.soundscape(url, model: model, frontEnd: record.spec.frontEnd,
                                                                   window: base.data.windowSeconds)
                let windows = probabilities.indices.map {
                    TeacherDetections.Window(file: url.deletingPathExtension().lastPathComponent, start: Double($0) * base.data.windowSeconds)
                }
                let scores = probabilities.flatMap { softened($0, power: power) }
                out += try TeacherDetections.detections(scores: scores, windows: windows, classes: record.data.classes,
                                                        length: base.data.windowSeconds)
                progress.advance()
            }
            progress.finish()
        }
        return out
    }
}
