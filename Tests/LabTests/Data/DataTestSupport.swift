import Foundation
@testable import Lab

/// Small corpora written by the tests themselves, and the shared real-mini corpus when present.
enum DataTestSupport {
    /// ../shared/audio/real-mini relative to the repository, if it exists.
    static var realMini: URL? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }  // Data, LabTests, Tests, repo
        let mini = url.deletingLastPathComponent().appendingPathComponent("shared/audio/real-mini")
        return FileManager.default.fileExists(atPath: mini.appendingPathComponent("train.csv").path) ? mini : nil
    }

    /// Repository root (for Fixtures/).
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }
        return url
    }

    static func temporaryFolder(_ name: String = #function) -> URL {
        let clean = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birdlab-data-\(clean)-\(UInt32.random(in: 0 ... .max))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// 16-bit PCM mono WAV.
    static func writeWav(_ samples: [Float], sampleRate: Int = 32_000, to url: URL) throws {
        var d = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        d.append(contentsOf: Array("RIFF".utf8)); u32(UInt32(36 + samples.count * 2)); d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(1); u16(1); u32(UInt32(sampleRate)); u32(UInt32(sampleRate * 2)); u16(2); u16(16)
        d.append(contentsOf: Array("data".utf8)); u32(UInt32(samples.count * 2))
        for s in samples { u16(UInt16(bitPattern: Int16(max(-1, min(1, s)) * 32767))) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try d.write(to: url)
    }

    static func tone(_ seconds: Double, frequency: Double, sampleRate: Int = 32_000) -> [Float] {
        (0 ..< Int(seconds * Double(sampleRate))).map { Float(0.3 * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) }
    }

    /// A corpus folder: `species` maps label → number of recordings (each `seconds` long WAV).
    @discardableResult
    static func writeCorpus(at root: URL, species: [String: Int], seconds: Double = 6, extraTaxa: [String] = [],
                            trainRows extra: [String] = [], soundscapes: [String: Double] = [:]) throws -> URL {
        var taxonomy = ["primary_label,inat_taxon_id,scientific_name,common_name,class_name"]
        var train = ["primary_label,secondary_labels,type,filename,collection,rating,url,latitude,longitude,scientific_name,common_name,author,license"]
        for (k, label) in (Array(species.keys) + extraTaxa).sorted().enumerated() {
            taxonomy.append("\(label),,Genus species\(k),\"Common, Bird \(k)\",Aves")
        }
        for (label, count) in species.sorted(by: { $0.key < $1.key }) {
            for i in 0 ..< count {
                let name = "\(label)/XC\(1000 + i).wav"
                try writeWav(tone(seconds, frequency: 500 + 50 * Double(i)), to: root.appendingPathComponent("train_audio/\(name)"))
                train.append("\(label),\"[]\",\"['call', 'song']\",\(name),XC,4.5,,,,Genus species,\"Bird, common\",someone,cc")
            }
        }
        train += extra
        for (name, seconds) in soundscapes {
            try writeWav(tone(seconds, frequency: 900), to: root.appendingPathComponent("train_soundscapes/\(name).wav"))
        }
        try (taxonomy.joined(separator: "\n") + "\n").write(to: root.appendingPathComponent("taxonomy.csv"), atomically: true, encoding: .utf8)
        try (train.joined(separator: "\n") + "\n").write(to: root.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        return root
    }
}
