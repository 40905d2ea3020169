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
            let gatherScratch = back == nil ? Storage(count: ck_depthwise_input_grad_scratch_count(g.h, g.w, g.kw, g.ho, g.wo)) : nil
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
                    // Strided: gathered per input row and column phase.
                    ck_depthwise_input_grad_strided(go, g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.ho, g.wo, pw + c * kk,
                                                    gx + p * hw, xFresh ? 0 : 1, gatherScratch?.pointer)
                }
                if let gw { for k in 0 ..< kk { gw[c * kk + k] = (wFresh ? 0 : gw[c * kk + k]) + dw[k] } }
                if let gb { gb[c] = (bFresh ? 0 : gb[c]) + db }
            }
            withExtendedLifetime((scratch, gatherScratch)) {}
        }
    }
    return y
}
