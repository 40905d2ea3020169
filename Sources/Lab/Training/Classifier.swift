/// A network the trainer fits: features [B, 1, frames, bins] → logits [B, C].
///
/// Parameters split into the encoder (ViT / EfficientNet trunk) and the head, which the study
/// trains with different learning rates (DESIGN §7). `random` holds the model's dropout /
/// drop-path stream so checkpoints can save and restore it.
public protocol Classifier: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
    /// Encoder parameters by state-dict name.
    var encoderParameters: [(String, Tensor)] { get }
    /// Head parameters by state-dict name.
    var headParameters: [(String, Tensor)] { get }
    /// The stream every stochastic layer draws from.
    var random: RandomStream { get }
}
