import Foundation
import Testing
@testable import Lab

@Suite("Harness: spec files")
struct SpecFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized

    /// Decodes `text` as a suite file named `file`.
    func suite(_ text: String, file: String = "test.yaml") throws -> Suite {
        try SuiteFile.decode(try SpecDocument(text: text, file: file), folder: Self.root).suite
    }

    /// The InputError `body` throws (nil if none).
    func inputError(_ body: () throws -> Void) -> InputError? {
        do { try body() } catch let error as InputError { return error } catch { Issue.record("not an InputError: \(error)") }
        return nil
    }

    @Test func everyBuiltInSpecRoundTripsThroughYAML() throws {
        var count = 0
        for suite in Suite.all {
            for spec in suite.specs {
                let yaml = try SpecYAML.yaml(of: spec)
                let back = try SpecYAML.spec(from: yaml, file: "\(suite.name)-\(spec.name).yaml")
                #expect(back == spec, "\(suite.name)/\(spec.name)")
                #expect(back.recipeHash == spec.recipeHash, "\(suite.name)/\(spec.name)")
                count += 1
            }
        }
        #expect(count == Suite.all.reduce(0) { $0 + $1.specs.count })
    }

    @Test func everyBuiltInSuiteRoundTripsAsASuiteFile() throws {
        for suite in Suite.all {
            let yaml = try SpecYAML.yaml(of: suite, name: "my-\(suite.name)")
            let back = try self.suite(yaml, file: "my-\(suite.name).yaml")
            #expect(back.name == "my-\(suite.name)")
            #expect(back.data == suite.data)
            #expect(back.specs == suite.specs, "\(suite.name)")
            #expect(back.specs.map(\.recipeHash) == suite.specs.map(\.recipeHash))
            // Later rows are written as their changes only, not in full.
            #expect(yaml.components(separatedBy: "frontEnd:").count == 2, "\(suite.name): only the first row lists the front end")
        }
    }

    @Test func exampleFileIsTwoRowsOneAOneKnobChild() throws {
        let file = try SuiteFile.load(Self.root.appendingPathComponent("Examples/two-rows.yaml"))
        let specs = file.suite.specs
        #expect(file.suite.name == "two-rows")
        #expect(file.suite.data == .fixture(preset: "ci", seed: 2025))
        #expect(specs.map(\.name) == ["audio-only", "head-lr"])
        #expect(specs.map(\.seeds) == [[0], [0]])
        let ci = try #require(Suite.ci.spec(named: "audio-only"))
        #expect(specs[0].recipeHash == ci.recipeHash)
        #expect(specs[0].parent == nil)
        #expect(specs[1].parent == "audio-only")
        #expect(specs[1].diff(against: specs[0]).map(\.description) == ["optimizer.headLearningRate: \(ci.optimizer.headLearningRate) → 0.01"])
    }

    @Test func rowsReproduceTheBuiltInRowsFromTheirKnobs() throws {
        let built = try suite("""
            suite: rebuilt
            rows:
              - {name: mixup, parent: ci/mixup}
              - name: bce
                parent: mixup
                loss: {bce: true}
              - name: vit-scratch
                parent: mixup
                model: {vit: {pretraining: {none: true}}}
              - name: no-mixup
                parent: mixup
                augmentation: {mixup: null}
            """)
        let ci = Suite.ci
        for name in ["mixup", "bce", "vit-scratch"] {
            #expect(built.spec(named: name)?.recipeHash == ci.spec(named: name)?.recipeHash, "\(name)")
        }
        #expect(built.spec(named: "no-mixup")?.augmentation.mixup == nil)
        #expect(built.spec(named: "no-mixup")?.augmentation.specAugment != nil)
        #expect(built.rows.map(\.knob) == [.baseline, .fromFile, .fromFile, .fromFile])
        #expect(built.data == .userFolder)
    }

    @Test func jsonFileIsReadToo() throws {
        let built = try suite(#"{"suite": "j", "data": {"fixture": "ci"}, "seeds": [3], "rows": [{"name": "a", "parent": "ci/audio-only", "training": {"epochs": 2}}]}"#,
                              file: "j.json")
        #expect(built.specs.first?.training.epochs == 2)
        #expect(built.specs.first?.seeds == [3])
        #expect(built.data == .fixture(preset: "ci", seed: 2025))
    }

    @Test func oneRowFileIsAOneRowSuiteOnItsParentsData() throws {
        let file = try SuiteFile.decode(try SpecDocument(text: "name: lr\nparent: default/audio-only\noptimizer: {encoderLearningRate: 0.002}\n",
                                                         file: "/tmp/lr-test.yaml"), folder: Self.root)
        #expect(file.suite.name == "lr-test")
        #expect(file.suite.data == Suite.default.data)
        #expect(file.suite.specs.first?.optimizer.encoderLearningRate == 0.002)
        #expect(file.suite.specs.first?.seeds == Suite.default.specs[0].seeds)
    }

    @Test(arguments: [
        ("unknown-key.yaml", 11, "rows[1].optimizer.headLearningRat", "unknown key"),
        ("wrong-type.yaml", 8, "rows[0].training.epochs", "expected an integer"),
        ("missing-parent.yaml", 8, "rows[1].parent", "no parent 'ci/no-such-row'"),
    ])
    func malformedFilesNameFileLineAndKey(file: String, line: Int, key: String, reason: String) throws {
        let url = Self.root.appendingPathComponent("Fixtures/spec-files/\(file)")
        let error = try #require(inputError { _ = try SuiteFile.load(url) })
        #expect(error.file == "\(url.path):\(line)")
        #expect(error.reason.hasPrefix("key '\(key)': \(reason)"), "\(error)")
    }

    @Test func otherMistakesAreNamedToo() throws {
        let cases: [(String, String)] = [
            ("suite: s\nrows:\n  - name: a\n    parent: ci/audio-only\n    loss: {bce: false}\n", "test.yaml:5: key 'rows[0].loss.bce': the value false reads back as true"),
            ("suite: s\nrows:\n  - name: a\n    parent: ci/audio-only\n  - name: a\n    parent: a\n", "test.yaml:5: key 'rows[1].name': a row named 'a' comes earlier"),
            ("suite: ci\nrows:\n  - name: a\n    parent: ci/audio-only\n", "test.yaml:1: key 'suite': 'ci' is taken"),
            ("suite: s\nrow:\n  - name: a\n", "test.yaml:2: key 'row': unknown key"),
            ("suite: s\nrows:\n  - name: a\n    title: x\n", "test.yaml:3: key 'rows[0].data': missing key"),
            ("suite: s\nrows:\n  - name: a\n    parent: ci/audio-only\n    seeds: [0, x]\n", "test.yaml:5: key 'rows[0].seeds[1]': expected an integer"),
            ("suite: s\nrows: [\n", "test.yaml:3: not valid YAML or JSON"),
            ("suite: s\nsuite: t\n", "test.yaml:1: key 'suite': duplicate key"),
        ]
        for (text, expected) in cases {
            let error = inputError { _ = try suite(text) }
            #expect(error?.description.hasPrefix(expected) == true, "got: \(error.map(\.description) ?? "no error"); expected: \(expected)")
        }
    }

    @Test func mergeAndOverrideAreInverse() throws {
        let ci = Suite.ci.specs
        for (a, b) in zip(ci, ci.dropFirst()) {
            let old = try JSONValue(encoding: a), new = try JSONValue(encoding: b)
            let change = try #require(new.override(from: old))
            #expect(old.merging(change) == new)
        }
    }
}
