import Foundation

/// NumPy `.npy` files holding a little-endian float32 array (format version 1.0, C order).
public enum NPY {
    /// The bytes of a `.npy` file of `shape` holding `values` (row-major, `values.count` must be
    /// the product of `shape`).
    public static func encode(_ values: [Float], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "NPY.encode: \(values.count) values do not fill shape \(shape)")
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        // Magic (6) + version (2) + header length (2) + header + '\n' is a multiple of 64 bytes.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                let bits = value.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Writes `values` of `shape` to `url` atomically (temp file + rename).
    public static func write(_ values: [Float], shape: [Int], to url: URL) throws {
        try AtomicFile.write(encode(values, shape: shape), to: url)
    }

    /// Reads a float32 (`<f4`) or float64 (`<f8`) C-order `.npy` file; values come back as Float.
    /// - Throws: `InputError` naming the file for anything else.
    public static func read(_ url: URL) throws -> (shape: [Int], values: [Float]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: url.path, "file not found or unreadable")
        }
        return try decode(data, file: url.path)
    }

    /// Parses the bytes of a `.npy` file; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> (shape: [Int], values: [Float]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1 ..< 6]) == Array("NUMPY".utf8) else {
            throw InputError(file: file, "not a NumPy .npy file (bad magic)")
        }
        let major = bytes[6]
        let lengthBytes = major == 1 ? 2 : 4
        guard major >= 1, major <= 3, bytes.count >= 8 + lengthBytes else {
            throw InputError(file: file, "unsupported .npy version \(major)")
        }
        var headerLength = 0
        for i in 0 ..< lengthBytes { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        let start = 8 + lengthBytes
        guard bytes.count >= start + headerLength,
              let header = String(bytes: bytes[start ..< start + headerLength], encoding: .utf8) else {
            throw InputError(file: file, "truncated .npy header")
        }
        guard !header.contains("'fortran_order': True") else {
            throw InputError(file: file, "Fortran-order arrays are not supported; expected C order")
        }
        let width: Int
        if header.contains("'<f4'") { width = 4 } else if header.contains("'<f8'") { width = 8 } else {
            throw InputError(file: file, "unsupported dtype in header \(header.trimmingCharacters(in: .whitespacesAndNewlines)); expected '<f4' or '<f8'")
        }
        let shape = try parseShape(header, file: file)
        let count = shape.reduce(1, *)
        let body = start + headerLength
        guard bytes.count - body == count * width else {
            throw InputError(file: file, "holds \(bytes.count - body) data bytes; shape \(shape) needs \(count * width)")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0 ..< count {
                if width == 4 {
                    values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: body + 4 * i, as: UInt32.self)))
                } else {
                    values[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: body + 8 * i, as: UInt64.self))))
                }
            }
        }
        return (shape, values)
    }

    private static func parseShape(_ header: String, file: String) throws -> [Int] {
        guard let key = header.range(of: "'shape':"),
              let open = header[key.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")") else {
            throw InputError(file: file, "no shape in .npy header")
        }
        let fields = header[header.index(after: open) ..< close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var shape: [Int] = []
        for field in fields {
            guard let n = Int(field), n >= 0 else { throw InputError(file: file, "bad dimension '\(field)' in .npy shape") }
            shape.append(n)
        }
        return shape
    }
}
