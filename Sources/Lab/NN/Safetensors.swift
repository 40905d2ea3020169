import Foundation

/// The safetensors file format (Hugging Face): an 8-byte little-endian header length, a JSON
/// header `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}`
/// padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
/// Writes F32; reads F32, F64, F16 and BF16 (converted to Float32).
///
/// Files written here carry `"checksum": "fnv1a64w:…"` in their metadata (`Checksum` of the
/// tensor bytes, then of the other metadata entries); `decode` verifies it when present, so a
/// damaged checkpoint is a named error instead of silently different weights. Files from other
/// writers (no checksum) are read as they are.
public enum Safetensors {
    /// The metadata key of the checksum.
    public static let checksumKey = "checksum"

    /// Writes `tensors` in the given order (names must be unique) atomically to `url`.
    public static func write(_ tensors: [(String, Tensor)], metadata: [String: String] = [:], to url: URL) throws {
        try AtomicFile.write(encode(tensors, metadata: metadata), to: url)
    }

    /// The file bytes for `tensors` and `metadata`.
    public static func encode(_ tensors: [(String, Tensor)], metadata: [String: String] = [:]) -> Data {
        precondition(Set(tensors.map(\.0)).count == tensors.count, "duplicate tensor names")
        var body = Data(capacity: tensors.reduce(0) { $0 + $1.1.count * 4 })
        for (_, t) in tensors { body.append(Data(bytes: t.data, count: t.count * 4)) }
        var metadata = metadata
        metadata[checksumKey] = checksum(body: body, range: 0 ..< body.count, metadata: metadata)
        var entries: [String] = []
        let fields = metadata.keys.sorted().map { "\(quote($0)):\(quote(metadata[$0]!))" }
        entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        var offset = 0
        for (name, t) in tensors {
            let bytes = t.count * 4
            entries.append("\(quote(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Data("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out = Data(capacity: 8 + header.count + offset)
        var n = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out.append(header)
        out.append(body)
        return out
    }

    /// The checksum of the tensor bytes `data[range]` and of `metadata` (sorted, without the checksum entry).
    static func checksum(body data: Data, range: Range<Int>, metadata: [String: String]) -> String {
        var h = Checksum.digest(data, range: range)
        for key in metadata.keys.sorted() where key != checksumKey {
            h = Checksum.digest(Data("\(key)\u{0}\(metadata[key]!)\u{0}".utf8), seed: h)
        }
        return Checksum.text(h)
    }

    /// Reads every tensor (as Float32) and the metadata (without the checksum) of a safetensors file.
    public static func read(_ url: URL) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw InputError(file: url.path, "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, file: url.path)
    }

    /// Parses safetensors bytes; `file` names the source in errors.
    public static func decode(_ data: Data, file: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        guard data.count >= 8 else { throw InputError(file: file, "not a safetensors file: \(data.count) bytes") }
        let n = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard n <= UInt64(data.count - 8) else { throw InputError(file: file, "header length \(n) exceeds the file size \(data.count)") }
        let headerEnd = 8 + Int(n)
        guard let json = try? JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< headerEnd)) as? [String: Any] else {
            throw InputError(file: file, "header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let m = json["__metadata__"] as? [String: String], let expected = m[checksumKey] {
            let found = checksum(body: data, range: headerEnd ..< data.count, metadata: m)
            guard found == expected else {
                throw InputError(file: file, column: checksumKey, "corrupt file: the tensor data and metadata hash to \(found), "
                    + "but the file was written with \(expected) (damaged on disk or in transfer)")
            }
        }
        var tensors: [String: Tensor] = [:]
        let body = data.count - headerEnd
        for (name, value) in json {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw InputError(file: file, column: name, "expected a string-to-string map") }
                metadata = m.filter { $0.key != checksumKey }  // verified above
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2
            else { throw InputError(file: file, column: name, "expected {dtype, shape, data_offsets}") }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            case "F16", "BF16": width = 2
            default: throw InputError(file: file, column: name, "unsupported dtype \(dtype) (expected F32, F64, F16 or BF16)")
            }
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] <= body, offsets[1] - offsets[0] == count * width else {
                throw InputError(file: file, column: name, "data_offsets \(offsets) do not hold \(dtype) \(shape) in a \(body)-byte body")
            }
            let t = Tensor(uninitialized: shape)
            data.withUnsafeBytes { raw in
                let src = raw.baseAddress! + headerEnd + offsets[0]
                for i in 0 ..< count {
                    switch dtype {
                    case "F32": t.data[i] = Float(bitPattern: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian)
                    case "F64": t.data[i] = Float(Double(bitPattern: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian))
                    case "BF16": t.data[i] = Float(bitPattern: UInt32(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16)
                    default: t.data[i] = Float(Float16(bitPattern: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian))
                    }
                }
            }
            tensors[name] = t
        }
        return (tensors, metadata)
    }

    private static func quote(_ s: String) -> String {
        let encoded = try! JSONEncoder().encode(s)
        return String(decoding: encoded, as: UTF8.self)
    }
}
