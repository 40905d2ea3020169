import Foundation

/// The Kaggle BirdCLEF-2025 submission: `row_id` (`<soundscape>_<end second>`) then one
/// probability column per class, in class order (DESIGN §2).
public enum Submission {
    /// Row ids of a soundscape of `duration` seconds cut into 5 s windows (a last partial window
    /// counts, zero-padded): `name_5`, `name_10`, ….
    public static func rowIDs(soundscape name: String, duration: Double, window: Double = 5) -> [String] {
        let count = max(1, Int((duration / window - 1e-9).rounded(.up)))
        return (1 ... count).map { "\(name)_\(JSONValue.numberText(Double($0) * window))" }
    }

    /// The CSV text: header `row_id,<classes…>`, one line per row, probabilities with 6 decimals.
    /// `probabilities[i]` has one value per class.
    public static func csv(rowIDs: [String], classes: [String], probabilities: [[Float]]) throws -> String {
        guard rowIDs.count == probabilities.count else {
            throw InputError(file: "submission", "\(rowIDs.count) row ids but \(probabilities.count) prediction rows")
        }
        var lines = [CSVText.line(["row_id"] + classes)]
        for (id, p) in zip(rowIDs, probabilities) {
            guard p.count == classes.count else {
                throw InputError(file: "submission", row: lines.count + 1, "\(p.count) probabilities for \(classes.count) classes")
            }
            lines.append(CSVText.line([id] + p.map { String(format: "%.6f", Double($0)) }))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
