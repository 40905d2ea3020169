import CKernels

/// Elementwise binary ops with NumPy broadcasting, and scalar ops.
enum BinaryKind { case add, sub, mul, div }

func binary(_ a: Tensor, _ b: Tensor, _ kind: BinaryKind) -> Tensor {
    let plan = BroadcastPlan(a.shape, b.shape)
    let y = Tensor(uninitialized: plan.outShape)
    let inner = plan.inner, sa = plan.stridesA.last!, sb = plan.stridesB.last!
    let pa = a.data, pb = b.data, py = y.data
    parallelFor(plan.outer, costPerItem: inner) { rows in
        plan.forRows(rows) { row, oa, ob in
            let x1 = pa + oa, x2 = pb + ob, out = py + row * inner
            switch (kind, sa, sb) {
            case (.add, 1, 1): for i in 0 ..< inner { out[i] = x1[i] + x2[i] }
            case (.add, 1, 0): let c = x2[0]; for i in 0 ..< inner { out[i] = x1[i] + c }
            case (.add, 0, 1): let c = x1[0]; for i in 0 ..< inner { out[i] = c + x2[i] }
            case (.sub, 1, 1): for i in 0 ..< inner { out[i] = x1[i] - x2[i] }
            case (.mul, 1, 1): for i in 0 ..< inner { out[i] = x1[i] * x2[i] }
            case (.mul, 1, 0): let c = x2[0]; for i in 0 ..< inner { out[i] = x1[i] * c }
            case (.mul, 0, 1): let c = x1[0]; for i in 0 ..< inner { out[i] = c * x2[i] }
            case (.div, 1, 1): for i in 0 ..< inner { out[i] = x1[i] / x2[i] }
            default:
                for i in 0 ..< inner {
                    let u = x1[i * sa], v = x2[i * sb]
                    switch kind {
                    case .add: out[i] = u + v
                    case .sub: out[i] = u - v
                    case .mul: out[i] = u * v
                    case .div: out[i] = u / v
                    }
                }
            }
        }
    }
    y.recordBackward([a, b]) { gy in
        switch kind {
        case .add:
            reduceBroadcast(gy, plan: plan, operandA: true, into: a)
            reduceBroadcast(gy, plan: plan, operandA: false, into: b)
        case .sub:
            reduceBroadcast(gy, plan: plan, operandA: true, into: a)
            reduceBroadcast(gy, plan: plan, operandA: false, into: b, scale: -1)
        case .mul, .div:
            // d(a∘b)/da = gy·b (mul) or gy/b (div); d/db = gy·a (mul) or −gy·a/b² (div).
            let outCount = plan.outShape.reduce(1, *)
            for (target, isA) in [(a, true), (b, false)] where target.requiresGrad {
                let full = target.count == outCount
                let strides = isA ? plan.stridesA : plan.stridesB
                if kind == .mul && !full && strides.last == 0 && (isA ? sb : sa) == 1 && plan.rowsDisjoint(strides) {
                    // Broadcast operand constant along the inner dimension: one dot product per row.
                    let other = isA ? pb : pa
                    target.accumulateGrad { g, fresh in
                        if fresh { g.update(repeating: 0, count: target.count) }
                        parallelFor(plan.outer, costPerItem: inner) { rows in
                            plan.forRows(rows) { row, oa, ob in
                                g[isA ? oa : ob] += ck_dot(gy + row * inner, other + (isA ? ob : oa), inner)
                            }
                        }
                    }
                    continue
                }
                let local: (UnsafeMutablePointer<Float>) -> Void = { pt in
                    parallelFor(plan.outer, costPerItem: inner) { rows in
                        plan.forRows(rows) { row, oa, ob in
                            let base = row * inner, g = gy + base, out = pt + base
                            switch (kind, isA, sa, sb) {
                            case (.mul, true, _, 1): let v = pb + ob; for i in 0 ..< inner { out[i] = g[i] * v[i] }
                            case (.mul, true, _, 0): let v = pb[ob]; for i in 0 ..< inner { out[i] = g[i] * v }
                            case (.mul, false, 1, _): let u = pa + oa; for i in 0 ..< inner { out[i] = g[i] * u[i] }
                            case (.mul, false, 0, _): let u = pa[oa]; for i in 0 ..< inner { out[i] = g[i] * u }
                            default:
                                for i in 0 ..< inner {
                                    let u = pa[oa + i * sa], v = pb[ob + i * sb]
                                    switch (kind, isA) {
                                    case (.mul, true): out[i] = g[i] * v
                                    case (.mul, false): out[i] = g[i] * u
                                    case (.div, true): out[i] = g[i] / v
                                    default: out[i] = -g[i] * u / (v * v)
                                    }
                                }
                            }
                        }
                    }
                }
                if full && target.grad == nil {
                    target.accumulateGrad { g, _ in local(g) }   // write the gradient in place
                } else {
                    let tmp = Tensor(uninitialized: plan.outShape)
                    local(tmp.data)
                    reduceBroadcast(tmp.data, plan: plan, operandA: isA, into: target)
                }
            }
        }
    }
    return y
}

/// Elementwise sum with broadcasting.
public func + (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .add) }
/// Elementwise difference with broadcasting.
public func - (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .sub) }
/// Elementwise product with broadcasting.
public func * (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .mul) }
/// Elementwise quotient with broadcasting.
public func / (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .div) }

/// `a · s + t` elementwise for scalars s, t.
public func affine(_ a: Tensor, scale s: Float, shift t: Float = 0) -> Tensor {
    let y = Tensor(uninitialized: a.shape)
    let px = a.data, py = y.data
    parallelFor(a.count) { r in for i in r { py[i] = px[i] * s + t } }
    y.recordBackward([a]) { gy in
        a.accumulateGrad { g, fresh in
            parallelFor(a.count) { r in
                if fresh { for i in r { g[i] = gy[i] * s } } else { for i in r { g[i] += gy[i] * s } }
            }
        }
    }
    return y
}

public func * (a: Tensor, s: Float) -> Tensor { affine(a, scale: s) }
public func * (s: Float, a: Tensor) -> Tensor { affine(a, scale: s) }
public func + (a: Tensor, s: Float) -> Tensor { affine(a, scale: 1, shift: s) }
public func - (a: Tensor, s: Float) -> Tensor { affine(a, scale: 1, shift: -s) }
public prefix func - (a: Tensor) -> Tensor { affine(a, scale: -1) }
