import Foundation
import Testing
@testable import Lab

/// Self-training (issue 19): teacher specs, folds, and teacher detections wired into pseudo-labels.
@Suite("Harness: self-training")
struct SelfTrainingTests {
    @Test func foldsAreNameOrderModK() {
        let names = ["c", "a", "d", "b", "e"]
        #expect(["a", "b", "c", "d", "e"].map { SelfTraining.fold(of: $0, in: names, folds: 2) } == [0, 1, 0, 1, 0])
        #expect(SelfTraining.fold(of: "z", in: names, folds: 2) == nil)
    }

    @Test func roundOnesTeacherIsTheParentAndLaterTeachersAreOutOfFoldStudents() throws {
        let t2 = try #require(Suite.extendedCI.spec(named: "teacher-2")), audio = try #require(Suite.ci.spec(named: "audio-only"))
        let first = SelfTraining.teacher(of: t2, round: 1, fold: nil)
        #expect(first.data.pseudoLabels == nil)
        #expect(first.recipe == audio.recipe, "round 1's teacher is audio-only: the suite's own run can be reused")
        #expect(first.name == "shared/teacher-\(audio.recipeHash)")
        let second = SelfTraining.teacher(of: t2, round: 2, fold: 1)
        #expect(second.data.pseudoLabels?.rounds == 1 && second.data.pseudoLabels?.heldOutFold == 1)
        #expect(second.recipeHash != SelfTraining.teacher(of: t2, round: 2, fold: 0).recipeHash)
        // teacher-1 and teacher-2 differ only in their self-training settings, both against audio-only.
        let t1 = try #require(Suite.extendedCI.spec(named: "teacher-1"))
        #expect(t1.diff(against: audio).allSatisfy { Knob.pseudoLabels.covers($0) })
        #expect(t2.diff(against: audio).allSatisfy { Knob.pseudoLabels.covers($0) })
    }

    @Test func powerTransformSharpensSoftLabelsBetweenRounds() {
        #expect(SelfTraining.softened([0.25, 1, 0, 0.5], power: nil) == [0.25, 1, 0, 0.5])
        let p = SelfTraining.softened([0.25, 1, 0, 0.5], power: 2)
        for (x, y) in zip(p, [Float](arrayLiteral: 0.0625, 1, 0, 0.25)) { #expect(abs(x - y) < 1e-7) }
        // 1/0.6: a 0.5 teacher score falls below BirdNET's 0.35 keep threshold, a 0.6 one stays above.
        let q = SelfTraining.softened([0.5, 0.6], power: 1 / 0.6)
        #expect(q[0] < 0.35 && q[1] > 0.35)
    }

    @Test func isolatedNestedJobsLeaveTheClockAsItWas() {
        let clock = TimeBreakdown()
        clock.add(.optimizer, 2)
        clock.isolated {
            clock.reset()
            clock.add(.forwardBackward, 5)
        }
        #expect(clock.snapshot == ["optimizer": 2])
    }

    /// On real-mini (no BirdNET file): the teacher labels the first 60 % of the soundscapes in name
    /// order, its detections pass BirdNET's rules, and a held-out fold's labels are left out.
    @Test(.enabled(if: CorpusDataTests.available)) func teacherDetectionsBecomePseudoLabelsWithoutABirdNETFile() throws {
        let folder = try #require(CorpusDataTests.realMini)
        let corpus = try Corpus.load(folder)
        let durations = try CorpusData.durations(corpus.soundscapes)
        var spec = try #require(Suite.extendedCI.spec(named: "teacher-1"))
        var asked: [String] = []
        let teacher: CorpusData.Teacher = { urls in
            asked = urls.map { $0.deletingPathExtension().lastPathComponent }
            // One confident detection of class 0 in each soundscape's first window, one below 0.35 in its second.
            return [asked.flatMap { name in
                [Detection(file: name, start: 0, end: 5, label: corpus.classes[0], species: corpus.classes[0], confidence: 0.9),
                 Detection(file: name, start: 5, end: 10, label: corpus.classes[1], species: corpus.classes[1], confidence: 0.2)]
            }]
        }
        var counts: [String: Int] = [:]
        let pseudo = try #require(try CorpusData.pseudoLabels(spec: spec, corpus: corpus, durations: durations, teacher: teacher, counts: &counts))
        let names = LabelOrder.sorted(durations.keys)
        #expect(names.count == 11 && asked == Array(names.prefix(7)))
        #expect(pseudo.trainSoundscapes == asked && pseudo.heldOutSoundscapes == Array(names.suffix(4)))
        #expect(pseudo.train.count == 7 && pseudo.train.allSatisfy { $0.start == 0 && $0.targets[0] == 1 && $0.targets.dropFirst().allSatisfy { $0 == 0 } })
        spec.data.pseudoLabels?.heldOutFold = 1
        let withoutFold1 = try #require(try CorpusData.pseudoLabels(spec: spec, corpus: corpus, durations: durations, teacher: teacher, counts: &counts))
        #expect(withoutFold1.train.map(\.file) == [0, 2, 4, 6].map { names[$0] })
        // Without the harness's teacher, a teacher row is a clear input error, not silently BirdNET-free.
        #expect(throws: InputError.self) { try CorpusData.pseudoLabels(spec: spec, corpus: corpus, durations: durations, counts: &counts) }
    }
}
