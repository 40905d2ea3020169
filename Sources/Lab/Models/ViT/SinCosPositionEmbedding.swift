import Foundation

/// Fixed 2-D sin-cos position embedding, MAE's `get_2d_sincos_pos_embed` (AudioMAE's
/// "flexible" variant for a non-square grid), with a leading all-zero row for the CLS token.
///
/// The grid has `rows` = time patches (32 for Bird-MAE's 512 frames) and `columns` = frequency
/// patches (8 for 128 bins); token n = row·columns + column (the conv's flatten order). MAE builds
/// `meshgrid(w, h)`, so the FIRST half of each vector encodes the column (frequency) index and the
/// SECOND half the row (time) index. Each half is [sin(pos·ω_k), cos(pos·ω_k)] with
/// ω_k = 1 / 10000^(k / (D/4)), k = 0 ..< D/4. Computed in Double like numpy's float64.
/// Returns [1, 1 + rows·columns, D] values.
public func sinCosPositionEmbedding(width d: Int, rows: Int, columns: Int) -> Tensor {
    precondition(d % 4 == 0, "sin-cos position embedding needs a width divisible by 4, got \(d)")
    let quarter = d / 4
    let omega = (0 ..< quarter).map { 1 / Foundation.pow(10_000.0, Double($0) / Double(quarter)) }
    let out = Tensor(zeros: [1, 1 + rows * columns, d])
    for r in 0 ..< rows {
        for c in 0 ..< columns {
            let v = out.data + (1 + r * columns + c) * d
            for (half, pos) in [Double(c), Double(r)].enumerated() {
                let base = v + half * 2 * quarter
                for k in 0 ..< quarter {
                    base[k] = Float(Foundation.sin(pos * omega[k]))
                    base[quarter + k] = Float(Foundation.cos(pos * omega[k]))
                }
            }
        }
    }
    return out
}
