import Foundation

/// Assembles batches: cached features where the sample is un-jittered and un-augmented, the
/// window of the decoded file (`DecodedAudioMemo`: each file is decoded once) + waveform
/// augmentation + front end on the fly otherwise, then mixup and SpecAugment on the
/// features. Items of a batch are assembled in parallel; every random draw of the sample at
/// position `p` of epoch `e` comes from `seed → "batch" → e → p`, so results do not depend on
/// thread scheduling or batch size.
public final class BatchSource: @unchecked Sendable {
    public let items: [TrainingItem]
    public let frontEnd: FrontEnd
    public let cache: FeatureCache?
    public let augmentation: BatchAugmentation
    public let seed: UInt64
    public let classes: Int
    /// Windows that background mixing draws from (unlabelled training soundscapes).
    public let backgrounds: [TrainingItem]
    private let counters = Counters()
    private let audio = DecodedAudioMemo()
    private let inputs = InputMemo(budgetBytes: 512 << 20)
    private let backgroundPowers = InputMemo(budgetBytes: 256 << 20)

    public init(items: [TrainingItem], frontEnd: FrontEnd, cache: FeatureCache?, augmentation: BatchAugmentation, seed: UInt64,
                backgrounds: [TrainingItem] = []) {
        self.items = items; self.frontEnd = frontEnd; self.cache = cache
        self.augmentation = augmentation; self.seed = seed; self.backgrounds = backgrounds
        classes = items.first?.targets.count ?? 0
    }

    /// Samples read from the cache / computed on the fly so far.
    public var cacheReads: Int { counters.get().0 }
    public var computed: Int { counters.get().1 }

    /// A training batch of the epoch draws `draws[range]` (positions are indices into `draws`).
    public func trainingBatch(epoch: Int, draws: [BalancedSampler.EpochItem], range: Range<Int>) throws -> Batch {
        let root = SeededGenerator(seed: seed).split("batch").split(UInt64(epoch))
        return try assemble(count: range.count) { slot in
            let position = range.lowerBound + slot
            var g = root.split(UInt64(position))
            return try self.trainingSample(draws[position], using: &g)
        }
    }

    /// An evaluation batch: un-augmented windows `indices` of `items`, from the cache when present.
    public func evaluationBatch(_ indices: [Int]) throws -> Batch {
        try assemble(count: indices.count) { slot in
            (try self.input(indices[slot]), self.items[indices[slot]].targets)
        }
    }

    func trainingSample(_ draw: BalancedSampler.EpochItem, using g: inout SeededGenerator) throws -> ([Float], [Float]) {
        let item = items[draw.item]
        let start = augmentation.jitter ? max(0, WindowJitter.start(item.start, using: &g)) : item.start
        let steps = draw.augment ? augmentation.waveform.draw(using: &g) : []
        var x: [Float]
        if let background = augmentation.background, !backgrounds.isEmpty, g.bernoulli(background.probability) {
            x = try jittered(item, start: start, steps: steps)
            let b = try backgroundPower(g.index(backgrounds.count))
            let snr = g.uniform(background.snr.lowerBound, background.snr.upperBound)
            TimeBreakdown.job.measure(.featureAugment) { BackgroundMix.mix(&x, background: b, snrDB: snr, kind: frontEnd.kind) }
            normalize(&x)
        } else if start == item.start, steps.isEmpty {
            x = try input(draw.item)
        } else {
            x = try jittered(item, start: start, steps: steps)
            normalize(&x)
        }
        var y = item.targets
        guard let mixup = augmentation.mixup, g.bernoulli(mixup.probability) else { return (x, y) }
        let pool = Array(items.indices)
        guard let partner = mixup.partner(for: y, pool: pool, targets: { self.items[$0].targets }, using: &g) else { return (x, y) }
        let other = items[partner]
        let b = try input(partner)
        let lambda = mixup.lambda(using: &g)
        TimeBreakdown.job.measure(.featureAugment) {
            x = Mixup.mix(x, b, lambda: lambda)
            y = Mixup.mixTargets(y, other.targets, lambda: lambda)
            if let spec = augmentation.specAugment {
                let shape = shapeOf(x.count)
                spec.apply(&x, frames: shape.frames, bins: shape.bins, using: &g)
            }
        }
        return (x, y)
    }

    /// The model input of item `index` un-jittered and un-augmented: the cache (or the front end)
    /// then the band normalisation, kept in memory while the memo's budget lasts.
    func input(_ index: Int) throws -> [Float] {
        if let x = inputs.get(index) { return x }
        let item = items[index]
        var x = try rawFeatures(item, start: item.start, steps: [])
        normalize(&x)
        inputs.put(index, x)
        return x
    }

    /// Features of `item` at a (jittered) `start`; a start past the end of a very short file
    /// falls back to the item's nominal start.
    func jittered(_ item: TrainingItem, start: Double, steps: [WaveformAugment.Step]) throws -> [Float] {
        try (try? rawFeatures(item, start: start, steps: steps)) ?? rawFeatures(item, start: item.start, steps: steps)
    }

    /// The energies of background window `index` (memoised like `input`).
    func backgroundPower(_ index: Int) throws -> [Float] {
        if let e = backgroundPowers.get(index) { return e }
        let item = backgrounds[index]
        let e = BackgroundMix.power(try rawFeatures(item, start: item.start, steps: []), kind: frontEnd.kind)
        backgroundPowers.put(index, e)
        return e
    }

    /// Features of `item` at `start` after waveform `steps`, before the band normalisation: the
    /// cache when it can serve them, else decoded and computed on the fly.
    func rawFeatures(_ item: TrainingItem, start: Double, steps: [WaveformAugment.Step]) throws -> [Float] {
        let clock = TimeBreakdown.job
        if steps.isEmpty, let cached = clock.measure(.cacheRead, { cache?.features(item.url, start: start) }) {
            counters.add(cache: 1)
            return cached.values
        }
        var samples = try clock.measure(.decode) {
            try audio.read(item.url, offset: start, duration: FeatureCache.windowSeconds, sampleRate: frontEnd.sampleRate)
        }
        try clock.measure(.waveformAugment) { try WaveformAugment.apply(steps, to: &samples, sampleRate: frontEnd.sampleRate) }
        counters.add(computed: 1)
        return clock.measure(.frontEnd) { frontEnd(samples).values }
    }

    private func normalize(_ x: inout [Float]) {
        let shape = shapeOf(x.count)
        frontEnd.bands.apply(&x, frames: shape.frames, bins: shape.bins)
    }

    private func shapeOf(_ count: Int) -> (frames: Int, bins: Int) {
        (count / max(frontEnd.nMels, 1), frontEnd.nMels)
    }

    private func assemble(count: Int, sample: @escaping (Int) throws -> ([Float], [Float])) throws -> Batch {
        var xs = [[Float]](repeating: [], count: count), ys = [[Float]](repeating: [], count: count)
        let errors = ErrorBox()
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                nonisolated(unsafe) let xp = xb.baseAddress!, yp = yb.baseAddress!
                DispatchQueue.concurrentPerform(iterations: count) { slot in
                    do { let (x, y) = try sample(slot); xp[slot] = x; yp[slot] = y } catch { errors.set(error) }
                }
            }
        }
        if let error = errors.error { throw error }
        let width = xs.first?.count ?? 0
        guard xs.allSatisfy({ $0.count == width }) else {
            throw InputError(file: "batch", "feature matrices of different sizes in one batch")
        }
        let shape = shapeOf(width)
        return Batch(inputs: xs.flatMap { $0 }, targets: ys.flatMap { $0 }, count: count,
                     frames: shape.frames, bins: shape.bins, classes: classes)
    }

    final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var cache = 0, computed = 0
        func add(cache c: Int = 0, computed n: Int = 0) { lock.lock(); cache += c; computed += n; lock.unlock() }
        func get() -> (Int, Int) { lock.lock(); defer { lock.unlock() }; return (cache, computed) }
    }

    /// Model inputs by item index, up to a memory budget (the full corpus does not fit; the fixture does).
    final class InputMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: [Float]] = [:]
        private var bytes = 0
        let budgetBytes: Int
        init(budgetBytes: Int) { self.budgetBytes = budgetBytes }
        func get(_ i: Int) -> [Float]? { lock.lock(); defer { lock.unlock() }; return values[i] }
        func put(_ i: Int, _ x: [Float]) {
            lock.lock(); defer { lock.unlock() }
            guard values[i] == nil, bytes + x.count * 4 <= budgetBytes else { return }
            values[i] = x; bytes += x.count * 4
        }
    }

    final class ErrorBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var error: Error?
        func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    }
}
