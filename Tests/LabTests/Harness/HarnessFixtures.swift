import Foundation
@testable import Lab

/// Records built in tests (never written to Reports/ or Fixtures/golden): synthetic metric values
/// drawn from a seeded generator, so rendering and statistics can be checked on known inputs.
enum HarnessFixtures {
    static let classes = ["1139490", "amakin1", "bbwduc", "comgal1"]

    static func metrics(_ base: Double, rows: Int = 120, auc: [Double?]? = nil) -> MetricSummary {
        MetricSummary(samplesF1: base, microF1: base + 0.01, macroAUC: min(1, base + 0.1), classesScored: 3,
                      cmAP: base - 0.05, rows: rows, perClassAUC: auc ?? [base + 0.05, base + 0.1, nil, base + 0.12],
                      perClassAP: [base - 0.1, base, nil, base - 0.05], apClassesScored: 3, positives: [10, 12, 0, 9])
    }

    /// One record of `spec` (row position `row`) and `seed` whose metrics all derive from `base`.
    static func record(suite: String = "unit", row: Int, spec: AblationSpec, seed: Int, base: Double) -> RunRecord {
        let epochs = (1 ... 3).map { e in
            EpochRecord(epoch: e, trainLoss: 1.0 / Double(e) + Double(seed) * 0.01, validationLoss: nil,
                        validationSamplesF1: base * Double(e) / 3, learningRates: ["encoder": 1e-4, "head": 1e-3], seconds: 2.5)
        }
        var results: [EvaluationResult] = []
        for (i, set) in EvaluationSet.allCases.enumerated() {
            let shift = -0.05 * Double(i)
            results.append(EvaluationResult(set: set, thresholds: .fixed(0.5), metrics: metrics(base + shift)))
            results.append(EvaluationResult(set: set, thresholds: .tunedOnValidation, metrics: metrics(base + shift + 0.02)))
        }
        return RunRecord(suite: suite, row: row, spec: spec, seed: seed,
                         data: DataSummary(fingerprint: "00000000deadbeef", source: "unit test", classes: classes,
                                           counts: ["trainWindows": 1000, "validationWindows": 120], skippedFiles: []),
                         codeVersion: "test", parameters: 12_345, pretraining: nil, epochs: epochs, selectedEpoch: 3,
                         results: results, thresholdsTunedOn: "validation", wallSeconds: 10,
                         machine: MachineInfo(cores: 2, cpuModel: "test CPU", operatingSystem: "test OS", memoryGiB: 24))
    }

    /// The ci suite's first three rows × seeds 0, 1, 2 with metric bases base[row] + per-seed noise.
    static func suiteRecords(bases: [Double] = [0.6, 0.7, 0.72]) -> [RunRecord] {
        var rng = SeededGenerator(seed: 7)
        var out: [RunRecord] = []
        for (i, spec) in Suite.ci.specs.prefix(bases.count).enumerated() {
            for seed in 0 ..< 3 {
                out.append(record(row: i + 1, spec: spec, seed: seed, base: bases[i] + rng.uniform(-0.02, 0.02)))
            }
        }
        return out
    }

    static func temporaryFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("harness-tests-\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
