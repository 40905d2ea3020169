import Foundation

/// `ExperimentData` for a BirdCLEF-2025-layout folder (the real download or the fixture), built
/// the study's way (DESIGN §2–§4, §8, §9): the corpus, its split (`data.splitSeed`), every 5 s
/// window of the train recordings as focal items, plus — when the spec asks — pseudo-labelled
/// training soundscape windows and negatives; a class-balanced sampler; the Data layer's
/// `BatchSource` over a feature cache for batches with jitter, waveform augmentation, mixup and
/// SpecAugment. Evaluation sets: the windows of the validation and test recordings, and the
/// held-out soundscapes' windows scored against `soundscape_labels.csv` when the folder has it
/// (the fixture), else against their held-out pseudo-labels (real data, as the study did).
public final class CorpusData: ExperimentData {
    public let classes: [String]
    public let frames: Int
    public let bins: Int
    public private(set) var counts: [String: Int] = [:]
    public private(set) var skippedFiles: [String] = []

    let spec: AblationSpec
    let seed: UInt64
    let train: BatchSource
    let sampler: BalancedSampler
    let evaluation: [EvaluationSet: BatchSource]
    /// Unlabelled windows for MAE pretraining: train recordings + training-division soundscapes.
    let pretraining: BatchSource
    private var draws: (epoch: Int, items: [BalancedSampler.EpochItem])?
    private let lock = NSLock()

    /// Self-training's labeller: detections of rounds 1 … R over the given training soundscapes
    /// (`SelfTraining.detections`); the last round's become the pseudo-labels.
    public typealias Teacher = (_ trainingSoundscapes: [URL]) throws -> [[Detection]]

    /// Loads `folder` for `spec` and `seed`; features are cached under `cacheRoot` (shared by runs).
    /// A spec with `source: teacher` needs `teacher`.
    public init(spec: AblationSpec, seed: Int, folder: URL, cacheRoot: URL, skipCorrupt: Bool, teacher: Teacher? = nil) throws {
        guard let frames = spec.frontEnd.frames else {
            throw InputError(file: "spec \(spec.name)", column: "frontEnd.frames", "training needs a fixed number of frames per window")
        }
        self.spec = spec
        self.seed = UInt64(seed)
        self.frames = frames
        bins = spec.frontEnd.nMels
        let corpus = try Corpus.load(folder, policy: skipCorrupt ? .skip : .fail)
        classes = corpus.classes
        skippedFiles = corpus.report.issues.map(\.file)
        let split = Split.make(corpus.recordings, seed: UInt64(spec.data.splitSeed),
                               testFraction: spec.data.testFraction, valFraction: spec.data.validationFraction)

        // Soundscapes: which train (pseudo-labels) and which are held out for evaluation.
        let durations = try Self.durations(corpus.soundscapes)
        let pseudo = try Self.pseudoLabels(spec: spec, corpus: corpus, durations: durations, teacher: teacher, counts: &counts)

        let cache = try FeatureCache(root: cacheRoot, frontEnd: spec.frontEnd)
        let splitFiles = Set(split.train + split.val + split.test).sorted().map { corpus.recordings[$0].url }
        let heldOut = Set(pseudo?.heldOutSoundscapes ?? corpus.soundscapes.map { $0.deletingPathExtension().lastPathComponent })
        let soundscapeFiles = corpus.soundscapes
        let built = try cache.build(splitFiles + soundscapeFiles, skipUnreadable: skipCorrupt)
        skippedFiles += built.skipped.map(\.path)
        let unreadable = Set(built.skipped.map(\.path))
        let windows = { (url: URL) -> Int in cache.windows(of: url) ?? 0 }
        let readable = { (url: URL) in !unreadable.contains(url.path) }

        var items = Self.focalItems(corpus, split.train, windows: windows, readable: readable)
        counts["trainWindows"] = items.count
        if spec.data.pseudoLabels != nil, let pseudo {
            let extra = Self.soundscapeItems(pseudo.train, corpus: corpus, negatives: spec.data.negatives != nil, readable: readable)
            counts["pseudoLabelledWindows"] = extra.filter { $0.group < corpus.classes.count }.count
            counts["negativeWindows"] = extra.filter { $0.group == corpus.classes.count }.count
            counts["trainSoundscapes"] = pseudo.trainSoundscapes.count
            items += extra
        }
        let trainingSoundscapes = corpus.soundscapes.filter { readable($0) && !heldOut.contains($0.deletingPathExtension().lastPathComponent) }
        let soundscapeWindows = trainingSoundscapes.flatMap { url in
            (0 ..< windows(url)).map { TrainingItem(url: url, start: Double($0) * FeatureCache.windowSeconds,
                                                   targets: [Float](repeating: 0, count: corpus.classes.count), group: 0) }
        }
        let augmentation = BatchAugmentation(
            jitter: spec.augmentation.jitter,
            waveform: spec.augmentation.waveform ? .study : .none,
            mixup: spec.augmentation.mixup.map { Mixup(probability: $0.probability, alpha: $0.alpha, tries: $0.partnerTries) },
            specAugment: spec.augmentation.specAugment.map {
                SpecAugment(probability: $0.probability, timeStripes: $0.timeStripes, frequencyStripes: $0.frequencyStripes, maxWidth: $0.maxWidth)
            },
            background: spec.augmentation.background.map { BackgroundMix(probability: $0.probability, snr: $0.minSNR ... max($0.minSNR, $0.maxSNR)) })
        if spec.augmentation.background != nil { counts["backgroundWindows"] = soundscapeWindows.count }
        train = BatchSource(items: items, frontEnd: spec.frontEnd, cache: cache, augmentation: augmentation, seed: self.seed,
                            backgrounds: spec.augmentation.background == nil ? [] : soundscapeWindows)
        sampler = BalancedSampler(groups: items.map(\.group), cap: spec.training.balancedListSize, seed: self.seed)

        let unlabelled = Self.focalItems(corpus, split.train, windows: windows, readable: readable) + soundscapeWindows
        pretraining = BatchSource(items: unlabelled, frontEnd: spec.frontEnd, cache: cache, augmentation: .none, seed: self.seed)
        counts["pretrainingWindows"] = unlabelled.count

        var evaluation: [EvaluationSet: BatchSource] = [:]
        let validation = Self.focalItems(corpus, split.val, windows: windows, readable: readable)
        let test = Self.focalItems(corpus, split.test, windows: windows, readable: readable)
        let soundscapes = try Self.heldOutItems(corpus: corpus, folder: folder, heldOut: heldOut, pseudo: pseudo,
                                                windows: windows, readable: readable)
        for (set, setItems) in [(EvaluationSet.validation, validation), (.test, test), (.soundscapes, soundscapes)] where !setItems.isEmpty {
            evaluation[set] = BatchSource(items: setItems, frontEnd: spec.frontEnd, cache: cache, augmentation: .none, seed: self.seed)
        }
        self.evaluation = evaluation
        counts["trainFiles"] = Set(split.train).count
        counts["validationFiles"] = Set(split.val).count
        counts["testFiles"] = Set(split.test).count
        counts["validationWindows"] = validation.count
        counts["testWindows"] = test.count
        counts["soundscapeWindows"] = soundscapes.count
        counts["heldOutSoundscapes"] = heldOut.count
    }

    public func trainingBatchCount(epoch: Int, batchSize: Int) -> Int {
        let n = epochDraws(epoch).count
        return (n + max(batchSize, 1) - 1) / max(batchSize, 1)
    }

    public func trainingBatch(epoch: Int, index: Int, batchSize: Int) throws -> Batch {
        let draws = epochDraws(epoch)
        let range = index * batchSize ..< min(draws.count, (index + 1) * batchSize)
        return try train.trainingBatch(epoch: epoch, draws: draws, range: range)
    }

    public var trainingWindowCount: Int { train.items.count }

    public func trainingWindowBatch(range: Range<Int>) throws -> Batch { try train.evaluationBatch(Array(range)) }

    public func pretrainingBatch(epoch: Int, index: Int, batchSize: Int, samplesPerEpoch: Int) throws -> Batch {
        let n = pretraining.items.count
        guard n > 0 else { throw InputError(file: "train_audio", "no windows to pretrain on") }
        var g = SeededGenerator(seed: seed).split("mae-draw").split(UInt64(epoch))
        var order: [Int] = []
        while order.count < samplesPerEpoch { order += Array(0 ..< n).shuffled(using: &g) }
        let range = index * batchSize ..< min(samplesPerEpoch, (index + 1) * batchSize)
        return try pretraining.evaluationBatch(Array(order[range]))
    }

    public func evaluationCount(_ set: EvaluationSet) -> Int { evaluation[set]?.items.count ?? 0 }

    public func evaluationBatch(_ set: EvaluationSet, range: Range<Int>) throws -> Batch {
        guard let source = evaluation[set] else { throw InputError(file: set.rawValue, "no windows in this evaluation set") }
        return try source.evaluationBatch(Array(range))
    }

    /// The sampler's draw for `epoch` (memoised for the epoch being trained).
    func epochDraws(_ epoch: Int) -> [BalancedSampler.EpochItem] {
        lock.lock(); defer { lock.unlock() }
        if let draws, draws.epoch == epoch { return draws.items }
        let items = sampler.epoch(epoch, draw: spec.training.samplesPerEpoch, seed: seed)
        draws = (epoch, items)
        return items
    }

    // MARK: building items

    /// Every 5 s window of `recordings` (indices into the corpus), labels as hard 1s; balance
    /// group = primary class.
    static func focalItems(_ corpus: Corpus, _ recordings: [Int], windows: (URL) -> Int, readable: (URL) -> Bool) -> [TrainingItem] {
        var items: [TrainingItem] = []
        for r in recordings.map({ corpus.recordings[$0] }) where readable(r.url) {
            guard let group = corpus.classIndex(r.primaryLabel) else { continue }
            var y = [Float](repeating: 0, count: corpus.classes.count)
            for label in r.labels { if let c = corpus.classIndex(label) { y[c] = 1 } }
            for w in 0 ..< windows(r.url) {
                items.append(TrainingItem(url: r.url, start: Double(w) * FeatureCache.windowSeconds, targets: y, group: group))
            }
        }
        return items
    }

    /// Pseudo-labelled soundscape windows; negatives form their own balance group (= class count).
    static func soundscapeItems(_ samples: [PseudoSample], corpus: Corpus, negatives: Bool, readable: (URL) -> Bool) -> [TrainingItem] {
        let urls = Dictionary(corpus.soundscapes.map { ($0.deletingPathExtension().lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        return samples.compactMap { s in
            guard let url = urls[s.file], readable(url), negatives || !s.isNegative else { return nil }
            let group = s.isNegative ? corpus.classes.count : (s.targets.indices.max { s.targets[$0] < s.targets[$1] } ?? 0)
            return TrainingItem(url: url, start: s.start, targets: s.targets, group: group)
        }
    }

    /// Windows of the held-out soundscapes: every window with its truth row when the folder has
    /// `soundscape_labels.csv`, else the held-out pseudo-labelled windows.
    static func heldOutItems(corpus: Corpus, folder: URL, heldOut: Set<String>, pseudo: PseudoLabels?,
                             windows: (URL) -> Int, readable: (URL) -> Bool) throws -> [TrainingItem] {
        let truthURL = folder.appendingPathComponent("soundscape_labels.csv")
        guard FileManager.default.fileExists(atPath: truthURL.path) else {
            return soundscapeItems(pseudo?.heldOut ?? [], corpus: corpus, negatives: false, readable: readable)
        }
        let truth = try SoundscapeTruth(truthURL, classes: corpus.classes)
        var items: [TrainingItem] = []
        for url in corpus.soundscapes where readable(url) {
            let name = url.deletingPathExtension().lastPathComponent
            guard heldOut.contains(name) else { continue }
            for w in 0 ..< windows(url) {
                let rowID = "\(name)_\(Int(Double(w + 1) * FeatureCache.windowSeconds))"
                guard let labels = truth.labels[rowID] else { continue }
                var y = [Float](repeating: 0, count: corpus.classes.count)
                for c in labels { y[c] = 1 }
                items.append(TrainingItem(url: url, start: Double(w) * FeatureCache.windowSeconds, targets: y, group: 0))
            }
        }
        return items
    }

    /// Soundscape durations by name (from the file headers).
    static func durations(_ soundscapes: [URL]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for url in soundscapes { out[url.deletingPathExtension().lastPathComponent] = try AudioFile.info(url).duration }
        return out
    }

    /// Pseudo-labels from the folder's BirdNET detections with the spec's rules (the default rules
    /// when the spec has none, so every row holds out the same soundscapes); nil without detections.
    /// With `source: teacher` the training soundscapes are BirdNET's division when the file exists
    /// (so the row holds out what its parent holds out), else the first 60 % (up to 3,000) in name
    /// order; they are labelled by `teacher`, and each round's precision/recall against
    /// `soundscape_labels.csv` (when present) goes into `counts` as teacherRound<r>….
    static func pseudoLabels(spec: AblationSpec, corpus: Corpus, durations: [String: Double], teacher: Teacher? = nil,
                             counts: inout [String: Int]) throws -> PseudoLabels? {
        let rules = spec.data.pseudoLabels ?? PseudoLabelSpec()
        let config = pseudoLabelConfig(spec)
        let url = corpus.root.appendingPathComponent("birdnet_detections.csv")
        var birdnet: PseudoLabels?
        if FileManager.default.fileExists(atPath: url.path) {
            let detections = try DetectionImport(names: SpeciesNames(corpus.taxonomy), durations: durations).birdNETCSV(url)
            birdnet = PseudoLabels.make(detections, classes: corpus.classes, durations: durations, config: config)
        } else if spec.data.pseudoLabels?.source == .birdnet {
            throw InputError(file: url.path, "pseudo-label rows need BirdNET Analyzer detections over train_soundscapes/ here")
        }
        guard spec.data.pseudoLabels?.source == .teacher else { return birdnet }
        guard let teacher else {
            throw InputError(file: "spec \(spec.name)", column: "data.pseudoLabels.source", "teacher pseudo-labels need the harness's self-training (ExperimentInputs.data)")
        }
        let all = LabelOrder.sorted(durations.keys)
        let trainNames = birdnet?.trainSoundscapes ?? Array(all.prefix(config.division.trainCount(of: all.count)))
        let urls = Dictionary(corpus.soundscapes.map { ($0.deletingPathExtension().lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        let rounds = try teacher(trainNames.compactMap { urls[$0] })
        var own = config
        own.division = .fraction(1)
        let trainDurations = durations.filter { trainNames.contains($0.key) }
        let labelled = rounds.map { PseudoLabels.make($0, classes: corpus.classes, durations: trainDurations, config: own) }
        guard let last = labelled.last else { return birdnet }
        let truthURL = corpus.root.appendingPathComponent("soundscape_labels.csv")
        if FileManager.default.fileExists(atPath: truthURL.path) {
            let truth = try SoundscapeTruth(truthURL, classes: corpus.classes)
            for (r, round) in labelled.enumerated() {
                let q = PseudoLabelQuality.measure(round.train, truth: truth, soundscapes: trainNames)
                counts["teacherRound\(r + 1)TruePositives"] = q.truePositives
                counts["teacherRound\(r + 1)FalsePositives"] = q.falsePositives
                counts["teacherRound\(r + 1)FalseNegatives"] = q.falseNegatives
                counts["teacherRound\(r + 1)Windows"] = q.windows
            }
        }
        var train = last.train
        if let k = rules.heldOutFold {
            train = train.filter { SelfTraining.fold(of: $0.file, in: trainNames, folds: rules.teacherFolds ?? 2) != k }
        }
        let trainSet = Set(trainNames)
        return PseudoLabels(classes: corpus.classes, thresholds: last.thresholds, train: train, heldOut: birdnet?.heldOut ?? [],
                            trainSoundscapes: trainNames,
                            heldOutSoundscapes: birdnet?.heldOutSoundscapes ?? all.filter { !trainSet.contains($0) })
    }

    /// The spec's pseudo-label rules as the Data layer's config.
    static func pseudoLabelConfig(_ spec: AblationSpec) -> PseudoLabelConfig {
        let rules = spec.data.pseudoLabels ?? PseudoLabelSpec()
        var config = PseudoLabelConfig()
        config.minConfidence = rules.minConfidence
        config.negativeConfidence = spec.data.negatives?.minConfidence ?? NegativesSpec().minConfidence
        config.windowSeconds = spec.data.windowSeconds
        config.before = rules.windowBefore
        config.after = rules.windowAfter
        config.percentile = rules.thresholdPercentile
        config.division = rules.trainSoundscapes.map { .first($0) } ?? .automatic
        return config
    }
}
