import Foundation

/// The `train.csv` columns of a focal recording other than labels: source collection and id,
/// rating, url, coordinates, author and license, in the styles the real file uses.
public struct RecordingMetadata: Sendable, Hashable {
    /// XC, iNat or CSA.
    public var collection: String
    /// File id, e.g. "XC431523", "iNat1187329", "CSA36385".
    public var id: String
    /// 0–5 in steps of 0.5 (xeno-canto); 0.0 for iNat and CSA, and for unrated XC recordings.
    public var rating: Double
    public var url: String
    /// Decimal degrees as text, or empty when unknown.
    public var latitude: String
    public var longitude: String
    public var author: String
    public var license: String
    /// Python-list string for the `type` column.
    public var type: String

    /// Invented recordist names (no real person).
    static let authors = [
        "Ana Lucía Ríos", "Marco Vélez", "Jonas Berg", "Carolina Ospina", "Daniel Quintero", "Sofía Herrera",
        "Tom Ashdown", "Lena Kowalski", "Andrés Mejía", "Paula Cárdenas", "Kenji Mori", "Ruth Okafor",
        "Felipe Castaño", "Isabel Duarte", "Nils Ekström", "María José Peña",
    ]

    /// Draws the metadata of one recording; `snr` (the recording's quality) drives the rating.
    static func draw(isBird: Bool, kind: CallKind, snr: ClosedRange<Double>, quality: Double,
                     ids: inout Set<String>, using rng: inout SeededGenerator) -> RecordingMetadata {
        let u = rng.uniform()
        let collection = isBird ? (u < 0.75 ? "XC" : u < 0.95 ? "iNat" : "CSA") : (u < 0.15 ? "XC" : u < 0.7 ? "iNat" : "CSA")
        var id: String
        var number: Int
        repeat {
            switch collection {
            case "XC": number = Int.random(in: 100_000 ... 999_999, using: &rng)
            case "iNat": number = Int.random(in: 100_000 ... 1_299_999, using: &rng)
            default: number = Int.random(in: 10_000 ... 49_999, using: &rng)
            }
            id = collection + String(number)
        } while ids.contains(id)
        ids.insert(id)

        var rating = 0.0
        if collection == "XC" && !rng.bernoulli(0.05) {
            let fraction = (quality - snr.lowerBound) / max(snr.upperBound - snr.lowerBound, 1)
            let raw = 1 + 4 * fraction + rng.normal(mean: 0, std: 0.6)
            rating = min(5, max(0.5, (raw * 2).rounded() / 2))
        }
        let url: String
        switch collection {
        case "XC": url = "https://xeno-canto.org/\(number)"
        case "iNat": url = "https://static.inaturalist.org/sounds/\(number).wav"
        default: url = ""
        }
        let located = !rng.bernoulli(0.05)
        let latitude = located ? String(format: "%.4f", rng.uniform(4.5, 7.5)) : ""
        let longitude = located ? String(format: "%.4f", rng.uniform(-76.5, -73.0)) : ""
        let author = authors[rng.index(authors.count)]
        let license: String
        let l = rng.uniform()
        switch collection {
        case "XC": license = l < 0.6 ? "cc-by-nc-sa 4.0" : l < 0.8 ? "cc-by-nc-nd 4.0" : l < 0.9 ? "cc-by-sa 4.0" : "cc-by 4.0"
        case "iNat": license = l < 0.6 ? "cc-by-nc 4.0" : l < 0.9 ? "cc-by 4.0" : "cc0 1.0"
        default: license = "cc-by-nc-sa 4.0"
        }
        return RecordingMetadata(collection: collection, id: id, rating: rating, url: url, latitude: latitude,
                                 longitude: longitude, author: author, license: license,
                                 type: soundType(isBird: isBird, kind: kind, using: &rng))
    }

    /// The `type` column: "['song']", "['call', 'song']", "['']", "[]", "['drumming']", …
    static func soundType(isBird: Bool, kind: CallKind, using rng: inout SeededGenerator) -> String {
        let u = rng.uniform()
        guard isBird else { return u < 0.7 ? "[]" : "['']" }
        if kind == .drum { return u < 0.8 ? "['drumming']" : "['call', 'drumming']" }
        if u < 0.4 { return "['song']" }
        if u < 0.75 { return "['call']" }
        if u < 0.85 { return "['call', 'song']" }
        if u < 0.9 { return "['']" }
        return "[]"
    }
}
