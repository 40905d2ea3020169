/// Reshape (a view), permute, slice, concat, expand.

extension Tensor {
    /// The same elements with a new shape (no copy). One dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            s[i] = count / max(1, s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *))
        }
        precondition(s.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        let y = Tensor(shape: s, storage: storage)
        y.recordBackward([self]) { [self] gy in accumulateGrad(adding: gy) }
        return y
    }

    /// Dimensions reordered: output dim i is input dim `order[i]` (a copy).
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0 ..< rank), "bad permutation \(order) for \(shape)")
        let outShape = order.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let strides = order.map { inStrides[$0] }  // input stride of each output dim
        let y = Tensor(uninitialized: outShape)
        permuteCopy(data, y.data, outShape, strides, accumulate: false)
        y.recordBackward([self]) { [self] gy in
            // Inverse: walk the output layout again, scattering into the input's gradient.
            accumulateGrad { g, fresh in
                if fresh { g.update(repeating: 0, count: count) }
                permuteScatter(gy, g, outShape, strides)
            }
        }
        return y
    }

    /// Swaps two dimensions (a copy).
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var order = Array(0 ..< rank)
        order.swapAt(a < 0 ? rank + a : a, b < 0 ? rank + b : b)
        return permuted(order)
    }

    /// Elements `range` along `axis` (a copy), e.g. dropping the CLS token: `x.slice(axis: 1, 1 ..< T)`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = axis < 0 ? rank + axis : axis
        let outer = shape[..<ax].reduce(1, *), n = shape[ax], inner = shape[(ax + 1)...].reduce(1, *)
        var s = shape
        s[ax] = range.count
        let y = Tensor(uninitialized: s)
        let m = range.count * inner, px = data, py = y.data
        for o in 0 ..< outer { (py + o * m).update(from: px + (o * n + range.lowerBound) * inner, count: m) }
        y.recordBackward([self]) { [self] gy in
            accumulateGrad { g, fresh in
                if fresh { g.update(repeating: 0, count: count) }
                for o in 0 ..< outer {
                    let dst = g + (o * n + range.lowerBound) * inner, src = gy + o * m
                    for i in 0 ..< m { dst[i] += src[i] }
                }
            }
        }
        return y
    }

    /// Broadcast to `newShape` (a copy), e.g. a CLS token [1, 1, D] to [B, 1, D].
    public func expanded(to newShape: [Int]) -> Tensor {
        let plan = BroadcastPlan(shape, newShape)
        precondition(plan.outShape == newShape, "cannot expand \(shape) to \(newShape)")
        let y = Tensor(uninitialized: newShape)
        let inner = plan.inner, sa = plan.stridesA.last!, px = data, py = y.data
        plan.forRows(0 ..< plan.outer) { row, oa, _ in
            let out = py + row * inner
            if sa == 1 { out.update(from: px + oa, count: inner) } else { out.update(repeating: px[oa], count: inner) }
        }
        y.recordBackward([self]) { [self] gy in reduceBroadcast(gy, plan: plan, operandA: true, into: self) }
        return y
    }
}

/// Joins tensors along `axis`; all other dimensions must match.
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    let first = tensors[0]
    let ax = axis < 0 ? first.rank + axis : axis
    let outer = first.shape[..<ax].reduce(1, *), inner = first.shape[(ax + 1)...].reduce(1, *)
    var s = first.shape
    s[ax] = tensors.reduce(0) { $0 + $1.shape[ax] }
    for t in tensors {
        var u = t.shape
        u[ax] = s[ax]
        precondition(u == s, "concat: \(t.shape) does not fit \(first.shape) along axis \(ax)")
    }
    let y = Tensor(uninitialized: s)
    let total = s[ax] * inner
    var offset = 0
    var offsets: [Int] = []
    for t in tensors {
        let m = t.shape[ax] * inner
        offsets.append(offset)
        for o in 0 ..< outer { (y.data + o * total + offset).update(from: t.data + o * m, count: m) }
        offset += m
    }
    y.recordBackward(tensors) { gy in
        for (t, off) in zip(tensors, offsets) {
            let m = t.shape[ax] * inner
            t.accumulateGrad { g, fresh in
                for o in 0 ..< outer {
                    let src = gy + o * total + off, dst = g + o * m
                    if fresh { dst.update(from: src, count: m) } else { for i in 0 ..< m { dst[i] += src[i] } }
                }
            }
        }
    }
    return y
}

/// Copies a strided view: out (contiguous, `shape`) ← src at input `strides`.
func permuteCopy(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ shape: [Int], _ strides: [Int], accumulate: Bool) {
    let rank = shape.count
    if rank == 0 { dst[0] = src[0]; return }
    let inner = shape[rank - 1], si = strides[rank - 1]
    let outer = shape.dropLast().reduce(1, *)
    parallelFor(outer, costPerItem: inner) { rows in
        var idx = [Int](repeating: 0, count: rank - 1)
        var rem = rows.lowerBound, off = 0
        for d in stride(from: rank - 2, through: 0, by: -1) { idx[d] = rem % shape[d]; rem /= shape[d]; off += idx[d] * strides[d] }
        for r in rows {
            let out = dst + r * inner
            for i in 0 ..< inner { out[i] = src[off + i * si] }
            var d = rank - 2
            while d >= 0 {
                idx[d] += 1; off += strides[d]
                if idx[d] < shape[d] { break }
                off -= strides[d] * shape[d]; idx[d] = 0; d -= 1
            }
        }
    }
}

/// Adds contiguous `src` (laid out as `shape`) into `dst` at `strides` (a permutation: no clashes).
func permuteScatter(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ shape: [Int], _ strides: [Int]) {
    let rank = shape.count
    if rank == 0 { dst[0] += src[0]; return }
    let inner = shape[rank - 1], si = strides[rank - 1]
    let outer = shape.dropLast().reduce(1, *)
    parallelFor(outer, costPerItem: inner) { rows in
        var idx = [Int](repeating: 0, count: rank - 1)
        var rem = rows.lowerBound, off = 0
        for d in stride(from: rank - 2, through: 0, by: -1) { idx[d] = rem % shape[d]; rem /= shape[d]; off += idx[d] * strides[d] }
        for r in rows {
            let inp = src + r * inner
            for i in 0 ..< inner { dst[off + i * si] += inp[i] }
            var d = rank - 2
            while d >= 0 {
                idx[d] += 1; off += strides[d]
                if idx[d] < shape[d] { break }
                off -= strides[d] * shape[d]; idx[d] = 0; d -= 1
            }
        }
    }
}
