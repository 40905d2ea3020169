import Foundation
import Testing
@testable import Lab

/// `CostPlan`'s counting: steps per job, shared MAE, rows that share a measurement.
@Suite struct CostPlanTests {
    @Test func countsTheCISuitesStepsAndSharedMAE() throws {
        let ci = try Suite.named("ci")
        let audioOnly = try #require(ci.spec(named: "audio-only"))
        #expect(CostPlan.trainingSteps(audioOnly) == 20 * 16)  // 20 epochs × 512 samples / batch 32
        let mae = try #require(CostPlan.mae(audioOnly))
        #expect(mae.steps == 10 * 16 && mae.batch == 32)
        #expect(CostPlan.mae(try #require(ci.spec(named: "vit-scratch"))) == nil)
        #expect(CostPlan.mae(try #require(ci.spec(named: "pseudo-labels")))?.key == mae.key)
    }

    @Test func rowsWithTheSameNetworkShareAMeasurement() throws {
        let full = try Suite.named("full")
        let keys = Dictionary(uniqueKeysWithValues: full.specs.map { ($0.name, CostPlan.modelKey($0)) })
        #expect(keys["audio-only"] == keys["vit-scratch"])  // pretraining aside, the same ViT-Base
        #expect(keys["audio-only"] != keys["efficientnet"])
        #expect(keys["efficientnet"] != keys["baseline"])
    }
}
