import Foundation
import Testing
@testable import Lab

@Suite("Harness: run records and folders")
struct RunRecordTests {
    @Test func recordRoundTripsThroughItsFolder() throws {
        let root = try HarnessFixtures.temporaryFolder("record")
        defer { try? FileManager.default.removeItem(at: root) }
        var record = HarnessFixtures.record(row: 2, spec: Suite.ci.specs[1], seed: 1, base: 0.7)
        record.epochs[0].trainLoss = .nan  // a diverged epoch must still be recordable
        let folder = RunsLayout(root: root).run(suite: "ci", spec: record.spec.name, seed: 1)
        try folder.write(record)
        #expect(folder.recordURL.path.hasSuffix("ci/pseudo-labels/seed-1/record.json"))
        var back = try RunRecord.read(from: folder.recordURL)
        #expect(back.epochs[0].trainLoss.isNaN)
        #expect(try back.encoded() == record.encoded())
        #expect(try RunsLayout(root: root).records(suite: "ci").map { try $0.encoded() } == [try record.encoded()])
        back.epochs[0].trainLoss = 0; record.epochs[0].trainLoss = 0
        #expect(back == record)
        // Nothing but the record in the folder: no temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["record.json"])
    }

    @Test func reuseNeedsTheSameRecipeAndData() throws {
        let root = try HarnessFixtures.temporaryFolder("reuse")
        defer { try? FileManager.default.removeItem(at: root) }
        let record = HarnessFixtures.record(row: 1, spec: Suite.ci.specs[0], seed: 0, base: 0.6)
        let folder = RunsLayout(root: root).run(suite: "ci", spec: record.spec.name, seed: 0)
        #expect(try folder.reusableRecord(specHash: record.specHash, dataFingerprint: record.data.fingerprint) == nil)
        try folder.write(record)
        #expect(try folder.reusableRecord(specHash: record.specHash, dataFingerprint: record.data.fingerprint) == record)
        #expect(try folder.reusableRecord(specHash: Suite.ci.specs[1].recipeHash, dataFingerprint: record.data.fingerprint) == nil)
        #expect(try folder.reusableRecord(specHash: record.specHash, dataFingerprint: "other") == nil)
    }

    @Test func corruptRecordIsAnInputErrorNamingTheFile() throws {
        let root = try HarnessFixtures.temporaryFolder("corrupt")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = RunsLayout(root: root).run(suite: "ci", spec: "bce", seed: 0)
        try AtomicFile.write("{\"format\": 1", to: folder.recordURL)
        let error = try #require(throws: InputError.self) { try RunRecord.read(from: folder.recordURL) }
        #expect(error.file == folder.recordURL.path)
    }

    @Test func resumePointNeedsItsCheckpointFiles() throws {
        let root = try HarnessFixtures.temporaryFolder("resume")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = RunsLayout(root: root).run(suite: "ci", spec: "mixup", seed: 0)
        let point = ResumePoint(specHash: "h", dataFingerprint: "d", completedEpochs: 2,
                                epochs: HarnessFixtures.record(row: 3, spec: Suite.ci.specs[2], seed: 0, base: 0.7).epochs,
                                bestEpoch: 2, bestScore: 0.5, files: ["last.safetensors"], elapsedSeconds: 12)
        try folder.saveProgress(point)
        #expect(folder.resumePoint(specHash: "h", dataFingerprint: "d") == nil, "checkpoint file missing")
        try AtomicFile.write(Data([1, 2, 3]), to: folder.checkpointURL("last.safetensors"))
        #expect(folder.resumePoint(specHash: "h", dataFingerprint: "d") == point)
        #expect(folder.resumePoint(specHash: "other", dataFingerprint: "d") == nil)
        // Finishing the run removes the resume state.
        try folder.write(HarnessFixtures.record(row: 3, spec: Suite.ci.specs[2], seed: 0, base: 0.7))
        #expect(!FileManager.default.fileExists(atPath: folder.progressURL.path))
    }

    @Test func dataFingerprintFollowsContentNotLocation() throws {
        let a = try HarnessFixtures.temporaryFolder("fp-a")
        let b = try HarnessFixtures.temporaryFolder("fp-b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for folder in [a, b] {
            try AtomicFile.write("primary_label,filename\nx,x/1.ogg\n", to: folder.appendingPathComponent("train.csv"))
            try AtomicFile.write(Data(repeating: 7, count: 100), to: folder.appendingPathComponent("train_audio/x/1.ogg"))
        }
        try AtomicFile.write("cache", to: b.appendingPathComponent(".cache/features.bin"))
        let fa = try DataFingerprint.compute(a)
        #expect(try DataFingerprint.compute(b) == fa, "hidden folders are ignored, location does not matter")
        try AtomicFile.write("# about this corpus\n", to: b.appendingPathComponent("README.md"))
        try AtomicFile.write(Data(repeating: 1, count: 10), to: b.appendingPathComponent("preview/one.png"))
        #expect(try DataFingerprint.compute(b) == fa, "the README and preview/ describe the data, they are not data")
        try AtomicFile.write(Data(repeating: 7, count: 100), to: b.appendingPathComponent("train_audio/x/2.ogg"))
        #expect(try DataFingerprint.compute(b) != fa, "a new audio file changes the fingerprint")
        try FileManager.default.removeItem(at: b.appendingPathComponent("train_audio/x/2.ogg"))
        try AtomicFile.write("primary_label,filename\ny,x/1.ogg\n", to: b.appendingPathComponent("train.csv"))
        #expect(try DataFingerprint.compute(b) != fa, "an edited CSV changes the fingerprint")
        #expect(throws: InputError.self) { try DataFingerprint.compute(a.appendingPathComponent("missing")) }
    }

    @Test func machineAndCodeVersionAreFilledIn() {
        let machine = MachineInfo.current
        #expect(machine.cores >= 1)
        #expect(!machine.cpuModel.isEmpty)
        #expect(!CodeVersion.current.isEmpty)
    }

    @Test func aFailedJobWritesNoRecord() throws {
        let root = try HarnessFixtures.temporaryFolder("train")
        defer { try? FileManager.default.removeItem(at: root) }
        let context = Experiment.Context(suite: "ci", data: root, dataSource: "none", dataFingerprint: "x", layout: RunsLayout(root: root))
        #expect(throws: InputError.self) { try SuiteRunner.run(try SuiteRunner.jobs(of: .ci, spec: "bce", seed: 0), context: context) }
        #expect(try RunsLayout(root: root).records(suite: "ci").isEmpty, "no record is written for a run that did not happen")
    }

    @Test func submissionRowsAndColumns() throws {
        #expect(Submission.rowIDs(soundscape: "H02_20230420_074000", duration: 60) ==
                (1 ... 12).map { "H02_20230420_074000_\($0 * 5)" })
        #expect(Submission.rowIDs(soundscape: "s", duration: 7.5) == ["s_5", "s_10"])
        let csv = try Submission.csv(rowIDs: ["s_5"], classes: ["1139490", "amakin1"], probabilities: [[0.25, 1]])
        #expect(csv == "row_id,1139490,amakin1\ns_5,0.250000,1.000000\n")
        #expect(throws: InputError.self) { try Submission.csv(rowIDs: ["s_5"], classes: ["a"], probabilities: [[0.1, 0.2]]) }
    }
}
