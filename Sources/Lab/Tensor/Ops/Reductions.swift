import CKernels

/// Sums and means over all elements or one axis.

/// Sum of all elements (shape []). Accumulates in Double.
public func sum(_ x: Tensor) -> Tensor {
    var s = 0.0
    let px = x.data
    var i = 0
    while i < x.count { let m = min(4096, x.count - i); s += Double(ck_sum(px + i, m)); i += m }
    let y = Tensor(scalar: Float(s))
    y.recordBackward([x]) { gy in
        let g0 = gy[0]
        x.accumulateGrad { g, fresh in
            if fresh { g.update(repeating: g0, count: x.count) } else { for i in 0 ..< x.count { g[i] += g0 } }
        }
    }
    return y
}

/// Mean of all elements (shape []).
public func mean(_ x: Tensor) -> Tensor { sum(x) * (1 / Float(max(x.count, 1))) }

/// Sum over `axis` (negative counts from the end); the axis is removed unless `keepDim`.
public func sum(_ x: Tensor, axis: Int, keepDim: Bool = false) -> Tensor {
    let ax = axis < 0 ? x.rank + axis : axis
    let outer = x.shape[..<ax].reduce(1, *), n = x.shape[ax], inner = x.shape[(ax + 1)...].reduce(1, *)
    var shape = x.shape
    if keepDim { shape[ax] = 1 } else { shape.remove(at: ax) }
    let y = Tensor(uninitialized: shape)
    let px = x.data, py = y.data
    parallelFor(outer, costPerItem: n * inner) { r in
        if inner == 1 { for o in r { py[o] = ck_sum(px + o * n, n) }; return }
        for o in r {
            let dst = py + o * inner
            dst.update(repeating: 0, count: inner)
            for k in 0 ..< n {
                let src = px + (o * n + k) * inner
                for i in 0 ..< inner { dst[i] += src[i] }
            }
        }
    }
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            parallelFor(outer, costPerItem: n * inner) { r in
                if inner == 1 {
                    for o in r { let v = gy[o], dst = g + o * n; if fresh { dst.update(repeating: v, count: n) } else { for k in 0 ..< n { dst[k] += v } } }
                    return
                }
                for o in r {
                    let src = gy + o * inner
                    for k in 0 ..< n {
                        let dst = g + (o * n + k) * inner
                        if fresh { dst.update(from: src, count: inner) } else { for i in 0 ..< inner { dst[i] += src[i] } }
                    }
                }
            }
        }
    }
    return y
}

/// Mean over `axis`; the axis is removed unless `keepDim`.
public func mean(_ x: Tensor, axis: Int, keepDim: Bool = false) -> Tensor {
    sum(x, axis: axis, keepDim: keepDim) * (1 / Float(x.size(axis)))
}
