import Foundation
@testable import Lab

/// The committed reference vectors of Fixtures/reference/features (made by make_reference.py).
enum FeatureReference {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Fixtures/reference/features")
    /// ../shared/audio/real-mini/raw next to the repository, when it exists.
    static var realMiniRaw: URL? {
        var url = repository
        for _ in 0 ..< 4 {
            let candidate = url.appendingPathComponent("../shared/audio/real-mini/raw").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func matrix(_ name: String) throws -> FeatureMatrix {
        let (shape, values) = try NPY.read(url(name))
        precondition(shape.count == 2)
        return FeatureMatrix(frames: shape[0], bins: shape[1], values: values)
    }

    /// The value at quantile `q` (0…1, nearest rank) of `values`.
    static func quantile(_ values: [Float], _ q: Double) -> Float {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
    }

    /// |a − b| over bins where the reference mel power is within 60 dB of its maximum, in dB.
    static func dbErrorsNearPeak(_ mel: FeatureMatrix, reference: FeatureMatrix) -> [Float] {
        let peak = reference.values.max() ?? 0
        var errors: [Float] = []
        for (a, b) in zip(mel.values, reference.values) where b >= peak * 1e-6 {
            errors.append(abs(10 * log10(max(a, 1e-20)) - 10 * log10(b)))
        }
        return errors
    }
}
