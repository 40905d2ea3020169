import Foundation

/// The one JSON style of the files the harness writes (run records, resume state, the golden
/// file, Slurm manifests, pretraining summaries): pretty-printed, keys sorted (so the bytes are a
/// function of the value), slashes unescaped, non-finite numbers as "nan", "inf", "-inf", and a
/// final newline.
public enum PrettyJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
