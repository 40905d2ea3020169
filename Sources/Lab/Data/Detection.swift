/// One detector output: a species heard in [start, end) seconds of a sound file.
public struct Detection: Sendable, Hashable, Codable {
    /// The sound file's name without folder and extension (e.g. "XC563936").
    public var file: String
    public var start: Double
    public var end: Double
    /// Class label when the species is in the taxonomy, `nil` for an out-of-list species.
    public var label: String?
    /// The detector's name for the species (scientific name, else common name).
    public var species: String
    public var confidence: Double
    /// Line in the source file (header = 1), for messages.
    public var line: Int

    public init(file: String, start: Double, end: Double, label: String?, species: String, confidence: Double, line: Int = 0) {
        self.file = file; self.start = start; self.end = end; self.label = label
        self.species = species; self.confidence = confidence; self.line = line
    }
}
