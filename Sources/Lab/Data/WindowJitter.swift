/// The training jitter of a window start (DESIGN §4): +U(−0.2, 0.2) s when the start is ≥ 1 s,
/// else +U(0, 0.4) s. Evaluation never jitters.
public enum WindowJitter {
    public static func start(_ start: Double, using generator: inout SeededGenerator) -> Double {
        start >= 1 ? start + generator.uniform(-0.2, 0.2) : start + generator.uniform(0, 0.4)
    }
}
