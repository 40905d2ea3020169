/// Parser for the Python-list strings of Kaggle's `train.csv` (`secondary_labels`, `type`):
/// `[]`, `['amecro', 'blujay']`, `["a", 'b']`, `['']`. Empty strings are dropped, so `['']` is `[]`.
public enum PythonList {
    /// The strings in `text`, or `nil` when `text` is not a list of quoted strings.
    public static func parse(_ text: String) -> [String]? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces))
        guard chars.first == "[", chars.last == "]" else { return nil }
        var items: [String] = []
        var i = 1
        let end = chars.count - 1
        func skipSpace() { while i < end, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        skipSpace()
        if i == end { return [] }
        while i < end {
            skipSpace()
            guard i < end, chars[i] == "'" || chars[i] == "\"" else { return nil }
            let quote = chars[i]
            i += 1
            var item = ""
            var closed = false
            while i < end {
                let c = chars[i]
                if c == "\\", i + 1 < end { item.append(chars[i + 1]); i += 2; continue }
                if c == quote { closed = true; i += 1; break }
                item.append(c); i += 1
            }
            guard closed else { return nil }
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { items.append(trimmed) }
            skipSpace()
            if i < end {
                guard chars[i] == "," else { return nil }
                i += 1
                skipSpace()
                if i == end { break }  // trailing comma, as Python allows
            }
        }
        return items
    }
}
