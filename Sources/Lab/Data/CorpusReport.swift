/// What the corpus checks found: counts per kind of problem and the first few offenders.
public struct CorpusReport: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case missingAudio = "missing audio file"
        case unknownPrimaryLabel = "primary label not in taxonomy"
        case unknownSecondaryLabel = "secondary label not in taxonomy"
        case duplicateFilename = "duplicate filename"
        case malformedField = "malformed field"
        case corruptAudio = "corrupt or truncated audio"
    }

    /// One offending item.
    public struct Issue: Sendable, Codable, Hashable {
        public var kind: Kind
        public var file: String
        public var row: Int?
        public var detail: String
    }

    public var rowsRead = 0
    public var recordingsKept = 0
    public var soundscapes = 0
    public var issues: [Issue] = []
    /// Whether every sound file was decoded (`data check --decode`); until then "corrupt audio"
    /// is reported as not checked rather than as 0.
    public var audioDecoded: Bool?

    /// How many issues of `kind` were found.
    public func count(_ kind: Kind) -> Int { issues.lazy.filter { $0.kind == kind }.count }

    /// Number of recordings or soundscapes whose audio could not be decoded (for the run record).
    public var corruptAudioCount: Int { count(.corruptAudio) }

    /// Human-readable text: one line per kind with its count and up to `examples` offenders.
    public func text(examples: Int = 5) -> String {
        var lines = ["train.csv rows: \(rowsRead), recordings kept: \(recordingsKept), soundscapes: \(soundscapes)"]
        for kind in Kind.allCases {
            let found = issues.filter { $0.kind == kind }
            if kind == .corruptAudio, found.isEmpty, audioDecoded != true {
                lines.append("\(kind.rawValue): not checked (the audio was not decoded; `data check --decode` decodes it)")
                continue
            }
            lines.append("\(kind.rawValue): \(found.count)")
            for issue in found.prefix(examples) {
                let place = issue.row.map { "\(issue.file), row \($0)" } ?? issue.file
                lines.append("  \(place): \(issue.detail)")
            }
            if found.count > examples { lines.append("  … and \(found.count - examples) more") }
        }
        return lines.joined(separator: "\n")
    }
}
