/// Self-training (the second pseudo-label source): a teacher model's window scores turned into
/// detections, so the same rules (0.35 filter, θ per class, soft/hard targets) apply.
public enum TeacherDetections {
    /// One scored window.
    public struct Window: Sendable, Hashable {
        public var file: String      // soundscape name without extension
        public var start: Double     // seconds
        public init(file: String, start: Double) { self.file = file; self.start = start }
    }

    /// `scores` is row-major [windows.count, classes.count] with values in [0, 1]; every
    /// (window, class) score becomes a detection of that class over [start, start + length).
    /// Scores at or below `floor` are dropped (BirdNET's own minimum confidence is 0.1).
    public static func detections(scores: [Float], windows: [Window], classes: [String],
                                  length: Double = 5, floor: Double = 0.1) throws -> [Detection] {
        let c = classes.count
        guard scores.count == windows.count * c else {
            throw InputError(file: "teacher predictions", "score matrix has \(scores.count) values; expected \(windows.count) windows × \(c) classes")
        }
        var out: [Detection] = []
        for (w, window) in windows.enumerated() {
            for k in 0 ..< c {
                let s = Double(scores[w * c + k])
                guard s.isFinite, (0 ... 1).contains(s) else {
                    throw InputError(file: "teacher predictions", row: w + 1, column: classes[k], "score \(s) is outside [0, 1]")
                }
                if s > floor {
                    out.append(Detection(file: window.file, start: window.start, end: window.start + length,
                                         label: classes[k], species: classes[k], confidence: s, line: w + 1))
                }
            }
        }
        return out
    }
}
