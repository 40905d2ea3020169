/// `torch.nn.BatchNorm2d` (also fine for [B, C] inputs): weight/bias parameters, running_mean /
/// running_var buffers, batch statistics in training, running ones in evaluation.
/// `activation: .silu` fuses the SiLU that follows BatchNorm in EfficientNet.
public final class BatchNorm2d: Layer {
    public let weight: Tensor, bias: Tensor
    public let runningMean: Tensor, runningVar: Tensor
    public let eps: Float, momentum: Float
    public let activation: FusedActivation
    public var isTraining = true

    public init(_ channels: Int, eps: Float = 1e-5, momentum: Float = 0.1, activation: FusedActivation = .none) {
        weight = .parameter([channels]); Init.constant(weight, 1)
        bias = .parameter([channels])
        runningMean = Tensor(zeros: [channels])
        runningVar = Tensor(shape: [channels], repeating: 1)
        self.eps = eps; self.momentum = momentum; self.activation = activation
    }

    public var ownParameters: [(String, Tensor)] { [("weight", weight), ("bias", bias)] }
    public var ownBuffers: [(String, Tensor)] { [("running_mean", runningMean), ("running_var", runningVar)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        batchNorm(x, gamma: weight, beta: bias, runningMean: runningMean, runningVar: runningVar,
                  training: isTraining, momentum: momentum, eps: eps, activation: activation)
    }
}
