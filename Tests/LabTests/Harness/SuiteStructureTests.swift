import Testing
@testable import Lab

@Suite("Harness: suites")
struct SuiteStructureTests {
    @Test(arguments: ["ci", "default", "full"])
    func eachRowDiffersFromItsParentInExactlyItsKnob(name: String) throws {
        let suite = try Suite.named(name)
        #expect(suite.rows.map(\.spec.name) == ["audio-only", "pseudo-labels", "mixup", "bce", "efficientnet", "vit-scratch", "baseline"])
        #expect(Set(suite.specs.map(\.name)).count == suite.specs.count)
        for (i, row) in suite.rows.enumerated() {
            guard let parentName = row.spec.parent else {
                #expect(i == 0, "only the first row may lack a parent")
                #expect(row.knob == .baseline)
                continue
            }
            let parentIndex = try #require(suite.rows.firstIndex { $0.spec.name == parentName }, "parent \(parentName) missing")
            #expect(parentIndex < i, "a parent comes before its child")
            let diff = row.spec.diff(against: suite.rows[parentIndex].spec)
            #expect(!diff.isEmpty, "\(row.spec.name) changes nothing")
            for change in diff {
                #expect(row.knob.covers(change), "\(row.spec.name): \(change) lies outside knob \(row.knob)")
            }
            // The knob's every path really moves (one step of the study, no more, no less).
            for path in row.knob.paths {
                #expect(diff.contains { $0.path == path || $0.path.hasPrefix(path + ".") || path.hasPrefix($0.path + ".") || $0.path == path },
                        "\(row.spec.name): knob path \(path) did not change")
            }
        }
    }

    @Test func parentsAreTheIssuesRows() {
        let parents = Suite.default.specs.map(\.parent)
        #expect(parents == [nil, "audio-only", "pseudo-labels", "mixup", "mixup", "mixup", "audio-only"])
    }

    @Test func rowOneIsTrainAudioOnlyWithAnMAEPretrainedViT() {
        let first = Suite.default.specs[0]
        #expect(first.data.pseudoLabels == nil && first.data.negatives == nil)
        #expect(first.augmentation.mixup == nil && first.augmentation.specAugment == nil)
        guard case .vit(let vit) = first.model, case .mae = vit.pretraining else {
            Issue.record("row (1) must be a MAE-pretrained ViT"); return
        }
        if case .studyASL = first.loss {} else { Issue.record("row (1) uses the study's ASL") }
    }

    @Test func efficientNetRowKeepsTheFeatures() {
        for suite in Suite.all {
            #expect(suite.specs[4].frontEnd == suite.specs[2].frontEnd)
            if case .efficientNet = suite.specs[4].model {} else { Issue.record("row (5) is an EfficientNet") }
            guard case .vit(let vit) = suite.specs[5].model, case .none = vit.pretraining else {
                Issue.record("row (6) is a ViT from scratch"); continue
            }
        }
    }

    @Test func smallSuitesShareTheFullSuitesCodePathAndDifferInSizesOnly() {
        // Same rows, same knobs, same sections switched on; only sizes (numbers) differ.
        for (small, full) in zip(Suite.ci.rows, Suite.full.rows) {
            #expect(small.knob == full.knob)
            #expect((small.spec.data.pseudoLabels == nil) == (full.spec.data.pseudoLabels == nil))
            #expect((small.spec.augmentation.mixup == nil) == (full.spec.augmentation.mixup == nil))
            #expect(small.spec.frontEnd.kind == full.spec.frontEnd.kind)
        }
        #expect(Suite.default.specs.allSatisfy { $0.seeds.count == 3 })
        #expect(Suite.full.specs[0].training.samplesPerEpoch == 10_000)
        #expect(Suite.full.specs[0].training.batchSize * Suite.full.specs[0].training.accumulation == 256)
    }

    @Test func jobsAreOnePerSpecAndSeed() throws {
        #expect(try SuiteRunner.jobs(of: .default).count == 21)
        #expect(try SuiteRunner.jobs(of: .default, spec: "bce").map(\.seed) == [0, 1, 2])
        let one = try SuiteRunner.jobs(of: .default, spec: "bce", seed: 1)
        #expect(one.count == 1 && one[0].row == 4)
        #expect(throws: InputError.self) { try SuiteRunner.jobs(of: .default, spec: "nope") }
        #expect(throws: InputError.self) { try Suite.named("nope") }
    }
}
