/// Dropout and drop-path (stochastic depth). Random draws come from the caller's generator.

/// Zeroes each element with probability `p` and scales the rest by 1/(1 − p).
/// Identity when `p == 0` or not `training`.
public func dropout(_ x: Tensor, p: Float, training: Bool, rng: inout SeededGenerator) -> Tensor {
    guard training && p > 0 else { return x }
    let mask = Tensor(uninitialized: x.shape)
    let keep = 1 / (1 - p), pm = mask.data
    let threshold = UInt64(Double(p) * 0x1p64.nextDown)
    for i in 0 ..< x.count { pm[i] = rng.next() < threshold ? 0 : keep }
    return maskMultiply(x, mask)
}

/// Drops whole samples (dimension 0) of a residual branch with probability `p`, scaling kept
/// samples by 1/(1 − p) (timm `drop_path`). Identity when `p == 0` or not `training`.
public func dropPath(_ x: Tensor, p: Float, training: Bool, rng: inout SeededGenerator) -> Tensor {
    guard training && p > 0 else { return x }
    var shape = [Int](repeating: 1, count: x.rank)
    shape[0] = x.shape[0]
    let mask = Tensor(uninitialized: shape)
    for i in 0 ..< x.shape[0] { mask.data[i] = rng.uniform() < Double(p) ? 0 : 1 / (1 - p) }
    return x * mask
}

/// x ∘ mask where mask is a constant (not differentiated).
func maskMultiply(_ x: Tensor, _ mask: Tensor) -> Tensor {
    let y = Tensor(uninitialized: x.shape)
    let px = x.data, pm = mask.data, py = y.data
    parallelFor(x.count) { r in for i in r { py[i] = px[i] * pm[i] } }
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            parallelFor(x.count) { r in
                if fresh { for i in r { g[i] = gy[i] * pm[i] } } else { for i in r { g[i] += gy[i] * pm[i] } }
            }
        }
        _ = mask
    }
    return y
}
