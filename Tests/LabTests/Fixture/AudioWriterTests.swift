import Foundation
import Testing
@testable import Lab

@Suite struct AudioWriterTests {
    /// A 1.5 s test signal: a 1 kHz tone with a sweep and a little noise.
    static func signal(rate: Int = 32_000) -> [Float] {
        var rng = SeededGenerator(seed: 7)
        return (0 ..< rate * 3 / 2).map { i in
            let t = Double(i) / Double(rate)
            return Float(0.3 * sin(2 * .pi * 1000 * t) + 0.2 * sin(2 * .pi * (2000 + 1500 * t) * t) + 0.01 * rng.normal())
        }
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("audiowriter-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func oggCRCMatchesTheCRC32CheckValue() {
        // CRC-32/CKSUM (same polynomial, init 0, unreflected) has check value 0x765E7680 for
        // "123456789" after its final xor with 0xFFFFFFFF; Ogg skips that xor.
        #expect(OggPages.crc32(Array("123456789".utf8)) == ~UInt32(0x765E_7680))
    }

    @Test func recomputedCRCMatchesLibogg() throws {
        let bytes = try AudioWriter.encodeOggVorbis(Self.signal(), sampleRate: 32_000, quality: 0.4)
        let pages = try OggPages.pageRanges(bytes)
        #expect(pages.count >= 3)
        for page in pages {
            var copy = Array(bytes[page])
            let stored = OggPages.storedCRC(copy, page: 0)
            for i in 0 ..< 4 { copy[OggPages.crcOffset + i] = 0 }
            #expect(OggPages.crc32(copy) == stored)
        }
    }

    @Test func oggIsByteDeterministicAndDecodes() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = Self.signal()
        let a = folder.appendingPathComponent("a.ogg"), b = folder.appendingPathComponent("b.ogg")
        try AudioWriter.writeOggVorbis(x, sampleRate: 32_000, to: a)
        Thread.sleep(forTimeInterval: 1.1)  // libsndfile's serial comes from the clock
        try AudioWriter.writeOggVorbis(x, sampleRate: 32_000, to: b)
        let bytesA = try Data(contentsOf: a), bytesB = try Data(contentsOf: b)
        #expect(StableHash.hex(bytesA) == StableHash.hex(bytesB))
        for page in try OggPages.pageRanges(Array(bytesA)) {
            #expect(OggPages.serial(Array(bytesA), page: page.lowerBound) == AudioWriter.oggSerial)
        }
        // libsndfile/libogg verify every page CRC while decoding.
        let info = try AudioFile.info(a)
        #expect(info.sampleRate == 32_000 && info.channels == 1 && info.frames == x.count)
        let y = try AudioFile.read(a)
        #expect(y.count == x.count)
        var dot = 0.0, xx = 0.0, yy = 0.0
        for i in 0 ..< min(x.count, y.count) { dot += Double(x[i] * y[i]); xx += Double(x[i] * x[i]); yy += Double(y[i] * y[i]) }
        #expect(dot / (xx * yy).squareRoot() > 0.98)
    }

    @Test func wavRoundTrips() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = Self.signal()
        let f = folder.appendingPathComponent("f.wav"), p = folder.appendingPathComponent("p.wav"), p2 = folder.appendingPathComponent("p2.wav")
        try AudioWriter.writeWav(x, sampleRate: 32_000, to: f, format: .float32)
        try AudioWriter.writeWav(x, sampleRate: 32_000, to: p, format: .pcm16)
        try AudioWriter.writeWav(x, sampleRate: 32_000, to: p2, format: .pcm16)
        #expect(try Data(contentsOf: p) == Data(contentsOf: p2))
        #expect(try AudioFile.read(f) == x)
        let y = try AudioFile.read(p)
        #expect(zip(x, y).allSatisfy { abs($0 - $1) <= 1.0 / 32768 + 1e-6 })
    }

    @Test func rejectsNonFiniteSamples() {
        let url = Self.temporaryFolder().appendingPathComponent("bad.ogg")
        #expect(throws: InputError.self) { try AudioWriter.writeOggVorbis([0, .nan, 0], sampleRate: 32_000, to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
