/// The study's class order: plain lexicographic sort of the label strings by their UTF-8 bytes,
/// so numeric iNat ids ("1139490") come before eBird codes ("amakin1"), independent of locale.
public enum LabelOrder {
    /// `labels` deduplicated and sorted by UTF-8 byte order.
    public static func sorted<S: Sequence>(_ labels: S) -> [String] where S.Element == String {
        Set(labels).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
