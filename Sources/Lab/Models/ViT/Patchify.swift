/// Cuts a one-channel image [B, 1, H, W] (or [B, H, W]) into p×p patches, row-major over the
/// patch grid: [B, (H/p)·(W/p), p·p] with pixel (i, j) of a patch at i·p + j. This is the
/// layout of a stride-p conv's weight [D, 1, p, p] flattened, and MAE's `patchify` targets.
public func patchify(_ x: Tensor, patch p: Int) -> Tensor {
    let b = x.shape[0], h = x.shape[x.rank - 2], w = x.shape[x.rank - 1]
    precondition(x.count == b * h * w && h % p == 0 && w % p == 0, "patchify: input \(x.shape) with patch \(p)")
    return x.reshaped([b, h / p, p, w / p, p]).permuted([0, 1, 3, 2, 4]).reshaped([b, (h / p) * (w / p), p * p])
}
