import Foundation
import Testing
@testable import Lab

/// Bad input: every case is an `InputError` naming the file and the reason.
@Suite struct AudioFileTests {
    func expectInputError(_ url: URL, mentioning words: String, offset: Double = 0, duration: Double? = nil,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try AudioFile.read(url, offset: offset, duration: duration)
            Issue.record("read \(url.lastPathComponent) without an error", sourceLocation: sourceLocation)
        } catch let error as InputError {
            #expect(error.file == url.path, sourceLocation: sourceLocation)
            #expect(error.reason.lowercased().contains(words), "reason: \(error.reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    func sineFile(_ name: String, format: Int32, rate: Int = 44_100, seconds: Double = 1.5) throws -> URL {
        let url = TestSound.folder().appendingPathComponent(name)
        try TestSound.write(TestSound.sine(440, rate: rate, seconds: seconds), rate: rate, format: format, to: url)
        return url
    }

    func truncated(_ url: URL, keeping fraction: Double) throws -> URL {
        let data = try Data(contentsOf: url)
        let cut = url.deletingLastPathComponent().appendingPathComponent("cut-" + url.lastPathComponent)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: cut)
        return cut
    }

    @Test func missingFile() {
        expectInputError(URL(fileURLWithPath: "/nonexistent/clip.ogg"), mentioning: "not found")
    }

    @Test func emptyFile() throws {
        let url = TestSound.folder().appendingPathComponent("empty.wav")
        try Data().write(to: url)
        expectInputError(url, mentioning: "empty")
    }

    @Test func unknownFormat() throws {
        let url = TestSound.folder().appendingPathComponent("notes.wav")
        try Data(String(repeating: "not audio at all\n", count: 100).utf8).write(to: url)
        expectInputError(url, mentioning: "not a readable sound file")
    }

    @Test func truncatedWav() throws {
        expectInputError(try truncated(sineFile("t.wav", format: TestSound.pcm16), keeping: 0.6), mentioning: "truncated")
    }

    @Test func truncatedFlac() throws {
        expectInputError(try truncated(sineFile("t.flac", format: TestSound.flac16), keeping: 0.9), mentioning: "truncated")
        expectInputError(try truncated(sineFile("u.flac", format: TestSound.flac16), keeping: 0.5), mentioning: "truncated")
    }

    @Test func truncatedOgg() throws {
        // libsndfile refuses the half file outright and reports a nonsense length for the 90 % one.
        let ogg = try sineFile("t.ogg", format: TestSound.vorbis)
        #expect(throws: InputError.self) { try AudioFile.read(truncated(ogg, keeping: 0.5)) }
        #expect(throws: InputError.self) { try AudioFile.read(truncated(ogg, keeping: 0.9)) }
        #expect(throws: InputError.self) { try AudioFile.info(truncated(ogg, keeping: 0.9)) }
    }

    @Test func corruptFlac() throws {
        let url = try sineFile("c.flac", format: TestSound.flac16)
        var bytes = [UInt8](try Data(contentsOf: url))
        var random = SeededGenerator(seed: 7)
        for i in bytes.count / 3 ..< bytes.count / 3 + 2_000 { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
        try Data(bytes).write(to: url)
        expectInputError(url, mentioning: "corrupt")
    }

    @Test func offsetPastTheEnd() throws {
        let url = try sineFile("o.wav", format: TestSound.pcm16, seconds: 1.5)
        expectInputError(url, mentioning: "past the end", offset: 1.5, duration: 5)
        expectInputError(url, mentioning: "past the end", offset: 60)
        let mp3 = try sineFile("o.mp3", format: TestSound.mp3, seconds: 1.5)
        expectInputError(mp3, mentioning: "past the end", offset: 2, duration: 5)
        #expect(try AudioFile.read(url, offset: 1.4, duration: 5).count == 160_000)
    }

    @Test func badOffsetOrDuration() throws {
        let url = try sineFile("b.wav", format: TestSound.pcm16)
        expectInputError(url, mentioning: "offset", offset: -1)
        expectInputError(url, mentioning: "offset", offset: .nan)
        expectInputError(url, mentioning: "duration", duration: 0)
    }

    @Test func nonFiniteSample() throws {
        for bad in [Float.nan, .infinity] {
            var samples = TestSound.sine(440, rate: 32_000, seconds: 0.5)
            samples[1_234] = bad
            let url = TestSound.folder().appendingPathComponent("nan.wav")
            try TestSound.write(samples, rate: 32_000, format: TestSound.float32, to: url)
            expectInputError(url, mentioning: "non-finite sample at frame 1234")
        }
    }

    @Test func folderIsNotASoundFile() {
        expectInputError(TestSound.folder(), mentioning: "not a regular file")
    }
}
