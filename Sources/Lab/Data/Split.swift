/// Train / validation / test division of the focal recordings (DESIGN §3).
///
/// Species with ≤ 4 recordings are placed by hand: 4 → 2/1/1; 3 → 1/1/1; 2 → 1 train, 1 val and
/// the val file repeated in test; 1 → the same file in all three. Larger species are stratified:
/// round(30 %) test, then round(15 %) of the remainder validation (each at least 1), the rest
/// train. A pure function of the (file, label) list and the seed: files are sorted by name inside
/// each species before the species' own seeded shuffle, so row order in train.csv does not matter
/// and one species' files never change another's assignment.
public struct Split: Sendable, Hashable, Codable {
    /// Indices into the list the split was made from, ascending.
    public var train: [Int]
    public var val: [Int]
    public var test: [Int]

    /// One item to split: a unique file name and its stratification label (the primary label).
    public struct Item: Sendable, Hashable {
        public var file: String
        public var label: String
        public init(file: String, label: String) { self.file = file; self.label = label }
    }

    public static let testFraction = 0.30
    public static let valFraction = 0.15

    /// Splits `items` with `seed`.
    public static func make(_ items: [Item], seed: UInt64, testFraction: Double = testFraction,
                            valFraction: Double = valFraction) -> Split {
        let root = SeededGenerator(seed: seed).split("split")
        var byLabel: [String: [Int]] = [:]
        for (i, item) in items.enumerated() { byLabel[item.label, default: []].append(i) }
        var split = Split(train: [], val: [], test: [])
        for label in LabelOrder.sorted(byLabel.keys) {
            var members = (byLabel[label] ?? []).sorted { items[$0].file.utf8.lexicographicallyPrecedes(items[$1].file.utf8) }
            var generator = root.split(label)
            members.shuffle(using: &generator)
            let (train, val, test) = assign(members, testFraction: testFraction, valFraction: valFraction)
            split.train += train; split.val += val; split.test += test
        }
        split.train.sort(); split.val.sort(); split.test.sort()
        return split
    }

    /// Splits the corpus' recordings (stratified by primary label).
    public static func make(_ recordings: [Recording], seed: UInt64, testFraction: Double = testFraction,
                            valFraction: Double = valFraction) -> Split {
        make(recordings.map { Item(file: $0.filename, label: $0.primaryLabel) }, seed: seed,
             testFraction: testFraction, valFraction: valFraction)
    }

    /// The hand rules and the stratified rule for one species' (already shuffled) files.
    static func assign(_ m: [Int], testFraction: Double, valFraction: Double) -> (train: [Int], val: [Int], test: [Int]) {
        switch m.count {
        case 0: return ([], [], [])
        case 1: return ([m[0]], [m[0]], [m[0]])
        case 2: return ([m[0]], [m[1]], [m[1]])
        case 3: return ([m[0]], [m[1]], [m[2]])
        case 4: return ([m[0], m[1]], [m[2]], [m[3]])
        default:
            let n = m.count
            let nTest = max(1, Int((Double(n) * testFraction).rounded()))
            let rest = n - nTest
            let nVal = max(1, Int((Double(rest) * valFraction).rounded()))
            return (Array(m[(nTest + nVal)...]), Array(m[nTest ..< nTest + nVal]), Array(m[..<nTest]))
        }
    }

    /// Number of entries in each split (a file repeated by the hand rules counts in each split it is in).
    public var counts: (train: Int, val: Int, test: Int) { (train.count, val.count, test.count) }
}
