/// A generator shared by reference among a model's stochastic layers (Dropout, DropPath,
/// masking), so one value holds the model's random state: save `generator` in a checkpoint and
/// assign it back on resume.
public final class RandomStream {
    public var generator: SeededGenerator
    public init(_ generator: SeededGenerator) { self.generator = generator }
}
