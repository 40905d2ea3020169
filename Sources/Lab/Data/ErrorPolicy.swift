/// What to do with a bad item inside a corpus (missing or corrupt audio, unknown label,
/// duplicate file): stop with an `InputError`, or leave the item out and count it.
public enum ErrorPolicy: String, Sendable, Codable, CaseIterable {
    case fail
    case skip
}
