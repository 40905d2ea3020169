/// Class balance (DESIGN §9): per-class augmentation probabilities and the class-balanced list.
///
/// Items are grouped by an integer group (the primary class index, or an extra pseudo-class such
/// as "negative"). aug_prob[g] = 1 − count[g] / (max_count + 100). The list resamples every group
/// with replacement to the same size (the largest group's count unless `perGroup` is given),
/// concatenates, shuffles and keeps the first `cap` items (the study: 70,000); each epoch draws
/// `draw` items (the study: 10,000) from it without replacement.
public struct BalancedSampler: Sendable {
    /// Group of each item.
    public let groups: [Int]
    /// Items per group, indexed by group id.
    public let counts: [Int]
    public let augProb: [Double]
    /// The class-balanced list of item indices.
    public let list: [Int]

    public init(groups: [Int], perGroup: Int? = nil, cap: Int = 70_000, seed: UInt64) {
        self.groups = groups
        let groupCount = (groups.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in groups.enumerated() { members[g].append(i) }
        counts = members.map(\.count)
        let maxCount = counts.max() ?? 0
        augProb = counts.map { 1 - Double($0) / Double(maxCount + 100) }
        let size = perGroup ?? maxCount
        var generator = SeededGenerator(seed: seed).split("balanced-list")
        var list: [Int] = []
        for m in members where !m.isEmpty {
            for _ in 0 ..< size { list.append(m[generator.index(m.count)]) }
        }
        list.shuffle(using: &generator)
        self.list = Array(list.prefix(cap))
    }

    /// One epoch's draw: `draw` positions of `list` without replacement (all when the list is shorter).
    public func epoch(_ epoch: Int, draw: Int = 10_000, seed: UInt64) -> [EpochItem] {
        var generator = SeededGenerator(seed: seed).split("epoch").split(UInt64(epoch))
        var positions = Array(list.indices)
        let n = min(draw, positions.count)
        for k in 0 ..< n {  // partial Fisher–Yates
            let j = k + generator.index(positions.count - k)
            positions.swapAt(k, j)
        }
        return positions.prefix(n).enumerated().map { k, p in
            let item = list[p]
            var flag = generator.split(UInt64(k))
            return EpochItem(item: item, augment: flag.bernoulli(augProb[groups[item]]))
        }
    }

    /// An item drawn for an epoch and whether its augmentation flag is set.
    public struct EpochItem: Sendable, Hashable {
        public var item: Int
        public var augment: Bool
    }
}
