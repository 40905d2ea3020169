import Foundation
import Testing
@testable import Lab

/// `DecodedAudioMemo` serves training windows as slices of the once-decoded file: for a 32 kHz
/// file they must be the very samples `AudioFile.read` returns for the same window.
@Suite struct DecodedAudioMemoTests {
    /// 7.3 s of a chirp with noise, Ogg Vorbis at 32 kHz (the corpus format).
    static func vorbisFile() throws -> URL {
        var g = SeededGenerator(seed: 7)
        let n = 233_600
        let samples = (0 ..< n).map { i -> Float in
            let t = Double(i) / 32_000
            return Float(0.4 * sin(2 * .pi * (800 * t + 300 * t * t)) + 0.05 * (Double.random(in: -1 ... 1, using: &g)))
        }
        let url = TestSound.folder().appendingPathComponent("chirp.ogg")
        try TestSound.write(samples, rate: 32_000, format: TestSound.vorbis, to: url)
        return url
    }

    @Test func windowsEqualSeekingReads() throws {
        let url = try Self.vorbisFile()
        let memo = DecodedAudioMemo()
        for offset in [0.0, 0.137, 1.0, 2.29, 4.999] {
            let fromMemo = try memo.read(url, offset: offset, duration: 5, sampleRate: 32_000)
            let fromFile = try AudioFile.read(url, offset: offset, duration: 5, sampleRate: 32_000)
            #expect(fromMemo.count == 160_000)
            #expect(fromMemo == fromFile, "offset \(offset)")
        }
    }

    @Test func offsetPastTheEndNamesTheFile() throws {
        let url = try Self.vorbisFile()
        #expect { try DecodedAudioMemo().read(url, offset: 7.5, duration: 5, sampleRate: 32_000) } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("past the end")
        }
    }

    /// With a budget of one file, reading a second file evicts the first; windows stay correct.
    @Test func evictionKeepsWindowsRight() throws {
        let a = try Self.vorbisFile()
        let b = try Self.vorbisFile()
        let memo = DecodedAudioMemo(budgetBytes: 233_600 * 4 + 16)
        let first = try memo.read(a, offset: 1, duration: 5, sampleRate: 32_000)
        _ = try memo.read(b, offset: 0, duration: 5, sampleRate: 32_000)
        #expect(try memo.read(a, offset: 1, duration: 5, sampleRate: 32_000) == first)
    }
}
