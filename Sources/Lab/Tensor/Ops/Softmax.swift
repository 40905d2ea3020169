import CKernels

/// Softmax over the last dimension (max-subtracted). Saves its output.
public func softmax(_ x: Tensor) -> Tensor {
    let d = x.shape.last!, rows = x.count / d
    let y = Tensor(uninitialized: x.shape)
    softmaxRows(x.data, y.data, rows: rows, d: d)
    let st = y.storage
    y.recordBackward([x]) { gy in
        x.accumulateGrad { gx, fresh in softmaxBackwardRows(st.pointer, gy, gx, rows: rows, d: d, fresh: fresh) }
    }
    return y
}

/// out[r, :] = softmax(scale · x[r, :]) for each row.
func softmaxRows(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, rows: Int, d: Int, scale: Float = 1, serial: Bool = false) {
    parallelFor(serial ? 1 : rows, costPerItem: 8 * d) { r0 in
        let r = serial ? 0 ..< rows : r0
        ck_softmax_rows(x + r.lowerBound * d, out + r.lowerBound * d, r.count, d, scale)
    }
}

/// gx (+)= y ∘ (gy − Σ gy∘y) per row.
func softmaxBackwardRows(_ y: UnsafePointer<Float>, _ gy: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>, rows: Int, d: Int, fresh: Bool, scale: Float = 1, serial: Bool = false) {
    parallelFor(serial ? 1 : rows, costPerItem: 6 * d) { r0 in
        let r = serial ? 0 ..< rows : r0
        ck_softmax_backward_rows(y + r.lowerBound * d, gy + r.lowerBound * d, gx + r.lowerBound * d, r.count, d, scale, fresh ? 0 : 1)
    }
}
