/// Depthwise 2-D convolution (groups = channels), NCHW, by direct loops vectorised along output
/// rows and parallel over (sample, channel) planes. x [B, C, H, W], weight [C, 1, kh, kw],
/// bias [C] → [B, C, Ho, Wo].
public func depthwiseConv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) -> Tensor {
    precondition(weight.rank == 4 && weight.shape[1] == 1 && weight.shape[0] == x.shape[1], "depthwiseConv2d: input \(x.shape) vs weight \(weight.shape)")
    let g = ConvGeometry(x.shape, [x.shape[1], x.shape[1], weight.shape[2], weight.shape[3]], stride, padding)
    let y = Tensor(uninitialized: [g.batch, g.cin, g.ho, g.wo])
    let px = x.data, pw = weight.data, py = y.data, pb = bias?.data
    let planes = g.batch * g.cin, hw = g.h * g.w, l = g.ho * g.wo, kk = g.kh * g.kw
    parallelFor(planes, costPerItem: kk * l) { r in
        for p in r {
            let c = p % g.cin
            let out = py + p * l
            out.update(repeating: pb?[c] ?? 0, count: l)
            g.depthwisePlane(px + p * hw, pw + c * kk) { oy, ox0, ox1, iy, ix0, i, j in
                let w = pw[c * kk + i * g.kw + j]
                let src = px + p * hw + iy * g.w + ix0, dst = out + oy * g.wo
                if g.sw == 1 { for ox in ox0 ..< ox1 { dst[ox] += w * src[ox - ox0] } }
                else { for ox in ox0 ..< ox1 { dst[ox] += w * src[(ox - ox0) * g.sw] } }
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
            for c in r {
                var dw = [Float](repeating: 0, count: kk)
                var db: Float = 0
                for b in 0 ..< g.batch {
                    let p = b * g.cin + c
                    let go = gy + p * l
                    if gb != nil { for i in 0 ..< l { db += go[i] } }
                    if let gx { let d = gx + p * hw; if xFresh { d.update(repeating: 0, count: hw) } }
                    g.depthwisePlane(px + p * hw, pw + c * kk) { oy, ox0, ox1, iy, ix0, i, j in
                        let k = i * g.kw + j
                        let src = px + p * hw + iy * g.w + ix0, gro = go + oy * g.wo
                        var s: Float = 0
                        if g.sw == 1 { for ox in ox0 ..< ox1 { s += gro[ox] * src[ox - ox0] } }
                        else { for ox in ox0 ..< ox1 { s += gro[ox] * src[(ox - ox0) * g.sw] } }
                        dw[k] += s
                        if let gx {
                            let w = pw[c * kk + k], dst = gx + p * hw + iy * g.w + ix0
                            if g.sw == 1 { for ox in ox0 ..< ox1 { dst[ox - ox0] += w * gro[ox] } }
                            else { for ox in ox0 ..< ox1 { dst[(ox - ox0) * g.sw] += w * gro[ox] } }
                        }
                    }
                }
                if let gw { for k in 0 ..< kk { gw[c * kk + k] = (wFresh ? 0 : gw[c * kk + k]) + dw[k] } }
                if let gb { gb[c] = (bFresh ? 0 : gb[c]) + db }
            }
        }
    }
    return y
}

extension ConvGeometry {
    /// Visits every (output row oy, kernel tap i, j) of one plane with the valid output column
    /// range ox0..<ox1 and the input row iy and first input column ix0 = ox0·sw − pw + j.
    @inline(__always)
    func depthwisePlane(_: UnsafePointer<Float>, _: UnsafePointer<Float>, _ body: (Int, Int, Int, Int, Int, Int, Int) -> Void) {
        for oy in 0 ..< ho {
            for i in 0 ..< kh {
                let iy = oy * sh - ph + i
                if iy < 0 || iy >= h { continue }
                for j in 0 ..< kw where w - 1 + pw - j >= 0 {
                    // valid ox: 0 ≤ ox·sw − pw + j < w
                    let lo = max(0, (pw - j + sw - 1) / sw)
                    let hi = min(wo, (w - 1 + pw - j) / sw + 1)
                    if lo >= hi { continue }
                    body(oy, lo, hi, iy, lo * sw - pw + j, i, j)
                }
            }
        }
    }
}
