/// What the trainer needs of a network: features [B, 1, frames, bins] → logits [B, C], with
/// parameters split into encoder and head, which the study trains with different learning
/// rates (DESIGN §7).
///
/// The Models layer's `Classifier` has exactly these members; once it is on main this protocol
/// is replaced by it (kept separate until then so both can merge without a name clash).
public protocol TrainableClassifier: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
    /// Encoder parameters by state-dict name.
    var encoderParameters: [(String, Tensor)] { get }
    /// Head parameters by state-dict name.
    var headParameters: [(String, Tensor)] { get }
}
