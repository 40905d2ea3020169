/// The `q` quantile (0…1) of ascending `sorted`, linear interpolation between order statistics
/// (NumPy `percentile(method="linear")`); nil for no values.
public func percentile(_ sorted: [Double], _ q: Double) -> Double? {
    guard let first = sorted.first else { return nil }
    guard sorted.count > 1 else { return first }
    let h = Double(sorted.count - 1) * q
    let below = Int(h.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    let fraction = h - Double(below)
    return sorted[below] + fraction * (sorted[above] - sorted[below])
}
