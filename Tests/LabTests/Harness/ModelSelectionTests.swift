import Testing
@testable import Lab

/// Model selection: validation samples-F1 at 0.5 first, the lower validation loss on a tie.
@Suite struct ModelSelectionTests {
    static func epoch(_ e: Int, f1: Double, loss: Double) -> EpochRecord {
        EpochRecord(epoch: e, trainLoss: 0, validationLoss: loss, validationSamplesF1: f1, learningRates: [:], seconds: 0)
    }

    @Test func higherF1Wins() {
        let epochs = [Self.epoch(1, f1: 0.2, loss: 0.1)]
        #expect(Trainer.improves(score: 0.3, loss: 0.5, over: (1, 0.2), epochs: epochs))
        #expect(!Trainer.improves(score: 0.1, loss: 0.01, over: (1, 0.2), epochs: epochs))
    }

    /// Every epoch at F1 0 (a small model whose scores stay under 0.5): the lower loss wins, so
    /// the selected epoch is not the first one by default.
    @Test func tieGoesToLowerValidationLoss() {
        let epochs = [Self.epoch(1, f1: 0, loss: 0.25), Self.epoch(2, f1: 0, loss: 0.18)]
        #expect(Trainer.improves(score: 0, loss: 0.18, over: (1, 0), epochs: epochs))
        #expect(!Trainer.improves(score: 0, loss: 0.30, over: (1, 0), epochs: epochs))
    }

    @Test func firstEpochAlwaysImprovesOnNothing() {
        #expect(Trainer.improves(score: 0, loss: nil, over: (0, -.infinity), epochs: []))
    }
}
