import Foundation
import Testing
@testable import Lab

/// The real recordings in ../shared/audio/real-mini/raw (odd rates, stereo, 24-bit, float, mp3),
/// when that folder exists.
@Suite struct RealMiniDecodeTests {
    struct Entry { var url: URL; var format: String; var rate: Int; var channels: Int; var seconds: Double }

    static func entries() throws -> [Entry] {
        guard let raw = FeatureReference.realMiniRaw else { return [] }
        let table = try CSVTable(url: raw.appendingPathComponent("MANIFEST.csv"))
        let file = try table.column("file"), format = try table.column("format"), rate = try table.column("sample_rate")
        let channels = try table.column("channels"), seconds = try table.column("duration_s")
        return table.rows.map { row in
            Entry(url: raw.appendingPathComponent(row[file]), format: row[format], rate: Int(row[rate]) ?? 0,
                  channels: Int(row[channels]) ?? 0, seconds: Double(row[seconds]) ?? 0)
        }
    }

    @Test func everyRawFileDecodesWithItsManifestHeader() throws {
        let entries = try Self.entries()
        guard !entries.isEmpty else { return }
        #expect(entries.count == 9)
        for entry in entries {
            let info = try AudioFile.info(entry.url)
            #expect(info.sampleRate == entry.rate && info.channels == entry.channels, "\(entry.url.lastPathComponent)")
            if entry.format == "mp3" {
                // No Xing/LAME header: libsndfile's header length (10.299 s) is a bit-rate estimate and
                // ffprobe's 10.044 s is another; the stream decodes to 383 mp3 frames · 1152 = 441,216
                // samples, as librosa.load(sr=None) (python-soundfile 0.14, libsndfile 1.2.2) returns.
                #expect(info.frames == 441_216)
            } else {
                #expect(abs(info.duration - entry.seconds) < 0.002, "\(entry.url.lastPathComponent): \(info.duration) s")
            }
            let y = try AudioFile.read(entry.url)
            #expect(y.count == Int((Double(info.frames) * 32_000 / Double(info.sampleRate)).rounded(.up)))
            #expect(y.allSatisfy(\.isFinite) && y.contains { $0 != 0 })
        }
    }

    @Test func windowsAreSlicesOfTheWholeFile() throws {
        for entry in try Self.entries() {
            let whole = try AudioFile.read(entry.url, sampleRate: entry.rate)
            let start = Int(0.3 * Double(entry.rate)), length = Int(0.3 * Double(entry.rate))
            let window = try AudioFile.read(entry.url, offset: 0.3, duration: 0.3, sampleRate: entry.rate)
            #expect(Array(whole[start ..< start + length]) == window, "\(entry.url.lastPathComponent)")
        }
    }
}
