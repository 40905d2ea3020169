/// The study's classifier head (DESIGN §5) as a `torch.nn.Sequential`:
/// Dropout(d₀) → Linear(D, w₀) → GELU → Dropout(d₁) → Linear(w₀, w₁) → GELU → Dropout(d₂) → Linear(w₁, C)
/// (study: d = 0.3, 0.2, 0.1; w = 512, 256 at D = 768). Any number of hidden widths; with none
/// it is Dropout(d₀) → Linear(D, C). Linear weights Xavier-uniform, biases zero.
/// Names follow the Sequential indices: `1.weight`, `4.weight`, `7.weight`, ….
public final class ClassifierHead: Layer {
    public let layers: [any Layer]

    public init(inFeatures d: Int, widths: [Int], dropouts: [Float], classes: Int, stream: RandomStream, rng: inout SeededGenerator) {
        precondition(dropouts.count == widths.count + 1, "head: \(widths.count + 1) dropouts needed, got \(dropouts.count)")
        var layers: [any Layer] = []
        var fanIn = d
        for (i, out) in (widths + [classes]).enumerated() {
            if i > 0 { layers.append(GELU()) }
            layers.append(Dropout(dropouts[i], stream: stream))
            let l = Linear(fanIn, out, rng: &rng)
            Init.xavierUniform(l.weight, rng: &rng)
            if let b = l.bias { Init.constant(b, 0) }
            layers.append(l)
            fanIn = out
        }
        self.layers = layers
    }

    public var children: [(String, any Module)] { layers.enumerated().map { ("\($0.offset)", $0.element) } }

    /// [B, D] → [B, C]
    public func callAsFunction(_ x: Tensor) -> Tensor { layers.reduce(x) { $1($0) } }
}

