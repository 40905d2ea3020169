/// Maps a detector's species names (eBird code, scientific name, common name) to taxonomy labels.
///
/// Matching ignores case and surrounding spaces. When a row gives several names, the ones that
/// match must agree on one label; a row whose names match none is an out-of-list species.
public struct SpeciesNames: Sendable {
    private var byName: [String: String] = [:]
    private var byCode: [String: String] = [:]

    public init(_ taxonomy: [Taxon]) {
        for taxon in taxonomy {
            byCode[Self.key(taxon.label)] = taxon.label
            for name in [taxon.scientificName, taxon.commonName] where !name.isEmpty {
                byName[Self.key(name)] = taxon.label
            }
        }
    }

    /// The outcome of matching one row's names.
    public enum Match: Equatable, Sendable {
        case label(String)
        case outOfList
        /// The names point at different taxonomy labels.
        case conflict(String)
    }

    /// Matches `code` (eBird code / class label), `scientific` and `common` names, any may be empty.
    public func match(code: String = "", scientific: String = "", common: String = "") -> Match {
        var found: [(String, String)] = []
        if let l = byCode[Self.key(code)], !code.isEmpty { found.append((code, l)) }
        if let l = byName[Self.key(scientific)], !scientific.isEmpty { found.append((scientific, l)) }
        if let l = byName[Self.key(common)], !common.isEmpty { found.append((common, l)) }
        guard let first = found.first else { return .outOfList }
        if let other = found.first(where: { $0.1 != first.1 }) {
            return .conflict("'\(first.0)' is \(first.1) but '\(other.0)' is \(other.1)")
        }
        return .label(first.1)
    }

    static func key(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
}
