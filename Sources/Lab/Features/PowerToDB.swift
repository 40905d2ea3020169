import Foundation

/// librosa.power_to_db(S, ref=np.max, amin, top_db): 10·log10(max(amin, S)) − 10·log10(max(amin, max S)),
/// then floored at (its maximum − top_db).
public func powerToDB(_ power: FeatureMatrix, amin: Float = 1e-10, topDB: Float? = 80) -> FeatureMatrix {
    let reference = power.values.max() ?? 0
    let offset = 10 * log10(max(amin, reference))
    var db = power.map { 10 * log10(max(amin, $0)) - offset }
    if let topDB, let peak = db.values.max() {
        let floor = peak - topDB
        db = db.map { max($0, floor) }
    }
    return db
}
