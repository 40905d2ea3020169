import Foundation
import Lab

/// What `ablations score` prints: a readable table or one JSON object.
struct ScoreReport {
    var summary: MetricSummary
    var species: [String]
    var policy: ThresholdPolicy
    var thresholdNote: String
    var perClass: Bool

    /// JSON with keys samples_f1, micro_f1, macro_auc, classes_scored, cmap, ap_classes_scored,
    /// cmap_all_classes (scikit-learn's macro AP counting no-positive classes as 0), rows, classes,
    /// threshold; with `perClass` also per_class: [{species, positives, auc, ap, threshold}].
    /// Undefined values are null; numbers print in shortest round-trip form.
    func json() -> String {
        var fields: [(String, String)] = [
            ("samples_f1", number(summary.samplesF1)),
            ("micro_f1", number(summary.microF1)),
            ("macro_auc", number(summary.macroAUC)),
            ("classes_scored", "\(summary.classesScored)"),
            ("cmap", number(summary.cmAP)),
            ("ap_classes_scored", "\(summary.apClassesScored)"),
            ("cmap_all_classes", number(summary.cmAPAllClasses)),
            ("rows", "\(summary.rows)"),
            ("classes", "\(species.count)"),
            ("threshold", string(thresholdNote)),
        ]
        if perClass {
            let entries = species.indices.map { c in
                "{\"species\":\(string(species[c])),\"positives\":\(summary.positives[c]),\"auc\":\(number(summary.perClassAUC[c])),\"ap\":\(number(summary.perClassAP[c])),\"threshold\":\(number(policy.threshold(c)))}"
            }
            fields.append(("per_class", "[" + entries.joined(separator: ",") + "]"))
        }
        return "{" + fields.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Plain padded text, optionally followed by the per-species table.
    func table() -> String {
        let classes = species.count
        var lines = [
            pad("rows", 16) + "\(summary.rows)",
            pad("species", 16) + "\(classes)",
            pad("threshold", 16) + thresholdNote,
            pad("samples F1", 16) + fixed(summary.samplesF1),
            pad("micro F1", 16) + fixed(summary.microF1),
            pad("macro ROC-AUC", 16) + fixed(summary.macroAUC) + "  (\(summary.classesScored) of \(classes) species have a positive and a negative)",
            pad("cmAP", 16) + fixed(summary.cmAP) + "  (\(summary.apClassesScored) of \(classes) species have a positive)",
        ]
        if perClass {
            let width = max(7, species.map(\.count).max() ?? 0) + 2
            lines.append("")
            lines.append(pad("species", width) + pad("positives", 11) + pad("ROC-AUC", 10) + pad("AP", 10) + "threshold")
            for c in 0 ..< classes {
                lines.append(pad(species[c], width) + pad("\(summary.positives[c])", 11) + pad(fixed(summary.perClassAUC[c]), 10)
                             + pad(fixed(summary.perClassAP[c]), 10) + "\(policy.threshold(c))")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "null" }
    private func fixed(_ x: Double?) -> String { x.map { String(format: "%.6f", $0) } ?? "n/a" }
    private func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }

    private func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
