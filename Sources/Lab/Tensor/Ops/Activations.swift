import CKernels
import Foundation

/// Pointwise nonlinearities. Each saves what its derivative needs (the input or the output).

@inline(__always)
private func pointwise(
    _ x: Tensor, _ forward: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Range<Int>) -> Void
) -> Tensor {
    let y = Tensor(uninitialized: x.shape)
    let px = x.data, py = y.data
    parallelFor(x.count, costPerItem: 16) { r in forward(px, py, r) }
    return y
}

/// Writes/accumulates `gy[i] · d(i)` into x's gradient, where `d` is the local derivative.
@inline(__always)
private func chain(_ x: Tensor, _ gy: UnsafeMutablePointer<Float>, _ derivative: @escaping (Int) -> Float) {
    x.accumulateGrad { g, fresh in
        parallelFor(x.count, costPerItem: 16) { r in
            if fresh { for i in r { g[i] = gy[i] * derivative(i) } } else { for i in r { g[i] += gy[i] * derivative(i) } }
        }
    }
}

/// Exact GELU: x · Φ(x) = ½x(1 + erf(x/√2)) (vectorised C kernel, erf by A&S 7.1.26).
public func gelu(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in ck_gelu_forward(px + r.lowerBound, py + r.lowerBound, r.count) }
    let px = x.data
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            parallelFor(x.count, costPerItem: 16) { r in
                ck_gelu_backward(px + r.lowerBound, gy + r.lowerBound, g + r.lowerBound, r.count, fresh ? 0 : 1)
            }
        }
    }
    return y
}

/// SiLU (swish): x · σ(x).
public func silu(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in ck_silu_forward(px + r.lowerBound, py + r.lowerBound, r.count) }
    let px = x.data
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            parallelFor(x.count, costPerItem: 16) { r in
                ck_silu_backward(px + r.lowerBound, gy + r.lowerBound, g + r.lowerBound, r.count, fresh ? 0 : 1)
            }
        }
    }
    return y
}

/// Logistic sigmoid 1 / (1 + e^−x).
public func sigmoid(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in ck_sigmoid_forward(px + r.lowerBound, py + r.lowerBound, r.count) }
    let st = y.storage
    y.recordBackward([x]) { gy in chain(x, gy) { i in let s = st.pointer[i]; return s * (1 - s) } }
    return y
}

/// max(x, 0).
public func relu(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in for i in r { py[i] = max(px[i], 0) } }
    let px = x.data
    y.recordBackward([x]) { gy in chain(x, gy) { i in px[i] > 0 ? 1 : 0 } }
    return y
}

/// e^x.
public func exp(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in ck_exp_forward(px + r.lowerBound, py + r.lowerBound, r.count) }
    let st = y.storage
    y.recordBackward([x]) { gy in chain(x, gy) { i in st.pointer[i] } }
    return y
}

/// Natural logarithm (inputs must be positive).
public func log(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in for i in r { py[i] = Foundation.log(px[i]) } }
    let px = x.data
    y.recordBackward([x]) { gy in chain(x, gy) { i in 1 / px[i] } }
    return y
}

/// x².
public func square(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in for i in r { py[i] = px[i] * px[i] } }
    let px = x.data
    y.recordBackward([x]) { gy in chain(x, gy) { i in 2 * px[i] } }
    return y
}

/// √x (inputs must be positive).
public func sqrt(_ x: Tensor) -> Tensor {
    let y = pointwise(x) { px, py, r in for i in r { py[i] = px[i].squareRoot() } }
    let st = y.storage
    y.recordBackward([x]) { gy in chain(x, gy) { i in 0.5 / st.pointer[i] } }
    return y
}
