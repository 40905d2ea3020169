/// One row of `taxonomy.csv`.
public struct Taxon: Sendable, Hashable, Codable {
    public var label: String          // primary_label, e.g. "amecro" or "1139490"
    public var inatTaxonID: String
    public var scientificName: String
    public var commonName: String
    public var className: String      // Aves, Amphibia, Insecta, Mammalia

    public init(label: String, inatTaxonID: String = "", scientificName: String = "", commonName: String = "", className: String = "") {
        self.label = label; self.inatTaxonID = inatTaxonID; self.scientificName = scientificName
        self.commonName = commonName; self.className = className
    }
}
