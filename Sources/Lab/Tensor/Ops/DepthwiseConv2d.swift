import CKernels

/// Depthwise 2-D convolution (groups = channels), NCHW, by direct loops (C kernels in
/// Sources/CKernels on a zero-padded copy of each plane, 16 outputs per register), parallel over
/// (sample, channel) planes. x [B, C, H, W], weight [C, 1, kh, kw], bias [C] → [B, C, Ho, Wo].
/// Horizontal stride 1 or 2 (the kernel splits padded rows into even and odd columns).
public func depthwiseConv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) -> Tensor {
    precondition(weight.rank == 4 && weight.shape[1] == 1 && weight.shape[0] == x.shape[1], "depthwiseConv2d: input \(x.shape) vs weight \(weight.shape)")
    let g = ConvGeometry(x.shape, [x.shape[1], x.shape[1], weight.shape[2], weight.shape[3]], stride, padding)
    precondition(g.sw <= 2, "depthwiseConv2d supports horizontal stride 1 or 2")
    let y = Tensor(uninitialized: [g.batch, g.cin, g.ho, g.wo])
    let px = x.data, pw = weight.data, py = y.data, pb = bias?.data
    let planes = g.batch * g.cin, hw = g.h * g.w, l = g.ho * g.wo, kk = g.kh * g.kw
    parallelFor(planes, costPerItem: kk * l) { r in
        let scratch = Storage(count: ck_depthwise_scratch_count(g.h, g.w, g.pw))
        for p in r {
            let c = p % g.cin
            ck_depthwise_plane(px + p * hw, g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.ho, g.wo, pw + c * kk, pb?[c] ?? 0, py + p * l, 0, scratch.pointer)
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
        // Stride 1: dx = the same convolution of dy with the kernel flipped, padding k − 1 − p.
        let back = g.sw == 1 && g.sh == 1 && g.ph < g.kh && g.pw < g.kw
            ? ConvGeometry([g.batch, g.cin, g.ho, g.wo], [g.cin, g.cin, g.kh, g.kw], (1, 1), (g.kh - 1 - g.ph, g.kw - 1 - g.pw)) : nil
        parallelFor(g.cin, costPerItem: 2 * kk * l * g.batch) { r in
            let scratch = Storage(count: max(ck_depthwise_scratch_count(g.h, g.w, g.pw), back.map { ck_depthwise_scratch_count($0.h, $0.w, $0.pw) } ?? 0))
            var flipped = [Float](repeating: 0, count: kk)
            let splitGrad = g.sw == 2 ? Storage(count: hw + g.h) : nil
            var dw = [Float](repeating: 0, count: kk)
            for c in r {
                for k in 0 ..< kk { dw[k] = 0 }
                var db: Float = 0
                for k in 0 ..< kk { flipped[k] = pw[c * kk + kk - 1 - k] }
                for b in 0 ..< g.batch {
                    let p = b * g.cin + c
                    let go = gy + p * l
                    if gb != nil { db += ck_sum(go, l) }
                    if gw != nil {
                        ck_depthwise_weight_grad(px + p * hw, g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.ho, g.wo, go, &dw, scratch.pointer)
                    }
                    guard let gx else { continue }
                    if let back {
                        ck_depthwise_plane(go, back.h, back.w, back.kh, back.kw, 1, 1, back.ph, back.pw, back.ho, back.wo, flipped, 0,
                                           gx + p * hw, xFresh ? 0 : 1, scratch.pointer)
                        continue
                    }
                    // Strided: scatter dy · w into the input positions (phase-split for stride 2,
                    // interleaved back at the end).
                    let d = gx + p * hw
                    if xFresh { d.update(repeating: 0, count: hw) }
                    let gradPlane: PhasePlane
                    if let sg = splitGrad { sg.pointer.update(repeating: 0, count: hw + g.h); gradPlane = g.phaseLayout(sg.pointer) }
                    else { gradPlane = PhasePlane(base: d, even: d, odd: d, evenWidth: g.w, oddWidth: 0, stride: 1) }
                    g.forEachTap { oy, i, iy, j, valid, offset in
                        let gro = go + oy * g.wo + valid.lowerBound, dst = gradPlane.row(iy, offset.phase) + offset.index
                        ck_axpy(valid.count, pw[c * kk + i * g.kw + j], gro, dst)
                    }
                    if let sg = splitGrad { g.interleaveAdd(g.phaseLayout(sg.pointer), into: d) }
                }
                if let gw { for k in 0 ..< kk { gw[c * kk + k] = (wFresh ? 0 : gw[c * kk + k]) + dw[k] } }
                if let gb { gb[c] = (bFresh ? 0 : gb[c]) + db }
            }
            withExtendedLifetime((scratch, splitGrad)) {}
        }
    }
    return y
}

/// A gradient plane seen column-phase by column-phase: for stride 1 the plane itself; for stride 2
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
