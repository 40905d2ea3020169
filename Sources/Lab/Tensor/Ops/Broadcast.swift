import CKernels

/// How two operands map onto a broadcast output, after merging dimensions that can be walked
/// as one. The last merged dimension is the inner loop; operand strides there are 0 or 1.
struct BroadcastPlan {
    let outShape: [Int]
    let sizes: [Int]        // merged output dims
    let stridesA: [Int]     // element strides of A per merged dim (0 = broadcast)
    let stridesB: [Int]
    var inner: Int { sizes.last ?? 1 }
    var outer: Int { sizes.dropLast().reduce(1, *) }

    init(_ a: [Int], _ b: [Int]) {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var out = [Int](repeating: 1, count: rank)
        for i in 0 ..< rank {
            precondition(pa[i] == pb[i] || pa[i] == 1 || pb[i] == 1, "cannot broadcast \(a) with \(b)")
            out[i] = max(pa[i], pb[i])
        }
        outShape = out
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: rank), acc = 1
            for i in stride(from: rank - 1, through: 0, by: -1) {
                st[i] = s[i] == 1 ? 0 : acc
                acc *= s[i]
            }
            return st
        }
        let sa = strides(pa), sb = strides(pb)
        var sizes: [Int] = [], ma: [Int] = [], mb: [Int] = []
        for i in 0 ..< rank where out[i] != 1 {
            if let last = sizes.last, ma.last! == sa[i] * out[i], mb.last! == sb[i] * out[i] {
                sizes[sizes.count - 1] = last * out[i]
                ma[ma.count - 1] = sa[i]
                mb[mb.count - 1] = sb[i]
            } else {
                sizes.append(out[i]); ma.append(sa[i]); mb.append(sb[i])
            }
        }
        if sizes.isEmpty { sizes = [1]; ma = [0]; mb = [0] }
        self.sizes = sizes
        stridesA = ma
        stridesB = mb
    }

    /// Calls `body(row, offsetA, offsetB)` for outer rows `range`; each row covers `inner`
    /// consecutive output elements starting at `row * inner`.
    @inline(__always)
    func forRows(_ range: Range<Int>, _ body: (Int, Int, Int) -> Void) {
        let dims = sizes.count - 1
        if dims == 0 { for r in range { body(r, 0, 0) }; return }
        var idx = [Int](repeating: 0, count: dims)
        var rem = range.lowerBound, oa = 0, ob = 0
        for d in stride(from: dims - 1, through: 0, by: -1) {
            idx[d] = rem % sizes[d]; rem /= sizes[d]
            oa += idx[d] * stridesA[d]; ob += idx[d] * stridesB[d]
        }
        for r in range {
            body(r, oa, ob)
            var d = dims - 1
            while d >= 0 {
                idx[d] += 1; oa += stridesA[d]; ob += stridesB[d]
                if idx[d] < sizes[d] { break }
                oa -= stridesA[d] * sizes[d]; ob -= stridesB[d] * sizes[d]
                idx[d] = 0; d -= 1
            }
        }
    }

    /// True when no two rows write the same element of operand A (or B) — safe to parallelise
    /// a reduction into it over rows.
    func rowsDisjoint(_ strides: [Int]) -> Bool { !strides.dropLast().contains(0) }
}

/// Sums `gy` (laid out as `plan.outShape`) into the gradient of an operand with `strides`.
func reduceBroadcast(_ gy: UnsafePointer<Float>, plan: BroadcastPlan, operandA: Bool, into t: Tensor, scale: Float = 1) {
    let strides = operandA ? plan.stridesA : plan.stridesB
    let same = t.count == plan.outShape.reduce(1, *)
    if same && scale == 1 { t.accumulateGrad(adding: gy); return }  // no broadcasting: the gradient itself
    t.accumulateGrad { g, fresh in
        let inner = plan.inner, si = strides.last!
        if same {  // no broadcasting: elementwise
            let n = t.count
            parallelFor(n) { r in
                if fresh { for i in r { g[i] = scale * gy[i] } } else { for i in r { g[i] += scale * gy[i] } }
            }
            return
        }
        if fresh { g.update(repeating: 0, count: t.count) }
        let work: (Range<Int>) -> Void = { rows in
            plan.forRows(rows) { row, oa, ob in
                let o = operandA ? oa : ob
                let src = gy + row * inner
                if si == 0 {
                    g[o] += scale * ck_sum(src, inner)
                } else {
                    let dst = g + o
                    for i in 0 ..< inner { dst[i] += scale * src[i] }
                }
            }
        }
        if plan.rowsDisjoint(strides) { parallelFor(plan.outer, costPerItem: inner, work) } else { work(0 ..< plan.outer) }
    }
}
