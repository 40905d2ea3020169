import Foundation
import Testing
@testable import Lab

/// safetensors interoperability with Python's `safetensors` 0.8
/// (Fixtures/reference/tensor/safetensors_roundtrip.py and its committed outputs).
@Suite struct SafetensorsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Fixtures/reference/tensor").standardized

    /// The tensors of swift_written.safetensors (checked by Python: swift_written.check.txt).
    static func swiftWritten() -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        var rng = SeededGenerator(seed: 42)
        let model = Linear(4, 3, rng: &rng)
        var tensors = model.namedParameters().map { ("head.\($0.0)", $0.1) }
        tensors.append(("pos_embed", Tensor(shape: [1, 2, 3], values: [0, 1, 2, 3, 4, 5.5])))
        return (tensors, ["epoch": "7", "rng.init": "{\"seed\":1}"])
    }

    @Test func readsPythonWrittenFiles() throws {
        let (t, meta) = try Safetensors.read(Self.folder.appendingPathComponent("python_written.safetensors"))
        #expect(meta["note"] == "written by safetensors_roundtrip.py")
        let qkv = try #require(t["blocks.0.attn.qkv.weight"])
        #expect(qkv.shape == [6, 4])
        #expect(qkv.values == (0 ..< 24).map { Float($0) / 8 - 1 })
        #expect(t["cls_token"]?.shape == [1, 1, 3] && t["cls_token"]?.values == [0.5, -0.25, 0.125])
        #expect(t["as_f64"]?.values == [Float(1.0 / 3), -2.5])
        #expect(t["as_f16"]?.values == [Float(Float16(0.1)), -65504, 1.5])
        let (b, _) = try Safetensors.read(Self.folder.appendingPathComponent("python_written_bf16.safetensors"))
        #expect(b["w"]?.values == [1, -2, 0.30078125])
    }

    @Test func writerOutputIsTheFilePythonChecked() throws {
        let (tensors, meta) = Self.swiftWritten()
        let bytes = Safetensors.encode(tensors, metadata: meta)
        let url = Self.folder.appendingPathComponent("swift_written.safetensors")
        if ProcessInfo.processInfo.environment["BIRDLAB_WRITE_FIXTURES"] == "1" { try Safetensors.write(tensors, metadata: meta, to: url) }
        #expect(try Data(contentsOf: url) == bytes)
        // And our reader agrees with our writer.
        let (back, m) = try Safetensors.decode(bytes, file: "memory")
        #expect(m == meta)
        for (n, t) in tensors { #expect(back[n]?.values == t.values && back[n]?.shape == t.shape) }
    }

    @Test func rejectsBrokenFiles() {
        let good = Safetensors.encode([("a", Tensor(shape: [2], values: [1, 2]))])
        #expect(throws: InputError.self) { try Safetensors.decode(good.prefix(good.count - 4), file: "cut.safetensors") }
        #expect(throws: InputError.self) { try Safetensors.decode(Data([1, 2, 3]), file: "tiny") }
        var wrongLength = good
        wrongLength[0] = 0xff
        #expect(throws: InputError.self) { try Safetensors.decode(wrongLength, file: "len") }
    }
}

/// Checksums of files the harness writes (issue 17): damage anywhere in the tensor bytes or the
/// metadata is a named error; files without a checksum (other writers) still read.
@Suite struct SafetensorsChecksumTests {
    static let file = Safetensors.encode([("w", Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))], metadata: ["epoch": "4"])

    @Test func aFlippedByteInTheTensorDataIsACorruptFileError() throws {
        var bad = Self.file
        bad[bad.count - 3] ^= 0x01
        let error = try #require(throws: InputError.self) { try Safetensors.decode(bad, file: "best.safetensors") }
        #expect(error.column == "checksum" && error.reason.hasPrefix("corrupt file"))
        #expect(try Safetensors.decode(Self.file, file: "ok").metadata == ["epoch": "4"], "the checksum is verified and not returned")
    }

    @Test func anEditedMetadataValueIsACorruptFileError() throws {
        var bad = Self.file
        let at = try #require(bad.range(of: Data("\"epoch\":\"4\"".utf8)))
        bad[at.upperBound - 2] = UInt8(ascii: "5")
        #expect(throws: InputError.self) { try Safetensors.decode(bad, file: "last.safetensors") }
    }

    @Test func checkpointSaveWithVerifyReadsTheFileBack() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var rng = SeededGenerator(seed: 1)
        let model = Linear(3, 2, rng: &rng)
        try Checkpoint.save(model: model, optimizer: nil, metadata: ["epoch": "2"], to: url, verify: true)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 1] ^= 0x80
        try bytes.write(to: url)
        #expect(throws: InputError.self) { try Checkpoint.load(model: model, optimizer: nil, from: url) }
    }
}
