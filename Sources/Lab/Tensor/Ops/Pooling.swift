/// Average pooling over H, W of x [B, C, H, W] with a k×k window and stride s (no padding).
public func avgPool2d(_ x: Tensor, kernel k: Int, stride s: Int? = nil) -> Tensor {
    let s = s ?? k
    let b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
    let ho = (h - k) / s + 1, wo = (w - k) / s + 1
    let y = Tensor(uninitialized: [b, c, ho, wo])
    let px = x.data, py = y.data, inv = 1 / Float(k * k)
    parallelFor(b * c, costPerItem: h * w) { r in
        for p in r {
            let src = px + p * h * w, dst = py + p * ho * wo
            for oy in 0 ..< ho { for ox in 0 ..< wo {
                var t: Float = 0
                for i in 0 ..< k { for j in 0 ..< k { t += src[(oy * s + i) * w + ox * s + j] } }
                dst[oy * wo + ox] = t * inv
            } }
        }
    }
    y.recordBackward([x]) { gy in
        x.accumulateGrad { gx, fresh in
            if fresh { gx.update(repeating: 0, count: x.count) }
            parallelFor(b * c, costPerItem: h * w) { r in
                for p in r {
                    let dst = gx + p * h * w, src = gy + p * ho * wo
                    for oy in 0 ..< ho { for ox in 0 ..< wo {
                        let g = src[oy * wo + ox] * inv
                        for i in 0 ..< k { for j in 0 ..< k { dst[(oy * s + i) * w + ox * s + j] += g } }
                    } }
                }
            }
        }
    }
    return y
}

/// Global average pooling: x [B, C, H, W] → [B, C].
public func globalAvgPool2d(_ x: Tensor) -> Tensor {
    mean(x.reshaped([x.shape[0], x.shape[1], x.count / (x.shape[0] * x.shape[1])]), axis: 2)
}
