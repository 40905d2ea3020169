import Foundation
import Testing
@testable import Lab

/// `PooledStatistics` against NumPy (Fixtures/reference/baseline/pooled_statistics.py).
@Suite("Features: pooled statistics")
struct PooledStatisticsTests {
    static let folder = FeatureReference.repository.appendingPathComponent("Fixtures/reference/baseline")

    @Test(arguments: ["odd", "even"])
    func matchesNumPy(name: String) throws {
        let (shape, input) = try NPY.read(Self.folder.appendingPathComponent("pooled_\(name)_input.npy"))
        let (_, expected) = try NPY.read(Self.folder.appendingPathComponent("pooled_\(name)_expected.npy"))
        let pooled = PooledStatistics.pool(FeatureMatrix(frames: shape[0], bins: shape[1], values: input))
        #expect(pooled.count == 3 * shape[1] && expected.count == pooled.count)
        let worst = zip(pooled, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
        #expect(worst < 1e-5, "largest relative difference to NumPy \(worst)")
    }

    @Test func batchPoolsEachWindowAndStatisticsFollowTheSpec() {
        // Band 0 = 0, 1, …, 9 (median 4.5), band 1 constant 7.
        let values: [Float] = (0 ..< 10).flatMap { t -> [Float] in [Float(t), 7] }
        let one = PooledStatistics.pool(FeatureMatrix(frames: 10, bins: 2, values: values))
        // mean − median 0, std √8.25, p90 − median: 8.1 − 4.5; the constant band is all 0.
        let expected: [Float] = [0, 0, Float(8.25.squareRoot()), 0, 3.6, 0]
        #expect(zip(one, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        let two = PooledStatistics.pool(batch: values + values.map { $0 + 1 }, count: 2, frames: 10, bins: 2)
        #expect(two.count == 12 && zip(two.suffix(6), one).allSatisfy { abs($0 - $1) < 1e-6 }, "a shift is removed with the median")
        #expect(PooledStatistics.pool(FeatureMatrix(frames: 10, bins: 2, values: values), statistics: [.p90]) == [one[4], one[5]])
    }
}
