import Foundation
import Testing
@testable import Lab

@Suite struct NPYTests {
    @Test func roundTripsShapeAndValues() throws {
        let values: [Float] = [1, -2.5, .pi, 0, 1e-30, -7]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPY.write(values, shape: [2, 3], to: url)
        let (shape, read) = try NPY.read(url)
        #expect(shape == [2, 3])
        #expect(read == values)
    }

    @Test func headerIsNumPyVersion1AlignedTo64Bytes() {
        let data = NPY.encode([1, 2], shape: [2, 1])
        let bytes = [UInt8](data)
        #expect(Array(bytes[0 ..< 8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(bytes: bytes[10 ..< 10 + headerLength], encoding: .utf8)!
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == 10 + headerLength + 8)
    }

    @Test func readsFilesNumPyWrote() throws {
        // clip32k_mel_default.npy was written by numpy 2.4 (make_reference.py).
        let (shape, values) = try NPY.read(FeatureReference.url("clip32k_mel_default.npy"))
        #expect(shape == [157, 128])
        #expect(values.count == 157 * 128)
        #expect(values.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test func rejectsTruncatedData() {
        var data = NPY.encode([1, 2, 3, 4], shape: [4])
        data.removeLast(2)
        #expect(throws: InputError.self) { try NPY.decode(data, file: "x.npy") }
        #expect(throws: InputError.self) { try NPY.decode(Data("hello".utf8), file: "x.npy") }
    }
}
