import Foundation
import Testing
@testable import Lab

@Suite struct TrainingItemsTests {
    @Test func focalWindowsCarryPrimaryAndSecondaryLabels() throws {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 1, "bbb": 1], seconds: 11,
                                                   soundscapes: ["s1": 10, "s2": 10])
        let csv = root.appendingPathComponent("train.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "aaa,\"[]\"", with: "aaa,\"['bbb']\"")
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let corpus = try Corpus.load(root)
        let items = try TrainingItems.focal(corpus, recordings: [0, 1], windows: TrainingItems.windowsFromHeader)
        #expect(items.count == 6)  // 11 s → 3 windows each
        #expect(items[0].targets == [1, 1] && items[0].group == 0)
        #expect(items[3].targets == [0, 1] && items[3].group == 1)
        #expect(items.map(\.start) == [0, 5, 10, 0, 5, 10])
        let samples = [PseudoSample(file: "s1", start: 5, targets: [0.3, 0.8], isNegative: false),
                       PseudoSample(file: "s2", start: 0, targets: [0, 0], isNegative: true)]
        let sound = TrainingItems.soundscape(samples, corpus: corpus, includeNegatives: true)
        #expect(sound.map(\.group) == [1, 2])
        #expect(sound[0].url.lastPathComponent == "s1.wav")
        #expect(TrainingItems.soundscape(samples, corpus: corpus, includeNegatives: false).count == 1)
    }

    @Test func focalDetectionsBecomeHardLabels() {
        let d = [Detection(file: "XC1", start: 0, end: 3, label: "b", species: "B", confidence: 0.12),
                 Detection(file: "XC1", start: 7.5, end: 10.5, label: "a", species: "A", confidence: 0.9),
                 Detection(file: "XC1", start: 1, end: 4, label: nil, species: "Z", confidence: 0.9)]
        let labels = PseudoLabels.focalLabels(d, classes: ["a", "b"], durations: ["XC1": 12])
        #expect(labels["XC1"]?[0] == [1])          // the 0.12 detection counts (no 0.35 filter for focal)
        #expect(labels["XC1"]?[5] == [0])          // 7.5 s starts in [4, 8]
        #expect(labels["XC1"]?[10] == nil)         // but not in [9, 13]
    }
}
