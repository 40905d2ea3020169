import Testing
@testable import Lab

/// The band-median normalisation against a sort-based median (numpy's definition), on odd and
/// even frame counts, ties, constant bands and negative values.
struct BandNormalizationTests {
    static func reference(_ x: [Float], frames: Int, bins: Int) -> [Float] {
        var out = x
        for f in 0 ..< bins {
            let band = (0 ..< frames).map { x[$0 * bins + f] }.sorted()
            let m = frames % 2 == 1 ? band[frames / 2] : (band[frames / 2 - 1] + band[frames / 2]) / 2
            for t in 0 ..< frames { out[t * bins + f] -= m }
        }
        return out
    }

    @Test(arguments: [1, 2, 7, 250, 256])
    func matchesTheSortedMedian(frames: Int) {
        let bins = 5
        var g = SeededGenerator(seed: UInt64(frames))
        var x = (0 ..< frames * bins).map { _ in Float(g.index(9)) - 4 }          // many ties
        for t in 0 ..< frames { x[t * bins + 2] = 1.5 }                            // a constant band
        for t in 0 ..< frames { x[t * bins + 4] = g.uniformFloat(-3, 2) }          // no ties
        var y = x
        BandNormalization.median.apply(&y, frames: frames, bins: bins)
        #expect(y == Self.reference(x, frames: frames, bins: bins))
        var unchanged = x
        BandNormalization.none.apply(&unchanged, frames: frames, bins: bins)
        #expect(unchanged == x)
    }

    @Test func numpyCase() {
        // numpy 2.4.6: x = np.array([[3., -1.], [0., 2.], [7., 2.], [1., 5.]]); x - np.median(x, axis=0)
        var x: [Float] = [3, -1, 0, 2, 7, 2, 1, 5]
        BandNormalization.median.apply(&x, frames: 4, bins: 2)
        #expect(x == [1, -3, -2, 0, 5, 0, -1, 3])
    }
}
