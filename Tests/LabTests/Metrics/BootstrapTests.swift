import Foundation
import Testing
@testable import Lab

@Suite struct BootstrapTests {
    /// A random informative case: 300 rows × 5 classes.
    static func data(seed: UInt64) -> (ClassColumns, ClassColumns) {
        var g = SeededGenerator(seed: seed)
        var y: [[Double]] = [], s: [[Double]] = []
        for _ in 0 ..< 300 {
            let row = (0 ..< 5).map { _ in g.bernoulli(0.2) ? 1.0 : 0.0 }
            y.append(row)
            s.append(row.map { min(1, max(0, 0.4 * $0 + g.uniform(0, 0.6))) })
        }
        return (ClassColumns(rowValues: y), ClassColumns(rowValues: s))
    }

    @Test func sameSeedSameIntervalAndItBracketsTheEstimate() {
        let (y, s) = Self.data(seed: 1)
        let g = SeededGenerator(seed: 42)
        let a = bootstrapInterval(targets: y, scores: s, thresholds: .scalar(0.5), replicates: 200, generator: g) { $0.macroAUC }
        let b = bootstrapInterval(targets: y, scores: s, thresholds: .scalar(0.5), replicates: 200, generator: g) { $0.macroAUC }
        #expect(a == b)
        let estimate = try! #require(a.estimate), lower = try! #require(a.lower), upper = try! #require(a.upper)
        #expect(estimate == scoreMultiLabel(targets: y, scores: s, thresholds: .scalar(0.5)).macroAUC)
        #expect(lower < estimate && estimate < upper)
        #expect(upper - lower < 0.2)
        #expect(a.replicates == 200 && a.undefinedReplicates == 0 && a.seed == 42)
        let c = bootstrapInterval(targets: y, scores: s, thresholds: .scalar(0.5), replicates: 200,
                                  generator: SeededGenerator(seed: 43)) { $0.macroAUC }
        #expect(c.lower != a.lower)
    }

    @Test func resamplesAreDrawnWithReplacementOverAllRows() {
        // The mean of a row-indexed value over resamples: interval of a sample mean, ≈ mean ± 2·sd/√n.
        let values = (0 ..< 400).map { Double($0 % 2) }  // mean 0.5, sd 0.5
        let interval = bootstrapInterval(rows: values.count, replicates: 1000, generator: SeededGenerator(seed: 7)) { idx in
            idx.reduce(0) { $0 + values[$1] } / Double(idx.count)
        }
        let halfWidth = 1.96 * 0.5 / 20  // ≈ 0.049
        #expect(abs((interval.lower ?? 0) - (0.5 - halfWidth)) < 0.015)
        #expect(abs((interval.upper ?? 0) - (0.5 + halfWidth)) < 0.015)
    }

    @Test func undefinedReplicatesAreCountedNotHidden() {
        // One positive in 50 rows: resamples often miss it, leaving AUC undefined.
        var y = [[Double]](repeating: [0], count: 50); y[0] = [1]
        let s = (0 ..< 50).map { [Double($0) / 50] }
        let interval = bootstrapInterval(targets: ClassColumns(rowValues: y), scores: ClassColumns(rowValues: s),
                                         thresholds: .scalar(0.5), replicates: 300, generator: SeededGenerator(seed: 3)) { $0.macroAUC }
        #expect(interval.undefinedReplicates > 50 && interval.undefinedReplicates < 200)
    }
}
