import ArgumentParser
import Foundation
import Lab

/// `ablations list [--suite NAME | --suite-file FILE] [--json]`: the specs of a suite, one line each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a suite's specs: name first, then what each changes against its parent.",
        discussion: "Suites: \(Suite.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).")

    @OptionGroup var selection: SuiteSelection

    @Flag(help: "Print every spec in full as JSON instead.")
    var json = false

    func run() throws {
        try reportingInputErrors {
            let suite = try selection.load().suite
            if json {
                print(String(decoding: try PrettyJSON.encode(suite.specs), as: UTF8.self), terminator: "")
                return
            }
            for row in suite.rows {
                let spec = row.spec
                guard let parentName = spec.parent, let parent = suite.spec(named: parentName) else {
                    print("\(spec.name)\t(first row: \(spec.title)) \(spec.model.label); loss \(JSONValue.briefText(of: spec.loss)); "
                        + "\(spec.frontEnd.kind.rawValue) \(spec.frontEnd.frames.map(String.init) ?? "?")×\(spec.frontEnd.nMels); "
                        + "\(spec.training.epochs) epochs × \(spec.training.samplesPerEpoch) samples; seeds \(spec.seeds.map(String.init).joined(separator: ","))")
                    continue
                }
                print("\(spec.name)\tvs \(parentName): " + spec.diff(against: parent).map(\.description).joined(separator: "; "))
            }
        }
    }
}
