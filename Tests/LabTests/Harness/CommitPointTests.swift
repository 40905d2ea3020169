import Foundation
import Testing
@testable import Lab

/// The trainer's one commit point per epoch (issue 17): progress.json, renamed into place last,
/// names the epoch's checkpoint files; whatever it does not name is discarded on resume.
@Suite("Harness: commit point")
struct CommitPointTests {
    let trainer = TrainerTests()
    var spec: AblationSpec { TrainerTests.spec() }

    func files(_ folder: RunFolder) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [])
    }

    /// The failure of the old layout: killed after epoch 3's checkpoints were renamed into place but
    /// before progress.json committed epoch 3. The rerun must resume from epoch 2, not train from
    /// epoch 3's weights believing epoch 2 just ended.
    @Test func killBeforeTheProgressRenameResumesFromTheCommittedEpoch() throws {
        let root = try HarnessFixtures.temporaryFolder("commit")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = RunsLayout(root: root)
        let whole = try #require(try trainer.train(spec, folder: layout.run(suite: "t", spec: "whole", seed: 0)))
        let ahead = layout.run(suite: "t", spec: "ahead", seed: 0)
        #expect(try trainer.train(spec, folder: ahead, stopAfter: 3) == nil)
        let cut = layout.run(suite: "t", spec: "cut", seed: 0)
        #expect(try trainer.train(spec, folder: cut, stopAfter: 2) == nil)
        #expect(files(cut).contains("last-epoch-2.safetensors") && !files(cut).contains("last-epoch-1.safetensors"))
        // Epoch 3's real files (and a temporary of an unfinished write) appear, progress.json still says 2.
        for name in files(ahead) where name.hasSuffix("-epoch-3.safetensors") {
            try FileManager.default.copyItem(at: ahead.checkpointURL(name), to: cut.checkpointURL(name))
        }
        try AtomicFile.write(Data([1, 2, 3]), to: cut.url.appendingPathComponent(".progress.json.4242.17.tmp"))
        let resumed = try #require(try trainer.train(spec, folder: cut))
        #expect(resumed.epochs.map(\.trainLoss) == whole.epochs.map(\.trainLoss))
        #expect(resumed.selectedEpoch == whole.selectedEpoch)
        #expect(resumed.results == whole.results)
        #expect(!files(cut).contains(".progress.json.4242.17.tmp"), "the temporary of a killed write is removed")
    }

    @Test func aCheckpointThatDoesNotHoldItsCommittedEpochIsRefused() throws {
        let root = try HarnessFixtures.temporaryFolder("commit-epoch")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = RunsLayout(root: root)
        let ahead = layout.run(suite: "t", spec: "ahead", seed: 0)
        #expect(try trainer.train(spec, folder: ahead, stopAfter: 3) == nil)
        let cut = layout.run(suite: "t", spec: "cut", seed: 0)
        #expect(try trainer.train(spec, folder: cut, stopAfter: 2) == nil)
        try FileManager.default.removeItem(at: cut.checkpointURL("last-epoch-2.safetensors"))
        try FileManager.default.copyItem(at: ahead.checkpointURL("last-epoch-3.safetensors"), to: cut.checkpointURL("last-epoch-2.safetensors"))
        let error = try #require(throws: InputError.self) { try trainer.train(spec, folder: cut) }
        #expect(error.column == "epoch" && error.reason.contains("holds epoch 3"))
    }

    @Test func theFinishedRecordPublishesTheCommittedCheckpointsUnderStableNames() throws {
        let root = try HarnessFixtures.temporaryFolder("commit-publish")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = RunsLayout(root: root).run(suite: "t", spec: "s", seed: 0)
        let outcome = try #require(try trainer.train(spec, folder: folder))
        let best = RunFolder.checkpointName("best", epoch: outcome.selectedEpoch)
        #expect(files(folder) == ["progress.json", "last-epoch-5.safetensors", best])
        try folder.write(HarnessFixtures.record(row: 3, spec: spec, seed: 0, base: 0.7))
        #expect(files(folder) == ["record.json", "last.safetensors", "best.safetensors"])
        #expect(try Safetensors.read(folder.checkpointURL("best.safetensors")).metadata["epoch"] == "\(outcome.selectedEpoch)")
        try folder.publishCheckpoints()  // idempotent
        #expect(RunFolder.stableName("best-epoch-12.safetensors") == "best.safetensors")
        #expect(RunFolder.stableName("best.safetensors") == nil && RunFolder.stableName("x-epoch-y.safetensors") == nil)
    }
}
