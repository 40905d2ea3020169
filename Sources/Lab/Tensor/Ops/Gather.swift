/// Token gather / scatter along dimension 1 (MAE masking and un-shuffling).

/// out[b, k, :] = x[b, indices[b·K + k], :]. x [B, T, D], indices B·K row-major → [B, K, D].
public func gatherTokens(_ x: Tensor, indices: [Int], count k: Int) -> Tensor {
    let b = x.shape[0], t = x.shape[1], d = x.count / (b * t)
    precondition(indices.count == b * k && indices.allSatisfy { $0 >= 0 && $0 < t }, "gatherTokens: \(indices.count) indices for \(b)×\(k) from length \(t)")
    let y = Tensor(uninitialized: [b, k] + x.shape.dropFirst(2))
    let px = x.data, py = y.data
    for i in 0 ..< b { for j in 0 ..< k { (py + (i * k + j) * d).update(from: px + (i * t + indices[i * k + j]) * d, count: d) } }
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            if fresh { g.update(repeating: 0, count: x.count) }
            for i in 0 ..< b { for j in 0 ..< k {
                let dst = g + (i * t + indices[i * k + j]) * d, src = gy + (i * k + j) * d
                for e in 0 ..< d { dst[e] += src[e] }
            } }
        }
    }
    return y
}

/// out[b, indices[b·K + k], :] = x[b, k, :], zeros elsewhere (repeated indices add).
/// x [B, K, D] → [B, length, D].
public func scatterTokens(_ x: Tensor, indices: [Int], length t: Int) -> Tensor {
    let b = x.shape[0], k = x.shape[1], d = x.count / (b * k)
    precondition(indices.count == b * k && indices.allSatisfy { $0 >= 0 && $0 < t }, "scatterTokens: \(indices.count) indices for \(b)×\(k) into length \(t)")
    let y = Tensor(zeros: [b, t] + x.shape.dropFirst(2))
    let px = x.data, py = y.data
    for i in 0 ..< b { for j in 0 ..< k {
        let dst = py + (i * t + indices[i * k + j]) * d, src = px + (i * k + j) * d
        for e in 0 ..< d { dst[e] += src[e] }
    } }
    y.recordBackward([x]) { gy in
        x.accumulateGrad { g, fresh in
            for i in 0 ..< b { for j in 0 ..< k {
                let dst = g + (i * k + j) * d, src = gy + (i * t + indices[i * k + j]) * d
                if fresh { dst.update(from: src, count: d) } else { for e in 0 ..< d { dst[e] += src[e] } }
            } }
        }
    }
    return y
}
