import Foundation
import Yams

/// Specs and suites written as YAML that `SpecYAML.spec(from:)` and `SuiteFile` read back to the
/// same values (and so the same `recipeHash`): `ablations spec show NAME --yaml`.
public enum SpecYAML {
    /// `spec` in full, its keys in the order the spec declares them.
    public static func yaml(of spec: AblationSpec) throws -> String {
        let order = try keyOrder(of: [spec])
        return try Yams.serialize(node: node(try JSONValue(encoding: spec), path: "", order: order))
    }

    /// Reads a spec written in full (what `yaml(of:)` writes), strictly; no parent is looked up.
    public static func spec(from text: String, file: String) throws -> AblationSpec {
        let document = try SpecDocument(text: text, file: file)
        return try SpecDecoding.spec(document.root, given: document.root, at: "", in: document)
    }

    /// `suite` as a suite file named `name`: its data, its seeds, the first row in full and every
    /// other row as its parent plus what it changes.
    public static func yaml(of suite: Suite, name: String) throws -> String {
        let specs = suite.specs
        let order = try keyOrder(of: specs)
        let seeds = specs.first?.seeds
        let sharedSeeds = specs.allSatisfy { $0.seeds == seeds } ? seeds : nil
        var rows: [Node] = []
        for spec in specs {
            var row = try JSONValue(encoding: spec)
            var given: [String: JSONValue] = [:]
            if let parentName = spec.parent, let parent = suite.spec(named: parentName) {
                let base = try SuiteFile.baseTree(parent: parent, asRow: true, name: spec.name, seeds: sharedSeeds)
                guard case .object(let changes)? = row.override(from: base) else { continue }
                given = changes
                given["parent"] = .string(parentName)
            } else if case .object(var all) = row {
                if let sharedSeeds, spec.seeds == sharedSeeds { all["seeds"] = nil }
                given = all
            }
            given["name"] = .string(spec.name)
            row = .object(given)
            rows.append(node(row, path: "", order: order, first: ["name", "title", "parent"]))
        }
        var top: [(Node, Node)] = [(Node("suite"), scalar(.string(name))),
                                   (Node("summary"), scalar(.string(suite.summary)))]
        if case .fixture(let preset, let seed) = suite.data {
            top.append((Node("data"), Node([(Node("fixture"), scalar(.string(preset))), (Node("seed"), scalar(.number(Double(seed))))])))
        }
        if let sharedSeeds { top.append((Node("seeds"), node(.array(sharedSeeds.map { .number(Double($0)) }), path: "", order: [:]))) }
        top.append((Node("rows"), Node(rows)))
        return try Yams.serialize(node: Node(top))
    }

    /// For each key path of the specs' encoding, its keys in declaration order (as the Codable
    /// encoding lists them).
    static func keyOrder(of specs: [AblationSpec]) throws -> [String: [String]] {
        var order: [String: [String]] = [:]
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let k = key.string else { continue }
                    if !(order[path] ?? []).contains(k) { order[path, default: []].append(k) }
                    walk(value, SpecDocument.join(path, k))
                }
            case .sequence(let sequence):
                for item in sequence { walk(item, path) }
            default: break
            }
        }
        for spec in specs {
            if let node = try Yams.compose(yaml: try YAMLEncoder().encode(spec)) { walk(node, "") }
        }
        return order
    }

    /// A YAML node of `value`: mapping keys in `order` (then sorted), lists of scalars in flow
    /// style, numbers in their shortest exact form, text quoted when it would read as another type.
    static func node(_ value: JSONValue, path: String, order: [String: [String]], first: [String] = []) -> Node {
        switch value {
        case .object(let fields):
            let known = first + (order[path] ?? []).filter { !first.contains($0) }
            let keys = known.filter { fields[$0] != nil } + fields.keys.filter { !known.contains($0) }.sorted()
            return Node(keys.map { key in
                (Node(key), node(fields[key]!, path: SpecDocument.join(path, key), order: order))
            }, .implicit, fields.isEmpty ? .flow : .block)
        case .array(let items):
            let flat = items.allSatisfy { if case .object = $0 { return false }; if case .array = $0 { return false }; return true }
            return Node(items.map { node($0, path: path, order: order) }, .implicit, flat ? .flow : .block)
        default:
            return scalar(value)
        }
    }

    static func scalar(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .number(let n): return Node(JSONValue.numberText(n), Tag(n == n.rounded() && abs(n) < 1e15 ? .int : .float))
        case .string(let s):
            // Plain text that a reader would take for a number, a boolean or null is quoted.
            return Node(s, Tag(.str), Node(s).tag.rawValue == Tag.Name.str.rawValue ? .any : .doubleQuoted)
        default: return Node("")
        }
    }
}
