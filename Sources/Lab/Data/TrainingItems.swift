import Foundation

/// Builds `TrainingItem`s from the corpus (focal windows) and from pseudo-labels (soundscape windows).
public enum TrainingItems {
    /// Every 5 s window of `recordings` (indices into `corpus.recordings`): primary and secondary
    /// labels are hard 1s; the balance group is the primary class. `windows(url)` gives the
    /// number of windows of a file (e.g. `cache.windows(of:)`, or from `AudioFile.info`).
    public static func focal(_ corpus: Corpus, recordings: [Int], windows: (URL) throws -> Int) throws -> [TrainingItem] {
        var items: [TrainingItem] = []
        for r in recordings.map({ corpus.recordings[$0] }) {
            guard let group = corpus.classIndex(r.primaryLabel) else { continue }
            var y = [Float](repeating: 0, count: corpus.classes.count)
            for label in r.labels { if let c = corpus.classIndex(label) { y[c] = 1 } }
            for w in 0 ..< (try windows(r.url)) {
                items.append(TrainingItem(url: r.url, start: Double(w) * FeatureCache.windowSeconds, targets: y, group: group))
            }
        }
        return items
    }

    /// Number of windows of `url` from its header.
    public static func windowsFromHeader(_ url: URL) throws -> Int {
        FeatureCache.windowCount(duration: try AudioFile.info(url).duration)
    }

    /// Pseudo-labelled soundscape windows. Group = the class with the largest target, or
    /// `classes` (one past the last class) for negatives, their own pseudo-class.
    public static func soundscape(_ samples: [PseudoSample], corpus: Corpus, includeNegatives: Bool) -> [TrainingItem] {
        let urls = Dictionary(corpus.soundscapes.map { ($0.deletingPathExtension().lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        return samples.compactMap { s in
            guard let url = urls[s.file], includeNegatives || !s.isNegative else { return nil }
            let group = s.isNegative ? corpus.classes.count : (s.targets.indices.max { s.targets[$0] < s.targets[$1] } ?? 0)
            return TrainingItem(url: url, start: s.start, targets: s.targets, group: group)
        }
    }
}
