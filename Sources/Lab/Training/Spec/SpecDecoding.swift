import Foundation

/// Decodes an `AblationSpec` from a tree of a spec document, strictly: a wrong type, a missing
/// key, an unknown key and a value that does not read back as written are `InputError`s naming
/// the file, the line and the key path. Generic over the spec's Codable structure: a field added
/// to a section needs no change here.
enum SpecDecoding {
    /// Decodes `tree` (the spec at `path` of `document`, already merged onto its parent).
    /// `given` is what the file itself wrote there (checked for unknown keys and values).
    static func spec(_ tree: JSONValue, given: JSONValue, at path: String, in document: SpecDocument) throws -> AblationSpec {
        let spec: AblationSpec
        do {
            spec = try JSONDecoder().decode(AblationSpec.self, from: try JSONEncoder().encode(tree))
        } catch let error as DecodingError {
            throw describe(error, at: path, in: document)
        }
        try checkReadBack(given, as: try JSONValue(encoding: spec), at: path, in: document)
        return spec
    }

    /// Every key the file wrote must come back in the decoded spec's encoding, with the value
    /// written (a misspelt key would otherwise be ignored silently).
    static func checkReadBack(_ given: JSONValue, as back: JSONValue, at path: String, in document: SpecDocument) throws {
        switch (given, back) {
        case (.object(let written), .object(let read)):
            for key in written.keys.sorted() where written[key] != .null {
                let p = SpecDocument.join(path, key)
                guard let value = read[key] else {
                    let known = read.keys.sorted().joined(separator: ", ")
                    throw document.error(at: p, "unknown key; the keys here are: \(known) (docs/spec-files.md)")
                }
                try checkReadBack(written[key]!, as: value, at: p, in: document)
            }
        case (.array(let written), .array(let read)) where written.count == read.count:
            for (i, (a, b)) in zip(written, read).enumerated() { try checkReadBack(a, as: b, at: path + "[\(i)]", in: document) }
        default:
            guard given == back else {
                throw document.error(at: path, "the value \(given.text) reads back as \(back.text); write \(back.text)")
            }
        }
    }

    /// The decoding error as an `InputError` at its key path.
    static func describe(_ error: DecodingError, at path: String, in document: SpecDocument) -> InputError {
        switch error {
        case .typeMismatch(let type, let context):
            return document.error(at: join(path, context.codingPath), "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return document.error(at: join(path, context.codingPath), "expected \(typeName(type)), got null")
        case .keyNotFound(let key, let context):
            return document.error(at: join(path, context.codingPath + [key]),
                                  "missing key (give it, or name a parent to take it from)")
        case .dataCorrupted(let context):
            return document.error(at: join(path, context.codingPath), context.debugDescription)
        @unknown default:
            return document.error(at: path, "\(error)")
        }
    }

    /// `path` extended by a Codable coding path (`[i]` for list items).
    static func join(_ path: String, _ codingPath: [CodingKey]) -> String {
        codingPath.reduce(path) { p, key in
            if let i = key.intValue { return p + "[\(i)]" }
            return SpecDocument.join(p, key.stringValue)
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") ? "a mapping" : name
        }
    }
}
