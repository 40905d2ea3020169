import Foundation
import Testing
@testable import Lab

@Suite struct BatchSourceTests {
    func source(_ augmentation: BatchAugmentation, cached: Bool = true) throws -> (BatchSource, [TrainingItem]) {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 2, "bbb": 2, "ccc": 1], seconds: 6)
        let corpus = try Corpus.load(root)
        var items: [TrainingItem] = []
        for r in corpus.recordings {
            var y = [Float](repeating: 0, count: corpus.classes.count)
            let c = corpus.classIndex(r.primaryLabel)!
            y[c] = 1
            for start in [0.0, 5.0] { items.append(TrainingItem(url: r.url, start: start, targets: y, group: c)) }
        }
        let cache = try FeatureCache(root: root.appendingPathComponent("cache"), frontEnd: .studyCNN)
        if cached { try cache.build(corpus.recordings.map(\.url)) }
        return (BatchSource(items: items, frontEnd: .studyCNN, cache: cache, augmentation: augmentation, seed: 5), items)
    }

    @Test func evaluationBatchesComeFromTheCache() throws {
        let (s, items) = try source(.none)
        let b = try s.evaluationBatch([0, 3, 7])
        #expect(b.count == 3 && b.frames == 320 && b.bins == 128 && b.classes == 3)
        #expect(b.inputs.count == 3 * 320 * 128 && b.targets.count == 9)
        #expect(Array(b.targets[3 ..< 6]) == items[3].targets)
        #expect(s.cacheReads == 3 && s.computed == 0)
        let direct = s.cache!.features(items[7].url, start: items[7].start)!.values
        #expect(Array(b.inputs[2 * 320 * 128 ..< 3 * 320 * 128]) == direct)
    }

    @Test func trainingBatchesAreDeterministicAndIndependentOfBatching() throws {
        var aug = BatchAugmentation(jitter: true, waveform: .study, mixup: Mixup(probability: 0.5), specAugment: SpecAugment(probability: 0.3))
        aug.waveform.volume = 1  // make sure some waveform augmentation fires
        let (s, items) = try source(aug)
        let sampler = BalancedSampler(groups: items.map(\.group), seed: 1)
        let draws = sampler.epoch(0, draw: 6, seed: 1)
        let whole = try s.trainingBatch(epoch: 0, draws: draws, range: 0 ..< 6)
        let a = try s.trainingBatch(epoch: 0, draws: draws, range: 0 ..< 3), b = try s.trainingBatch(epoch: 0, draws: draws, range: 3 ..< 6)
        #expect(whole.inputs == a.inputs + b.inputs)
        #expect(whole.targets == a.targets + b.targets)
        let otherEpoch = try s.trainingBatch(epoch: 1, draws: draws, range: 0 ..< 6)
        #expect(otherEpoch.inputs != whole.inputs)
        #expect(s.computed > 0)   // jitter forces decoding on the fly
        for v in whole.targets { #expect(v >= 0 && v <= 1) }
    }

    @Test func mixupMixesDisjointPartnersAndSpecAugmentHitsMixedOnly() throws {
        let aug = BatchAugmentation(jitter: false, waveform: .none, mixup: Mixup(probability: 1), specAugment: SpecAugment(probability: 1))
        let (s, items) = try source(aug)
        let draws = (0 ..< items.count).map { BalancedSampler.EpochItem(item: $0, augment: false) }
        let batch = try s.trainingBatch(epoch: 0, draws: draws, range: 0 ..< items.count)
        #expect(s.computed == 0)  // no jitter, no waveform augmentation: all from the cache
        let width = 320 * 128
        for k in 0 ..< batch.count {
            let y = Array(batch.targets[k * 3 ..< k * 3 + 3])
            let own = items[k].targets.firstIndex(of: 1)!
            // single-label items mixed with a partner of another class: λ on own class, 1 − λ on the other
            #expect(y[own] > 0 && abs(y.reduce(0, +) - 1) < 1e-5)
            #expect(y.filter { $0 > 0 }.count <= 2)
            let x = Array(batch.inputs[k * width ..< (k + 1) * width])
            let zeroRows = (0 ..< 320).filter { f in (0 ..< 128).allSatisfy { x[f * 128 + $0] == 0 } }.count
            let zeroCols = (0 ..< 128).filter { c in (0 ..< 320).allSatisfy { x[$0 * 128 + c] == 0 } }.count
            #expect(zeroRows + zeroCols > 0)
        }
        // without mixup, SpecAugment never applies
        let plain = BatchSource(items: items, frontEnd: .studyCNN, cache: s.cache, augmentation:
            BatchAugmentation(jitter: false, waveform: .none, mixup: nil, specAugment: SpecAugment(probability: 1)), seed: 5)
        let p = try plain.trainingBatch(epoch: 0, draws: draws, range: 0 ..< 2)
        #expect(p.inputs == (try plain.evaluationBatch([0, 1])).inputs)
    }
}
