/// Depthwise 2-D convolution (groups = channels), NCHW, by direct loops vectorised along output
/// rows and parallel over (sample, channel) planes. x [B, C, H, W], weight [C, 1, kh, kw],
/// bias [C] → [B, C, Ho, Wo]. Stride 2 (EfficientNet's downsampling) first splits each input
/// plane into even and odd columns so every inner loop is contiguous.
public func depthwiseConv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) -> Tensor {
    precondition(weight.rank == 4 && weight.shape[1] == 1 && weight.shape[0] == x.shape[1], "depthwiseConv2d: input \(x.shape) vs weight \(weight.shape)")
    let g = ConvGeometry(x.shape, [x.shape[1], x.shape[1], weight.shape[2], weight.shape[3]], stride, padding)
    precondition(g.sw <= 2, "depthwiseConv2d supports horizontal stride 1 or 2")
    let y = Tensor(uninitialized: [g.batch, g.cin, g.ho, g.wo])
    let px = x.data, pw = weight.data, py = y.data, pb = bias?.data
    let planes = g.batch * g.cin, hw = g.h * g.w, l = g.ho * g.wo, kk = g.kh * g.kw
    parallelFor(planes, costPerItem: kk * l) { r in
        let split = g.sw == 2 ? Storage(count: hw + g.h) : nil
        for p in r {
            let c = p % g.cin
            let out = py + p * l
            out.update(repeating: pb?[c] ?? 0, count: l)
            let planeIn = g.phasePlane(px + p * hw, split?.pointer)
            g.forEachTap { oy, i, iy, j, valid, offset in
                let wv = pw[c * kk + i * g.kw + j]
                let src = planeIn.row(iy, offset.phase) + offset.index, dst = out + oy * g.wo + valid.lowerBound
                for k in 0 ..< valid.count { dst[k] += wv * src[k] }
            }
        }
    }
    y.recordBackward([x, weight] + (bias.map { [$0] } ?? [])) { gy in
        let xFresh = x.requiresGrad && x.grad == nil
        let wFresh = weight.requiresGrad && weight.grad == nil
        let bFresh = bias?.requiresGrad == true && bias?.grad == nil
        var gx: UnsafeMutablePointer<Float>? = nil, gw: UnsafeMutablePointer<Float>? = nil, gb: UnsafeMutablePointer<Float>? = nil
        x.accumulateGrad { p, _ in gx = p }
        weight.accumulateGrad { p, _ in gw = p }
        bias?.accumulateGrad { p, _ in gb = p }
        parallelFor(g.cin, costPerItem: 2 * kk * l * g.batch) { r in
            let split = g.sw == 2 ? Storage(count: hw + g.h) : nil
            let splitGrad = g.sw == 2 ? Storage(count: hw + g.h) : nil
            var dw = [Float](repeating: 0, count: kk)
            for c in r {
                for k in 0 ..< kk { dw[k] = 0 }
                var db: Float = 0
                for b in 0 ..< g.batch {
                    let p = b * g.cin + c
                    let go = gy + p * l
                    if gb != nil { db += vsum(go, l) }
                    let planeIn = g.phasePlane(px + p * hw, split?.pointer)
                    // dx accumulates into the (phase-split) plane, interleaved back at the end.
                    var gradPlane: PhasePlane? = nil
                    if let gx {
                        let d = gx + p * hw
                        if xFresh { d.update(repeating: 0, count: hw) }
                        if let sg = splitGrad { sg.pointer.update(repeating: 0, count: hw + g.h); gradPlane = g.phaseLayout(sg.pointer) }
                        else { gradPlane = PhasePlane(base: d, even: d, odd: d, evenWidth: g.w, oddWidth: 0, stride: 1) }
                    }
                    g.forEachTap { oy, i, iy, j, valid, offset in
                        let k = i * g.kw + j
                        let src = planeIn.row(iy, offset.phase) + offset.index, gro = go + oy * g.wo + valid.lowerBound
                        dw[k] += vdot(gro, src, valid.count)
                        if let gp = gradPlane {
                            let wv = pw[c * kk + k], dst = gp.row(iy, offset.phase) + offset.index
                            for t in 0 ..< valid.count { dst[t] += wv * gro[t] }
                        }
                    }
                    if let gx, let sg = splitGrad { g.interleaveAdd(g.phaseLayout(sg.pointer), into: gx + p * hw) }
                }
                if let gw { for k in 0 ..< kk { gw[c * kk + k] = (wFresh ? 0 : gw[c * kk + k]) + dw[k] } }
                if let gb { gb[c] = (bFresh ? 0 : gb[c]) + db }
            }
            withExtendedLifetime((split, splitGrad)) {}
        }
    }
    return y
}

/// An input plane seen column-phase by column-phase: for stride 1 the plane itself; for stride 2
/// its even columns then its odd columns, each row contiguous.
struct PhasePlane {
    let base: UnsafeMutablePointer<Float>
    let even: UnsafeMutablePointer<Float>, odd: UnsafeMutablePointer<Float>
    let evenWidth: Int, oddWidth: Int, stride: Int

    /// Start of row `iy` of the even (phase 0) or odd (phase 1) columns.
    @inline(__always) func row(_ iy: Int, _ phase: Int) -> UnsafeMutablePointer<Float> {
        if stride == 1 { return base + iy * evenWidth }
        return phase & 1 == 0 ? even + iy * evenWidth : odd + iy * oddWidth
    }
}

extension ConvGeometry {
    /// Where the even/odd columns of an h×w plane live inside a buffer of h·w + h floats.
    @inline(__always) func phaseLayout(_ buffer: UnsafeMutablePointer<Float>) -> PhasePlane {
        let ew = (w + 1) / 2, ow = w / 2
        return PhasePlane(base: buffer, even: buffer, odd: buffer + h * ew, evenWidth: ew, oddWidth: max(ow, 1), stride: 2)
    }

    /// The plane as `forEachTap` reads it (splits columns by parity for stride 2).
    @inline(__always) func phasePlane(_ x: UnsafePointer<Float>, _ buffer: UnsafeMutablePointer<Float>?) -> PhasePlane {
        guard sw == 2, let buffer else {
            let m = UnsafeMutablePointer(mutating: x)
            return PhasePlane(base: m, even: m, odd: m, evenWidth: w, oddWidth: 0, stride: 1)
        }
        let p = phaseLayout(buffer)
        for iy in 0 ..< h {
            let src = x + iy * w, e = p.even + iy * p.evenWidth, o = p.odd + iy * p.oddWidth
            for k in 0 ..< (w + 1) / 2 { e[k] = src[2 * k] }
            for k in 0 ..< w / 2 { o[k] = src[2 * k + 1] }
        }
        return p
    }

    /// Adds a phase-split gradient plane back into the interleaved plane `dx`.
    func interleaveAdd(_ p: PhasePlane, into dx: UnsafeMutablePointer<Float>) {
        for iy in 0 ..< h {
            let dst = dx + iy * w, e = p.even + iy * p.evenWidth, o = p.odd + iy * p.oddWidth
            for k in 0 ..< (w + 1) / 2 { dst[2 * k] += e[k] }
            for k in 0 ..< w / 2 { dst[2 * k + 1] += o[k] }
        }
    }

    /// Visits every (output row oy, kernel tap i, j) with its input row iy, the valid output
    /// columns, and where the first input element (column ox·sw − pw + j) sits: its column
    /// parity (the phase row for stride 2) and its index within that row.
    @inline(__always)
    func forEachTap(_ body: (_ oy: Int, _ i: Int, _ iy: Int, _ j: Int, _ valid: Range<Int>, _ offset: (phase: Int, index: Int)) -> Void) {
        for oy in 0 ..< ho {
            for i in 0 ..< kh {
                let iy = oy * sh - ph + i
                if iy < 0 || iy >= h { continue }
                for j in 0 ..< kw {
                    let valid = validColumns(j)
                    if valid.isEmpty { continue }
                    let first = valid.lowerBound * sw - pw + j  // input column of the first valid output
                    body(oy, i, iy, j, valid, sw == 1 ? (0, first) : (first & 1, first / 2))
                }
            }
        }
    }
}
