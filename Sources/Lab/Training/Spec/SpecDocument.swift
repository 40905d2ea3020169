import Foundation
import Yams

/// A YAML or JSON document (JSON is read as YAML) as a `JSONValue` tree, with the line each key
/// path starts on, so that every error can name the file, the line and the key.
///
/// Key paths are dotted, with list items as `[i]`: `rows[1].optimizer.headLearningRate`.
public struct SpecDocument: Sendable {
    /// The file's name as the user gave it (used in error messages).
    public var file: String
    public var root: JSONValue
    /// 1-based line of each key path ("" is the document itself).
    var lines: [String: Int]

    /// Parses `text`; a syntax error, a duplicate key, a non-text key or an alias is an `InputError`.
    public init(text: String, file: String) throws {
        self.file = file
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        }
        guard let node else { throw InputError(file: file, "the file is empty; expected a mapping (docs/spec-files.md)") }
        var lines: [String: Int] = [:]
        root = try Self.value(of: node, path: "", lines: &lines, file: file)
        self.lines = lines
    }

    /// Reads and parses the file at `url`; errors name it `name` (default: its path).
    public static func read(_ url: URL, name: String? = nil) throws -> SpecDocument {
        let file = name ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else { throw InputError(file: file, "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
        return try SpecDocument(text: text, file: file)
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    public func line(of path: String) -> Int? {
        var p = path
        while true {
            if let line = lines[p] { return line }
            if p.isEmpty { return nil }
            p = Self.parent(of: p)
        }
    }

    /// An error at `path`: `file:line: key 'path': reason`.
    public func error(at path: String, _ reason: String) -> InputError {
        InputError.at(file: file, line: line(of: path), key: path, reason)
    }

    /// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → "".
    static func parent(of path: String) -> String {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
        return String(path[..<cut])
    }

    /// `path` + `.key` (or `key` at the root).
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private static func value(of node: Node, path: String, lines: inout [String: Int], file: String) throws -> JSONValue {
        if lines[path] == nil, let mark = node.mark { lines[path] = mark.line }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return (node.int.map { .number(Double($0)) } ?? node.float.map(JSONValue.number)) ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw InputError.at(file: file, line: keyNode.mark?.line, key: path, "a key must be plain text")
                }
                let p = join(path, key.string)
                if fields[key.string] != nil {
                    throw InputError.at(file: file, line: keyNode.mark?.line, key: p, "duplicate key")
                }
                if let mark = keyNode.mark { lines[p] = mark.line }
                fields[key.string] = try value(of: valueNode, path: p, lines: &lines, file: file)
            }
            return .object(fields)
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { i, item in
                try value(of: item, path: path + "[\(i)]", lines: &lines, file: file)
            })
        case .alias:
            throw InputError.at(file: file, line: node.mark?.line, key: path, "anchors and aliases are not supported; write the value out")
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return InputError(file: "\(file):\(mark.line)", "not valid YAML or JSON: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let keys, let context):
            return InputError.at(file: file, line: context.mark.line, key: keys.joined(separator: "', '"), "duplicate key (written twice in one mapping)")
        default:
            return InputError(file: file, "not valid YAML or JSON: \(error)")
        }
    }
}

extension InputError {
    /// An error in a structured file: `file:line: key 'a.b': reason` (the line when known).
    public static func at(file: String, line: Int?, key: String, _ reason: String) -> InputError {
        InputError(file: line.map { "\(file):\($0)" } ?? file, key.isEmpty ? reason : "key '\(key)': \(reason)")
    }
}
