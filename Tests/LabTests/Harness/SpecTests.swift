import Foundation
import Testing
@testable import Lab

@Suite("Harness: specs")
struct SpecTests {
    let base = Suite.ci.specs[2]  // row (3): every option switched on

    @Test func identicalSpecsHaveNoDiff() {
        #expect(base.diff(against: base).isEmpty)
    }

    @Test func leafChangeIsOneLineWithOldAndNew() {
        var changed = base
        changed.training.epochs = base.training.epochs + 3
        changed.optimizer.headLearningRate = 0.002
        let diff = changed.diff(against: base)
        #expect(diff.map(\.description) == [
            "optimizer.headLearningRate: \(base.optimizer.headLearningRate) → 0.002",
            "training.epochs: \(base.training.epochs) → \(base.training.epochs + 3)",
        ])
    }

    @Test func identityFieldsAreNotKnobs() {
        var renamed = base
        renamed.name = "other"; renamed.title = "other"; renamed.parent = nil; renamed.seeds = [9]
        #expect(renamed.diff(against: base).isEmpty)
        #expect(renamed.recipeHash == base.recipeHash)
    }

    @Test func enumCaseSwapIsOneChange() {
        var bce = base
        bce.loss = .bce
        let diff = bce.diff(against: base)
        #expect(diff.count == 1)
        #expect(diff.first?.path == "loss")
        #expect(diff.first?.new == "bce")
        #expect(diff.first?.old.hasPrefix("studyASL {") == true)
    }

    @Test func optionSwitchedOffShowsNone() {
        var off = base
        off.augmentation.mixup = nil
        #expect(off.diff(against: base).map(\.description) == ["augmentation.mixup: {alpha: 0.4, partnerTries: 20, probability: 0.5} → none"])
    }

    @Test func recipeHashChangesWithAnyKnob() {
        var other = base
        other.loss = .studyASL(ASLSpec(gammaNegative: 4))
        #expect(other.recipeHash != base.recipeHash)
        #expect(base.recipeHash.count == 16)
    }

    @Test func specRoundTripsThroughJSON() throws {
        for suite in Suite.all {
            for spec in suite.specs {
                let data = try JSONEncoder().encode(spec)
                let back = try JSONDecoder().decode(AblationSpec.self, from: data)
                #expect(back == spec)
                #expect(back.recipeHash == spec.recipeHash)
            }
        }
    }

    @Test func malformedEnumIsRejected() {
        let json = #"{"studyASL": {"gammaPositive": 0, "gammaNegative": 5, "clip": 0.05, "eps": 1e-8, "reduction": "mean"}, "bce": true}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LossSpec.self, from: Data(json.utf8)) }
    }

    @Test func thresholdChoiceKeys() throws {
        #expect(ThresholdChoice.fixed(0.5).key == "0.5")
        #expect(try ThresholdChoice(key: "tuned-on-validation") == .tunedOnValidation)
        #expect(throws: DecodingError.self) { try ThresholdChoice(key: "tuned") }
    }
}

@Suite("Harness: spec recipe")
struct SpecRecipeTests {
    /// The spec's JSON without its identity keys: the shape `recipeHash` hashed when the sections
    /// were the spec's own stored properties (records are keyed by that hash).
    static func flatSections(_ spec: AblationSpec) throws -> JSONValue {
        guard case .object(var fields) = try JSONValue(encoding: spec) else { return .null }
        for key in ["name", "title", "parent", "seeds"] { fields[key] = nil }
        return .object(fields)
    }

    @Test func recipeHashIsTheHashOfTheFlatSections() throws {
        for suite in Suite.all {
            for spec in suite.specs {
                #expect(StableHash.hex(of: try Self.flatSections(spec)) == spec.recipeHash, "\(suite.name)/\(spec.name)")
                #expect(try Self.flatSections(spec) == (try JSONValue(encoding: spec.recipe)))
            }
        }
    }

    @Test func specEncodesFlat() throws {
        let spec = Suite.ci.specs[1]
        guard case .object(let fields) = try JSONValue(encoding: spec) else { Issue.record("not an object"); return }
        #expect(Set(fields.keys) == ["name", "title", "parent", "seeds", "data", "frontEnd", "model", "loss", "augmentation",
                                     "optimizer", "schedule", "training", "evaluation"])
    }

    @Test func sectionsAreWrittenThroughTheSpec() {
        var spec = Suite.ci.specs[0]
        spec.training.epochs = 3
        spec.optimizer.headLearningRate = 0.25
        #expect(spec.recipe.training.epochs == 3)
        #expect(spec.recipe.optimizer.headLearningRate == 0.25)
    }
}
