import Foundation
import Testing
@testable import Lab

@Suite struct SplitTests {
    func items(_ counts: [String: Int]) -> [Split.Item] {
        counts.sorted { $0.key < $1.key }.flatMap { label, n in (0 ..< n).map { Split.Item(file: "\(label)/XC\($0).ogg", label: label) } }
    }

    func files(_ split: Split, _ items: [Split.Item]) -> (train: [String], val: [String], test: [String]) {
        (split.train.map { items[$0].file }, split.val.map { items[$0].file }, split.test.map { items[$0].file })
    }

    @Test func handRulesForFourThreeTwoOne() {
        let list = items(["four": 4, "three": 3, "two": 2, "one": 1])
        let s = Split.make(list, seed: 7)
        func count(_ part: [Int], _ label: String) -> Int { part.filter { list[$0].label == label }.count }
        #expect([count(s.train, "four"), count(s.val, "four"), count(s.test, "four")] == [Int]([2, 1, 1]))
        #expect([count(s.train, "three"), count(s.val, "three"), count(s.test, "three")] == [Int]([1, 1, 1]))
        #expect(Set(s.train.filter { list[$0].label == "four" }).isDisjoint(with: s.val + s.test))
        #expect(Set(s.train.filter { list[$0].label == "three" }).isDisjoint(with: s.val + s.test))
        // two: 1 train, 1 val, the val file repeated in test
        let twoTrain = s.train.filter { list[$0].label == "two" }, twoVal = s.val.filter { list[$0].label == "two" }
        #expect(twoTrain.count == 1 && twoVal.count == 1 && twoTrain != twoVal)
        #expect(s.test.filter { list[$0].label == "two" } == twoVal)
        // one: the same file everywhere
        let one = list.firstIndex { $0.label == "one" }!
        #expect(s.train.contains(one) && s.val.contains(one) && s.test.contains(one))
    }

    @Test func stratifiedThirtyThenFifteenPercent() {
        let list = items(["big": 20, "mid": 10])
        let s = Split.make(list, seed: 1)
        func count(_ part: [Int], _ label: String) -> Int { part.filter { list[$0].label == label }.count }
        #expect([count(s.train, "big"), count(s.val, "big"), count(s.test, "big")] == [Int]([12, 2, 6]))  // 6 = 30 %, 2 = 15 % of 14
        #expect([count(s.train, "mid"), count(s.val, "mid"), count(s.test, "mid")] == [Int]([6, 1, 3]))
        #expect(Set(s.train).isDisjoint(with: s.val) && Set(s.train).isDisjoint(with: s.test) && Set(s.val).isDisjoint(with: s.test))
        #expect(Set(s.train + s.val + s.test) == Set(list.indices))
    }

    @Test func everySpeciesInEverySplit() {
        var generator = SeededGenerator(seed: 3)
        var counts: [String: Int] = [:]
        for k in 0 ..< 60 { counts["sp\(k)"] = 1 + generator.index(40) }
        let list = items(counts)
        for seed in [UInt64(0), 1, 2] {
            let s = Split.make(list, seed: seed)
            for part in [s.train, s.val, s.test] {
                #expect(Set(part.map { list[$0].label }) == Set(counts.keys))
            }
        }
    }

    @Test func pureFunctionOfFilesAndSeed() {
        let list = items(["a": 30, "b": 7, "c": 2])
        let s1 = Split.make(list, seed: 42), s2 = Split.make(list, seed: 42)
        #expect(s1 == s2)
        var generator = SeededGenerator(seed: 9)
        let shuffled = list.shuffled(using: &generator)
        let s3 = Split.make(shuffled, seed: 42)
        let f1 = files(s1, list), f3 = files(s3, shuffled)
        #expect(Set(f1.train) == Set(f3.train) && Set(f1.val) == Set(f3.val) && Set(f1.test) == Set(f3.test))
        #expect(Split.make(list, seed: 43) != s1)
        // adding a species leaves the others' assignment alone
        let more = list + [Split.Item(file: "d/XC1.ogg", label: "d")]
        let f4 = files(Split.make(more, seed: 42), more)
        #expect(Set(f4.test.filter { !$0.hasPrefix("d/") }) == Set(f1.test))
    }

    @Test func realMiniSplitCoversEverySpecies() throws {
        guard let mini = DataTestSupport.realMini else { return }
        let corpus = try Corpus.load(mini)
        let s = Split.make(corpus.recordings, seed: 0)
        let species = Set(corpus.recordings.map(\.primaryLabel))
        for part in [s.train, s.val, s.test] { #expect(Set(part.map { corpus.recordings[$0].primaryLabel }) == species) }
        // scrpih1 has 11 clips: 3 test, 1 val (15 % of 8), 7 train
        #expect(s.test.filter { corpus.recordings[$0].primaryLabel == "scrpih1" }.count == 3)
        #expect(s.val.filter { corpus.recordings[$0].primaryLabel == "scrpih1" }.count == 1)
    }
}
