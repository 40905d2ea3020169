import ArgumentParser
import Foundation
import Lab

/// `ablations spec show [NAME] [--suite S | --suite-file F] [--yaml]`: a spec, or a whole suite,
/// written out as the starting point of a spec file.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Write specs out as YAML or JSON, the starting point of a spec file (docs/spec-files.md).",
        subcommands: [SpecShowCommand.self])
}

struct SpecShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one spec in full, or (without NAME) the whole suite as a suite file.",
        discussion: """
        `ablations spec show mixup --suite ci --yaml` prints every knob of ci's row (3) with its value. To start \
        a row from it, write `parent: ci/mixup` and only the keys you change. Without NAME the suite is printed \
        as a suite file: the first row in full, each other row as its parent and what it changes.
        """)

    @Argument(help: "The spec to print; without it, the whole suite.")
    var name: String?

    @OptionGroup var selection: SuiteSelection

    @Flag(help: "YAML instead of JSON.")
    var yaml = false

    func run() throws {
        try reportingInputErrors {
            let suite = try selection.load().suite
            guard let name else {
                if yaml {
                    print("# `ablations spec show --suite \(suite.name) --yaml`: suite '\(suite.name)' as a suite file (docs/spec-files.md)")
                    print(try SpecYAML.yaml(of: suite, name: "my-\(suite.name)"), terminator: "")
                } else {
                    print(String(decoding: try PrettyJSON.encode(suite.specs), as: UTF8.self), terminator: "")
                }
                return
            }
            guard let spec = suite.spec(named: name) else {
                throw InputError(file: "NAME", "suite '\(suite.name)' has no spec '\(name)'; its specs are: \(suite.specs.map(\.name).joined(separator: ", "))")
            }
            if yaml {
                let reference = selection.suiteFile == nil ? "\(suite.name)/\(name)" : name
                print("# \(suite.name)/\(name) in full. As a row of a suite file: `parent: \(reference)` and only the keys you change (docs/spec-files.md).")
                print(try SpecYAML.yaml(of: spec), terminator: "")
            } else {
                print(String(decoding: try PrettyJSON.encode(spec), as: UTF8.self), terminator: "")
            }
        }
    }
}
