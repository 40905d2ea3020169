import Foundation

/// Spectrogram PNGs of a corpus (placeholder until the preview is built on the mel front end).
public enum FixturePreview {
    public static func render(_ corpus: FixtureCorpus, to folder: URL) throws -> [URL] {
        throw InputError(file: folder.path, "preview not implemented yet")
    }
}
