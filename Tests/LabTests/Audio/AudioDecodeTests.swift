import Foundation
import Testing
@testable import Lab

/// Decoding every format / rate / channel layout / sample format the issue lists, files written
/// by the tests themselves through libsndfile.
@Suite struct AudioDecodeTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var format: Int32
        var rate: Int
        var channels: Int
        /// Worst |decoded − ideal| allowed on the 32 kHz sine away from the edges.
        var tolerance: Float
        var lossy: Bool { tolerance > 0.01 }
        var description: String { "\(name) \(rate) Hz \(channels) ch" }
    }

    static let cases: [Case] = [
        Case(name: "a.wav", format: TestSound.pcm16, rate: 44_100, channels: 1, tolerance: 2e-3),
        Case(name: "b.wav", format: TestSound.pcm24, rate: 48_000, channels: 2, tolerance: 2e-3),
        Case(name: "c.wav", format: TestSound.float32, rate: 22_050, channels: 1, tolerance: 2e-3),
        Case(name: "d.wav", format: TestSound.pcm16, rate: 32_000, channels: 3, tolerance: 2e-4),
        Case(name: "e.flac", format: TestSound.flac16, rate: 16_000, channels: 1, tolerance: 2e-3),
        Case(name: "f.flac", format: TestSound.flac24, rate: 96_000, channels: 2, tolerance: 2e-3),
        Case(name: "g.ogg", format: TestSound.vorbis, rate: 44_100, channels: 2, tolerance: 0.05),
        Case(name: "h.ogg", format: TestSound.vorbis, rate: 32_000, channels: 1, tolerance: 0.05),
        Case(name: "i.opus", format: TestSound.opus, rate: 48_000, channels: 1, tolerance: 0.1),
        Case(name: "j.mp3", format: TestSound.mp3, rate: 44_100, channels: 2, tolerance: 0.1),
    ]

    /// Channel c carries (1 − 0.25·c) · sine, so the mono mix is the mean of those gains · sine.
    static func write(_ c: Case, seconds: Double = 1.5, in folder: URL) throws -> URL {
        let sine = TestSound.sine(440, rate: c.rate, seconds: seconds)
        let channels = (0 ..< c.channels).map { ch in sine.map { $0 * (1 - 0.25 * Float(ch)) } }
        let url = folder.appendingPathComponent(c.name)
        try TestSound.write(TestSound.interleave(channels), channels: c.channels, rate: c.rate, format: c.format, to: url)
        return url
    }

    static func mixGain(_ c: Case) -> Float {
        (0 ..< c.channels).map { 1 - 0.25 * Float($0) }.reduce(0, +) / Float(c.channels)
    }

    @Test(arguments: cases) func decodesDownmixesAndResamplesTo32k(_ c: Case) throws {
        guard TestSound.canWrite(c.format, rate: c.rate, channels: c.channels) else {
            Issue.record("this libsndfile cannot write \(c)"); return
        }
        let url = try Self.write(c, in: TestSound.folder())
        let info = try AudioFile.info(url)
        #expect(info.sampleRate == c.rate && info.channels == c.channels)
        let y = try AudioFile.read(url)
        if !c.lossy { #expect(y.count == Int((Double(info.frames) * 32_000 / Double(c.rate)).rounded(.up))) }
        let ideal = TestSound.sine(440, rate: 32_000, seconds: 1.5, amplitude: 0.5 * Self.mixGain(c))
        let middle = 4_000 ..< 44_000
        let worst = middle.map { abs(y[$0] - ideal[$0]) }.max()!
        #expect(worst <= c.tolerance, "\(c): worst error \(worst)")
    }

    @Test(arguments: cases) func windowIsTheSliceOfTheWholeFile(_ c: Case) throws {
        guard TestSound.canWrite(c.format, rate: c.rate, channels: c.channels) else { return }
        let url = try Self.write(c, in: TestSound.folder())
        let whole = try AudioFile.read(url, sampleRate: c.rate)
        let start = Int(0.37 * Double(c.rate)), length = Int(0.5 * Double(c.rate))
        let window = try AudioFile.read(url, offset: 0.37, duration: 0.5, sampleRate: c.rate)
        #expect(window.count == length)
        let worst = zip(window, whole[start ..< start + length]).map { abs($0 - $1) }.max()!
        #expect(worst == 0, "\(c): window differs from the slice by \(worst)")
    }

    @Test func windowPastTheEndIsZeroPadded() throws {
        let c = Self.cases[0]
        let url = try Self.write(c, seconds: 1.5, in: TestSound.folder())
        let y = try AudioFile.read(url, offset: 1.0, duration: 2.0)
        #expect(y.count == 64_000)
        #expect(y[0 ..< 15_000].contains { abs($0) > 0.3 })
        #expect(y[16_100...].allSatisfy { $0 == 0 })
        let last = try AudioFile.read(url, offset: 1.49, duration: 5)
        #expect(last.count == 160_000)
    }
}
