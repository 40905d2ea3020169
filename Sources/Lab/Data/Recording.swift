import Foundation

/// One row of `train.csv`: a focal recording under `train_audio/`.
public struct Recording: Sendable, Hashable, Codable {
    /// Path relative to `train_audio/`, e.g. "amecro/XC1234.ogg".
    public var filename: String
    public var primaryLabel: String
    /// Secondary species that are in the taxonomy (unknown ones are reported and dropped).
    public var secondaryLabels: [String]
    /// Call types (`type` column), e.g. ["call", "song"].
    public var types: [String]
    public var collection: String
    public var rating: Double?
    /// Row in train.csv (header = 1).
    public var row: Int
    /// Absolute location of the audio file.
    public var url: URL

    /// Every label of the recording: primary first, then secondary.
    public var labels: [String] { [primaryLabel] + secondaryLabels.filter { $0 != primaryLabel } }
}
