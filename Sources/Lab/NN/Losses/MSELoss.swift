/// Mean squared error over all elements: mean((prediction − target)²). Gradients flow to both.
public func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor { mean(square(prediction - target)) }
