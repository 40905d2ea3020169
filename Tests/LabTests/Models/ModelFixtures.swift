import Foundation
@testable import Lab

/// Paths of the committed model reference files (Fixtures/reference/models).
enum ModelFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference/models")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Largest |a − b| over two equal-shaped tensors.
    static func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
        precondition(a.shape == b.shape, "\(a.shape) vs \(b.shape)")
        var m: Float = 0
        for i in 0 ..< a.count { m = max(m, abs(a.data[i] - b.data[i])) }
        return m
    }
}
