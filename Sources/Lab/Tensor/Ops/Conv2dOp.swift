/// 2-D convolution, NCHW, groups = 1, via im2col + GEMM (1×1 stride-1 convolutions skip im2col).
/// x [B, Cin, H, W], weight [Cout, Cin, kh, kw], bias [Cout] → [B, Cout, Ho, Wo].
/// Samples with small outputs are packed side by side so each GEMM has ≥ ~1k columns.
public func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) -> Tensor {
    let g = ConvGeometry(x.shape, weight.shape, stride, padding)
    precondition(x.shape[1] == weight.shape[1], "conv2d: input \(x.shape) vs weight \(weight.shape)")
    let y = Tensor(uninitialized: [g.batch, g.cout, g.ho, g.wo])
    let px = x.data, pw = weight.data, py = y.data
    let l = g.ho * g.wo, ckk = g.cin * g.kh * g.kw
    let pack = g.samplesPerGemm
    let usesColumns = !(g.isPointwise && pack == 1)
    let col = usesColumns ? Storage(count: ckk * pack * l) : nil
    let tmp = pack > 1 ? Storage(count: g.cout * pack * l) : nil
    for b0 in Swift.stride(from: 0, to: g.batch, by: pack) {
        let nb = min(pack, g.batch - b0), cols = nb * l
        let src: UnsafePointer<Float>
        if let col {
            for j in 0 ..< nb { g.im2col(px + (b0 + j) * g.inputSize, col.pointer + j * l, ld: cols) }
            src = UnsafePointer(col.pointer)
        } else {
            src = UnsafePointer(px + b0 * g.inputSize)
        }
        let dst = tmp?.pointer ?? (py + b0 * g.outputSize)
        if let bias { for co in 0 ..< g.cout { (dst + co * cols).update(repeating: bias.data[co], count: cols) } }
        sgemm(m: g.cout, n: cols, k: ckk, pw, lda: ckk, src, ldb: cols, beta: bias == nil ? 0 : 1, dst, ldc: cols)
        if tmp != nil { g.unpack(dst, into: py + b0 * g.outputSize, samples: nb) }
    }
    y.recordBackward([x, weight] + (bias.map { [$0] } ?? [])) { gy in
        let colB = usesColumns ? Storage(count: ckk * pack * l) : nil
        let dy = pack > 1 ? Storage(count: g.cout * pack * l) : nil
        var wFresh = true, bFresh = true
        let xFresh = x.requiresGrad && x.grad == nil  // each sample's dx region is written once
        // A fresh dx is zeroed before col2im adds into it, except for 1×1 convolutions, where col2im
        // writes every element exactly once and can overwrite.
        if xFresh && colB != nil && !g.isPointwise { x.accumulateGrad { gx, _ in gx.update(repeating: 0, count: x.count) } }
        for b0 in Swift.stride(from: 0, to: g.batch, by: pack) {
            let nb = min(pack, g.batch - b0), cols = nb * l
            let gyb: UnsafePointer<Float>
            if let dy { g.pack(gy + b0 * g.outputSize, into: dy.pointer, samples: nb); gyb = UnsafePointer(dy.pointer) } else { gyb = UnsafePointer(gy + b0 * g.outputSize) }
            let src: UnsafePointer<Float>
            if let colB {
                for j in 0 ..< nb { g.im2col(px + (b0 + j) * g.inputSize, colB.pointer + j * l, ld: cols) }
                src = UnsafePointer(colB.pointer)
            } else {
                src = UnsafePointer(px + b0 * g.inputSize)
            }
            // dW [Cout, CKK] += dY · colᵀ
            let dw = weight.gradBuffer().map { gw, fresh in
                GemmCall(transB: true, m: g.cout, n: ckk, k: cols, a: gyb, lda: cols, b: src, ldb: cols, beta: (fresh && wFresh) ? 0 : 1, c: gw, ldc: ckk)
            }
            wFresh = false
            // 1×1 without columns: dX [Cin, L] = Wᵀ · dY straight into the gradient; with dW, one
            // pool job (see sgemm(whole:beside:)).
            let dx = colB == nil ? x.gradBuffer().map { gx, _ in
                GemmCall(transA: true, m: ckk, n: cols, k: g.cout, a: pw, lda: ckk, b: gyb, ldb: cols, beta: xFresh ? 0 : 1, c: gx + b0 * g.inputSize, ldc: cols)
            } : nil
            if let dw, let dx, x !== weight { sgemm(whole: dw, beside: dx) } else { dw?.run(); dx?.run() }
            bias?.accumulateGrad { gb, fresh in
                for co in 0 ..< g.cout {
                    var s: Float = 0
                    let row = gyb + co * cols
                    for i in 0 ..< cols { s += row[i] }
                    gb[co] = ((fresh && bFresh) ? 0 : gb[co]) + s
                }
            }
            bFresh = false
            if let colB {
                x.accumulateGrad { gx, _ in   // dcol = Wᵀ · dY, then col2im
                    sgemm(transA: true, m: ckk, n: cols, k: g.cout, pw, lda: ckk, gyb, ldb: cols, colB.pointer, ldc: cols)
                    for j in 0 ..< nb { g.col2im(colB.pointer + j * l, ld: cols, into: gx + (b0 + j) * g.inputSize, overwrite: xFresh && g.isPointwise) }
                }
            }
        }
    }
    return y
}

/// Shapes and index maps of one convolution.
struct ConvGeometry {
    let batch, cin, h, w, cout, kh, kw, sh, sw, ph, pw, ho, wo: Int
    init(_ x: [Int], _ weight: [Int], _ stride: (Int, Int), _ padding: (Int, Int)) {
        precondition(x.count == 4 && weight.count == 4, "conv: input \(x) and weight \(weight) must be 4-D")
        batch = x[0]; cin = x[1]; h = x[2]; w = x[3]
        cout = weight[0]; kh = weight[2]; kw = weight[3]
        (sh, sw) = stride; (ph, pw) = padding
        ho = (h + 2 * ph - kh) / sh + 1
        wo = (w + 2 * pw - kw) / sw + 1
        precondition(ho > 0 && wo > 0, "conv: input \(x) too small for kernel \(weight)")
    }
    var inputSize: Int { cin * h * w }
    var outputSize: Int { cout * ho * wo }
    var isPointwise: Bool { kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0 }
    /// Samples per GEMM: 1 for outputs of ≥ 512 positions (per-sample GEMMs, no copies);
    /// smaller outputs are packed side by side until the GEMM has ≥ 1024 columns.
    var samplesPerGemm: Int { ho * wo >= 512 ? 1 : min(batch, max(1, 1024 / (ho * wo))) }

    /// Output columns ox whose input column ox·sw − pw + j lies inside the image.
    @inline(__always)
    func validColumns(_ j: Int) -> Range<Int> {
        if w - 1 + pw - j < 0 { return 0 ..< 0 }
        let lo = max(0, (pw - j + sw - 1) / sw)
        let hi = min(wo, (w - 1 + pw - j) / sw + 1)
        return lo < hi ? lo ..< hi : 0 ..< 0
    }

    /// col[(c·kh + i)·kw + j, oy·wo + ox] = x[c, oy·sh − ph + i, ox·sw − pw + j] (0 outside).
    func im2col(_ x: UnsafePointer<Float>, _ col: UnsafeMutablePointer<Float>, ld: Int) {
        if isPointwise {
            parallelFor(cin, costPerItem: h * w) { cr in for c in cr { (col + c * ld).update(from: x + c * h * w, count: h * w) } }
            return
        }
        parallelFor(cin, costPerItem: kh * kw * ho * wo) { cr in
            for c in cr {
                for i in 0 ..< kh { for j in 0 ..< kw {
                    let row = col + ((c * kh + i) * kw + j) * ld
                    let valid = validColumns(j)
                    for oy in 0 ..< ho {
                        let iy = oy * sh - ph + i
                        let out = row + oy * wo
                        if iy < 0 || iy >= h || valid.isEmpty { out.update(repeating: 0, count: wo); continue }
                        if valid.lowerBound > 0 { out.update(repeating: 0, count: valid.lowerBound) }
                        if valid.upperBound < wo { (out + valid.upperBound).update(repeating: 0, count: wo - valid.upperBound) }
                        let src = x + (c * h + iy) * w + valid.lowerBound * sw - pw + j
                        if sw == 1 {
                            (out + valid.lowerBound).update(from: src, count: valid.count)
                        } else {
                            let dst = out + valid.lowerBound
                            for k in 0 ..< valid.count { dst[k] = src[k * sw] }
                        }
                    }
                } }
            }
        }
    }

    /// Adds col (as laid out by `im2col`) back into dx [Cin, H, W]; `overwrite` (1×1 convolutions
    /// only, where each dx element has one source) copies instead of adding.
    func col2im(_ col: UnsafePointer<Float>, ld: Int, into dx: UnsafeMutablePointer<Float>, overwrite: Bool = false) {
        if overwrite {
            precondition(isPointwise, "col2im overwrite needs a 1×1 convolution")
            parallelFor(cin, costPerItem: h * w) { cr in for c in cr { (dx + c * h * w).update(from: col + c * ld, count: h * w) } }
            return
        }
        parallelFor(cin, costPerItem: kh * kw * ho * wo) { cr in
            for c in cr {
                for i in 0 ..< kh { for j in 0 ..< kw {
                    let row = col + ((c * kh + i) * kw + j) * ld
                    let valid = validColumns(j)
                    if valid.isEmpty { continue }
                    for oy in 0 ..< ho {
                        let iy = oy * sh - ph + i
                        if iy < 0 || iy >= h { continue }
                        let dst = dx + (c * h + iy) * w + valid.lowerBound * sw - pw + j, src = row + oy * wo + valid.lowerBound
                        if sw == 1 { for k in 0 ..< valid.count { dst[k] += src[k] } }
                        else { for k in 0 ..< valid.count { dst[k * sw] += src[k] } }
                    }
                } }
            }
        }
    }

    /// [Cout, nb·L] (samples side by side) → nb × [Cout, L].
    func unpack(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, samples nb: Int) {
        let l = ho * wo
        parallelFor(cout, costPerItem: nb * l) { r in
            for co in r { for j in 0 ..< nb { (dst + j * outputSize + co * l).update(from: src + co * nb * l + j * l, count: l) } }
        }
    }

    /// nb × [Cout, L] → [Cout, nb·L].
    func pack(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, samples nb: Int) {
        let l = ho * wo
        parallelFor(cout, costPerItem: nb * l) { r in
            for co in r { for j in 0 ..< nb { (dst + co * nb * l + j * l).update(from: src + j * outputSize + co * l, count: l) } }
        }
    }
}
