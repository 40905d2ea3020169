import Foundation

/// A suite written in a YAML or JSON file (docs/spec-files.md): its name, its data and its rows,
/// each row a parent (an earlier row of the file, or a built-in spec written `SUITE/NAME`) with
/// the knobs it changes laid over it. Decodes into the same `Suite` of `AblationSpec`s the
/// built-in suites are, so a file suite runs, resumes and reports exactly as they do.
///
/// ```yaml
/// suite: two-rows
/// data: {fixture: ci, seed: 2025}
/// seeds: [0]
/// rows:
///   - name: audio-only
///     parent: ci/audio-only
///   - name: head-lr
///     parent: audio-only
///     optimizer: {headLearningRate: 0.001}
/// ```
///
/// A file without `rows` holding one row (`name`, `parent`, knobs) is a one-row suite named
/// after the file, on the data of its built-in parent's suite.
public struct SuiteFile: Sendable {
    public var suite: Suite
    /// The data folder the file names (`data: {folder: PATH}`, relative to the file), if any.
    public var dataFolder: URL?

    /// Names a file suite may not take: the built-in suites and the runs folder's own folders.
    public static let reservedNames: Set<String> = Set(Suite.all.map(\.name)).union(["fixtures", "cache", "reports", "shared"])

    /// Reads, parses and decodes the suite file at `url`; errors name it `name` (default: its path).
    public static func load(_ url: URL, name: String? = nil) throws -> SuiteFile {
        try decode(try SpecDocument.read(url, name: name), folder: url.deletingLastPathComponent())
    }

    /// Decodes a parsed document; `folder` resolves a relative `data.folder`.
    public static func decode(_ document: SpecDocument, folder: URL) throws -> SuiteFile {
        guard case .object(let top) = document.root else { throw document.error(at: "", "expected a mapping with `rows:` (a suite) or `name:` (one row)") }
        if top["rows"] == nil, top["name"] != nil { return try oneRow(document, folder: folder) }
        let allowed = ["suite", "summary", "data", "seeds", "rows"]
        try rejectUnknown(top, allowed: allowed, at: "", in: document)
        let name = try text(top["suite"], at: "suite", in: document) ?? stem(of: document.file)
        try checkName(name, at: top["suite"] == nil ? "" : "suite", in: document, suite: true)
        guard case .array(let rowValues)? = top["rows"], !rowValues.isEmpty else {
            throw document.error(at: top["rows"] == nil ? "" : "rows", "expected `rows:` with at least one row")
        }
        let seeds = try top["seeds"].map { try ints($0, at: "seeds", in: document) }
        var rows: [SuiteRow] = []
        for (i, value) in rowValues.enumerated() {
            rows.append(try row(value, at: "rows[\(i)]", earlier: rows, seeds: seeds, in: document).row)
        }
        let (data, dataFolder) = try suiteData(top["data"], folder: folder, in: document)
        let summary = try text(top["summary"], at: "summary", in: document) ?? "from \(document.file)"
        return SuiteFile(suite: Suite(name: name, summary: summary, data: data, rows: rows, sizes: "as written in \(document.file)"),
                         dataFolder: dataFolder)
    }

    /// A file holding one row: a one-row suite named after the file.
    static func oneRow(_ document: SpecDocument, folder: URL) throws -> SuiteFile {
        let name = stem(of: document.file)
        try checkName(name, at: "", in: document, suite: true)
        let (row, builtIn) = try row(document.root, at: "", earlier: [], seeds: nil, in: document)
        return SuiteFile(suite: Suite(name: name, summary: "one row from \(document.file)", data: builtIn?.data ?? .userFolder,
                                      rows: [row], sizes: "as written in \(document.file)"),
                         dataFolder: nil)
    }

    /// One row: its parent's spec with the row's keys laid over it, decoded strictly. Returns the
    /// built-in suite of its parent too, when the parent is a built-in spec.
    static func row(_ value: JSONValue, at path: String, earlier: [SuiteRow], seeds: [Int]?,
                    in document: SpecDocument) throws -> (row: SuiteRow, builtIn: Suite?) {
        guard case .object(var given) = value else { throw document.error(at: path, "expected a mapping (a row: name, parent, knobs)") }
        let parentPath = SpecDocument.join(path, "parent")
        let parentName = try text(given.removeValue(forKey: "parent"), at: parentPath, in: document)
        guard let name = try text(given["name"], at: SpecDocument.join(path, "name"), in: document) else {
            throw document.error(at: path, "missing key 'name'")
        }
        try checkName(name, at: SpecDocument.join(path, "name"), in: document, suite: false)
        if earlier.contains(where: { $0.spec.name == name }) {
            throw document.error(at: SpecDocument.join(path, "name"), "a row named '\(name)' comes earlier in the file")
        }
        var parent: AblationSpec?
        var builtIn: Suite?
        if let parentName {
            if let row = earlier.first(where: { $0.spec.name == parentName }) {
                parent = row.spec
            } else if let (suite, spec) = builtInSpec(parentName) {
                parent = spec
                builtIn = suite
            } else {
                let rows = earlier.map(\.spec.name)
                throw document.error(at: parentPath, "no parent '\(parentName)': expected an earlier row of this file"
                    + (rows.isEmpty ? "" : " (\(rows.joined(separator: ", ")))")
                    + " or a built-in spec written SUITE/NAME, e.g. ci/audio-only (`ablations list --suite ci`)")
            }
        }
        let knob: Knob = parent != nil && builtIn == nil ? .fromFile : .baseline
        let tree = try baseTree(parent: parent, asRow: builtIn == nil, name: name, seeds: seeds).merging(.object(given))
        let spec = try SpecDecoding.spec(tree, given: .object(given), at: path, in: document)
        return (SuiteRow(spec: spec, knob: knob), builtIn)
    }

    /// The tree a row's keys are laid over: its parent's spec (the spec's `parent` naming it when
    /// it is an earlier row of the file, none when it is a built-in spec), titled after the row,
    /// with the file's seeds; an empty tree for a row without parent.
    static func baseTree(parent: AblationSpec?, asRow: Bool, name: String, seeds: [Int]?) throws -> JSONValue {
        var base = JSONValue.object([:])
        if var spec = parent {
            spec.parent = asRow ? spec.name : nil
            base = try JSONValue(encoding: spec)
        }
        var defaults: [String: JSONValue] = ["title": .string(name)]
        if let seeds { defaults["seeds"] = .array(seeds.map { .number(Double($0)) }) }
        return base.merging(.object(defaults))
    }

    /// `SUITE/NAME` → the built-in suite and its spec.
    static func builtInSpec(_ reference: String) -> (Suite, AblationSpec)? {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let suite = Suite.all.first(where: { $0.name == parts[0] }),
              let spec = suite.spec(named: String(parts[1])) else { return nil }
        return (suite, spec)
    }

    /// `data: {fixture: PRESET, seed: S}` or `data: {folder: PATH}`; absent: `--data DIR` is needed.
    static func suiteData(_ value: JSONValue?, folder: URL, in document: SpecDocument) throws -> (SuiteData, URL?) {
        guard let value else { return (.userFolder, nil) }
        guard case .object(let fields) = value else { throw document.error(at: "data", "expected {fixture: PRESET, seed: S} or {folder: PATH}") }
        if let path = try text(fields["folder"], at: "data.folder", in: document) {
            try rejectUnknown(fields, allowed: ["folder"], at: "data", in: document)
            return (.userFolder, URL(fileURLWithPath: path, isDirectory: true, relativeTo: folder).standardizedFileURL)
        }
        try rejectUnknown(fields, allowed: ["fixture", "seed"], at: "data", in: document)
        guard let preset = try text(fields["fixture"], at: "data.fixture", in: document) else {
            throw document.error(at: "data", "expected {fixture: PRESET, seed: S} or {folder: PATH}")
        }
        guard FixturePreset.named(preset) != nil else { throw document.error(at: "data.fixture", "no fixture preset '\(preset)' (`ablations fixture --help`)") }
        let seed = try fields["seed"].map { try int($0, at: "data.seed", in: document) } ?? 2025
        return (.fixture(preset: preset, seed: seed), nil)
    }

    static func rejectUnknown(_ fields: [String: JSONValue], allowed: [String], at path: String, in document: SpecDocument) throws {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw document.error(at: SpecDocument.join(path, key), "unknown key; the keys here are: \(allowed.joined(separator: ", ")) (docs/spec-files.md)")
        }
    }

    static func text(_ value: JSONValue?, at path: String, in document: SpecDocument) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw document.error(at: path, "expected text")
        }
    }

    static func int(_ value: JSONValue, at path: String, in document: SpecDocument) throws -> Int {
        guard case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 else { throw document.error(at: path, "expected an integer") }
        return Int(n)
    }

    static func ints(_ value: JSONValue, at path: String, in document: SpecDocument) throws -> [Int] {
        guard case .array(let items) = value, !items.isEmpty else { throw document.error(at: path, "expected a list of integers, e.g. [0, 1]") }
        return try items.enumerated().map { try int($1, at: path + "[\($0)]", in: document) }
    }

    /// Suite and row names become folder names: letters, digits, `.`, `_`, `-`.
    static func checkName(_ name: String, at path: String, in document: SpecDocument, suite: Bool) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw document.error(at: path, "'\(name)' is not a usable name: letters, digits, '.', '_' and '-' only")
        }
        if suite, reservedNames.contains(name) {
            throw document.error(at: path, "'\(name)' is taken (built-in suites and runs-folder names: \(reservedNames.sorted().joined(separator: ", "))); choose another suite name")
        }
    }

    static func stem(of file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }
}
