import Foundation

/// Checks that a run record belongs where it was found before a report uses it (issue 17): a
/// record of another suite, of a spec the suite does not have, of a spec edited without its hash,
/// in another seed's folder, or with missing results would otherwise be mixed into the table.
/// Every mismatch is an `InputError` naming the record file and the field.
public enum RecordValidation {
    /// Throws unless `record`, read from `url` (`<suite>/<spec>/seed-<s>/record.json`), is a
    /// complete record of `suite`.
    public static func check(_ record: RunRecord, at url: URL, suite: Suite) throws {
        let file = url.path
        let seedFolder = url.deletingLastPathComponent().lastPathComponent
        let specFolder = url.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
        guard record.suite == suite.name else {
            throw InputError(file: file, column: "suite", "a record of suite '\(record.suite)' in the '\(suite.name)' suite's runs")
        }
        guard suite.spec(named: record.spec.name) != nil else {
            throw InputError(file: file, column: "spec.name", "suite '\(suite.name)' has no spec '\(record.spec.name)'; its specs are: "
                + suite.specs.map(\.name).joined(separator: ", "))
        }
        guard record.spec.name == specFolder else {
            throw InputError(file: file, column: "spec.name", "a record of spec '\(record.spec.name)' in the folder of spec '\(specFolder)'")
        }
        guard record.specHash == record.spec.recipeHash else {
            throw InputError(file: file, column: "specHash", "\(record.specHash) is not the hash of the recorded spec "
                + "(\(record.spec.recipeHash)): the spec was edited after the run")
        }
        guard seedFolder == "seed-\(record.seed)" else {
            throw InputError(file: file, column: "seed", "a record of seed \(record.seed) in folder \(seedFolder)")
        }
        try checkResults(record, file: file)
    }

    /// Results: non-empty; each one a (set, thresholds) pair of the spec's evaluation, once; every
    /// set scored at every threshold choice; every metric present with one value per class.
    static func checkResults(_ record: RunRecord, file: String) throws {
        guard !record.results.isEmpty else { throw InputError(file: file, column: "results", "no results (expected at least one)") }
        let evaluation = record.spec.evaluation
        var seen = Set<String>()
        for (i, result) in record.results.enumerated() {
            let field = "results[\(i)]"
            guard evaluation.sets.contains(result.set), evaluation.thresholds.contains(result.thresholds) else {
                throw InputError(file: file, column: field, "set \(result.set.rawValue) at thresholds \(result.thresholds) is not in the spec's evaluation")
            }
            guard seen.insert("\(result.set.rawValue) \(result.thresholds)").inserted else {
                throw InputError(file: file, column: field, "a second result for set \(result.set.rawValue) at thresholds \(result.thresholds)")
            }
            try checkMetrics(result.metrics, classes: record.data.classes.count, file: file, field: field + ".metrics")
        }
        for set in Set(record.results.map(\.set)) {
            for choice in evaluation.thresholds where !record.results.contains(where: { $0.set == set && $0.thresholds == choice }) {
                throw InputError(file: file, column: "results", "set \(set.rawValue) has no result at thresholds \(choice)")
            }
        }
    }

    /// A summary's metrics: rows scored, AUC and AP present whenever a class could be scored.
    static func checkMetrics(_ m: MetricSummary, classes: Int, file: String, field: String) throws {
        guard m.rows > 0 else { throw InputError(file: file, column: field + ".rows", "no rows scored") }
        guard m.perClassAUC.count == classes, m.perClassAP.count == classes, m.positives.count == classes else {
            throw InputError(file: file, column: field, "per-class metrics for \(m.perClassAUC.count) classes; the record has \(classes)")
        }
        guard m.macroAUC != nil || m.classesScored == 0 else {
            throw InputError(file: file, column: field + ".macroAUC", "missing, but \(m.classesScored) classes were scored")
        }
        guard m.cmAP != nil || m.apClassesScored == 0 else {
            throw InputError(file: file, column: field + ".cmAP", "missing, but \(m.apClassesScored) classes were scored")
        }
    }
}
