import Foundation

/// librosa.power_to_db(S, ref=np.max, amin, top_db): 10·log10(max(amin, S)) − 10·log10(max(amin, max S)),
/// then floored at (its maximum − top_db).
public func powerToDB(_ power: FeatureMatrix, amin: Float = 1e-10, topDB: Float? = 80) -> FeatureMatrix {
    var db = power
    let reference = power.values.max() ?? 0
    let offset = 10 * log10(max(amin, reference))
    var peak = -Float.infinity
    db.values.withUnsafeMutableBufferPointer { v in
        for i in v.indices {
            v[i] = 10 * log10(max(amin, v[i])) - offset
            peak = max(peak, v[i])
        }
        if let topDB, !v.isEmpty {
            let floor = peak - topDB
            for i in v.indices { v[i] = max(v[i], floor) }
        }
    }
    return db
}
