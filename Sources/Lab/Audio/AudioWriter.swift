import CSndfile
import Foundation

/// Encoding mono Float samples to sound files through libsndfile, atomically (temp + rename) and
/// byte-deterministically: the same samples always give the same bytes.
///
/// libsndfile seeds the Ogg stream serial number from the time of day, so `writeOggVorbis`
/// rewrites the serial number of every Ogg page to a fixed value and recomputes each page's CRC.
public enum AudioWriter {
    /// Sample formats for `writeWav`.
    public enum WavFormat: Sendable {
        case pcm16, float32
    }

    /// The Ogg stream serial number written into every page (any fixed value works; this one
    /// spells "BIRD").
    public static let oggSerial: UInt32 = 0x4249_5244

    /// Writes `samples` (mono, nominally in [-1, 1]) as Ogg Vorbis.
    /// - Parameter quality: libvorbis VBR quality in [0, 1] (0.4 ≈ `oggenc -q 4`).
    public static func writeOggVorbis(_ samples: [Float], sampleRate: Int, to url: URL, quality: Double = 0.4) throws {
        var bytes = try encodeOggVorbis(samples, sampleRate: sampleRate, quality: quality)
        try OggPages.setSerial(oggSerial, in: &bytes)
        try AtomicFile.write(Data(bytes), to: url)
    }

    /// Writes `samples` (mono) as a WAV file, 16-bit PCM or 32-bit float (no PEAK chunk, so no
    /// time stamp in the file).
    public static func writeWav(_ samples: [Float], sampleRate: Int, to url: URL, format: WavFormat = .pcm16) throws {
        let subtype = format == .pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT
        let bytes = try encode(samples, sampleRate: sampleRate, format: Int32(SF_FORMAT_WAV | subtype)) { file in
            sf_command(file, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE))
            sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        }
        try AtomicFile.write(Data(bytes), to: url)
    }

    /// The Ogg Vorbis bytes libsndfile produces for `samples` (serial number not yet fixed).
    static func encodeOggVorbis(_ samples: [Float], sampleRate: Int, quality: Double) throws -> [UInt8] {
        guard (0 ... 1).contains(quality) else {
            throw InputError(file: "<ogg vorbis encoder>", "quality \(quality) must be in [0, 1]")
        }
        return try encode(samples, sampleRate: sampleRate, format: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)) { file in
            var q = quality
            sf_command(file, Int32(SFC_SET_VBR_ENCODING_QUALITY), &q, Int32(MemoryLayout<Double>.size))
        }
    }

    /// Samples handed to libsndfile per call.
    private static let chunk = 4_096

    /// Runs libsndfile on an in-memory file and returns its bytes.
    private static func encode(_ samples: [Float], sampleRate: Int, format: Int32,
                               configure: (OpaquePointer) -> Void) throws -> [UInt8] {
        guard sampleRate > 0 else { throw InputError(file: "<audio writer>", "sample rate \(sampleRate) must be > 0") }
        guard !samples.isEmpty else { throw InputError(file: "<audio writer>", "no samples to write") }
        if let bad = samples.firstIndex(where: { !$0.isFinite }) {
            throw InputError(file: "<audio writer>", "sample \(bad) is not finite (\(samples[bad]))")
        }
        let buffer = MemoryFile()
        var info = SF_INFO(frames: 0, samplerate: Int32(sampleRate), channels: 1, format: format, sections: 0, seekable: 0)
        var io = MemoryFile.virtualIO
        let context = Unmanaged.passUnretained(buffer).toOpaque()
        guard let file = sf_open_virtual(&io, Int32(SFM_WRITE), &info, context) else {
            throw InputError(file: "<audio writer>", "libsndfile cannot encode this format: \(String(cString: sf_strerror(nil)))")
        }
        configure(file)
        // Small chunks: libvorbis shifts its whole pending buffer after every block, so one big
        // write costs time quadratic in the length.
        var written = 0
        samples.withUnsafeBufferPointer { all in
            while written < all.count {
                let n = min(chunk, all.count - written)
                let w = Int(sf_write_float(file, all.baseAddress! + written, sf_count_t(n)))
                written += w
                if w < n { break }
            }
        }
        let closeStatus = sf_close(file)
        guard written == samples.count, closeStatus == 0 else {
            throw InputError(file: "<audio writer>", "libsndfile wrote \(written) of \(samples.count) samples (close status \(closeStatus))")
        }
        return withExtendedLifetime(buffer) { buffer.bytes }
    }
}

/// A growable byte buffer that libsndfile reads and writes through its virtual I/O interface.
private final class MemoryFile {
    var bytes: [UInt8] = []
    var position = 0

    static func from(_ pointer: UnsafeMutableRawPointer?) -> MemoryFile {
        Unmanaged<MemoryFile>.fromOpaque(pointer!).takeUnretainedValue()
    }

    static let virtualIO = SF_VIRTUAL_IO(
        get_filelen: { context in sf_count_t(MemoryFile.from(context).bytes.count) },
        seek: { offset, whence, context in
            let file = MemoryFile.from(context)
            let base: Int
            switch whence {
            case SEEK_CUR: base = file.position
            case SEEK_END: base = file.bytes.count
            default: base = 0
            }
            file.position = max(0, base + Int(offset))
            return sf_count_t(file.position)
        },
        read: { pointer, count, context in
            let file = MemoryFile.from(context)
            let n = max(0, min(Int(count), file.bytes.count - file.position))
            if n > 0, let pointer {
                file.bytes.withUnsafeBytes { source in
                    pointer.copyMemory(from: source.baseAddress! + file.position, byteCount: n)
                }
            }
            file.position += n
            return sf_count_t(n)
        },
        write: { pointer, count, context in
            let file = MemoryFile.from(context)
            let n = Int(count)
            guard n > 0, let pointer else { return 0 }
            let end = file.position + n
            if end > file.bytes.count { file.bytes.append(contentsOf: repeatElement(0, count: end - file.bytes.count)) }
            file.bytes.withUnsafeMutableBytes { target in
                (target.baseAddress! + file.position).copyMemory(from: pointer, byteCount: n)
            }
            file.position = end
            return sf_count_t(n)
        },
        tell: { context in sf_count_t(MemoryFile.from(context).position) }
    )
}

/// Ogg page surgery: walking the pages of an Ogg stream, setting the serial number, and the Ogg
/// CRC-32 (polynomial 0x04c11db7, initial value 0, not reflected, no final xor).
enum OggPages {
    /// Byte offsets of the fields of an Ogg page header (RFC 3533 §6).
    static let serialOffset = 14, crcOffset = 22, segmentCountOffset = 26, headerSize = 27

    /// The ranges of every page in `bytes`, or an error if the bytes are not a sequence of pages.
    static func pageRanges(_ bytes: [UInt8]) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            guard start + headerSize <= bytes.count,
                  bytes[start] == 0x4F, bytes[start + 1] == 0x67, bytes[start + 2] == 0x67, bytes[start + 3] == 0x53 else {
                throw InputError(file: "<ogg stream>", "no Ogg page header (\"OggS\") at byte \(start)")
            }
            let segments = Int(bytes[start + segmentCountOffset])
            guard start + headerSize + segments <= bytes.count else {
                throw InputError(file: "<ogg stream>", "truncated segment table at byte \(start)")
            }
            var length = headerSize + segments
            for i in 0 ..< segments { length += Int(bytes[start + headerSize + i]) }
            guard start + length <= bytes.count else {
                throw InputError(file: "<ogg stream>", "truncated page at byte \(start)")
            }
            ranges.append(start ..< start + length)
            start += length
        }
        return ranges
    }

    /// Sets the serial number of every page to `serial` and recomputes each page's CRC.
    static func setSerial(_ serial: UInt32, in bytes: inout [UInt8]) throws {
        for range in try pageRanges(bytes) {
            writeLittleEndian(serial, into: &bytes, at: range.lowerBound + serialOffset)
            writeLittleEndian(0, into: &bytes, at: range.lowerBound + crcOffset)
            let crc = bytes.withUnsafeBufferPointer { crc32(UnsafeBufferPointer(rebasing: $0[range])) }
            writeLittleEndian(crc, into: &bytes, at: range.lowerBound + crcOffset)
        }
    }

    /// The CRC stored in the page starting at `start`.
    static func storedCRC(_ bytes: [UInt8], page start: Int) -> UInt32 {
        (0 ..< 4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + crcOffset + $1]) << (8 * UInt32($1)) }
    }

    /// The serial number of the page starting at `start`.
    static func serial(_ bytes: [UInt8], page start: Int) -> UInt32 {
        (0 ..< 4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + serialOffset + $1]) << (8 * UInt32($1)) }
    }

    /// Ogg's CRC-32 of `data`.
    static func crc32<C: Collection>(_ data: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0
        for byte in data {
            crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(byte))]
        }
        return crc
    }

    private static let table: [UInt32] = (0 ..< 256).map { index in
        var r = UInt32(index) << 24
        for _ in 0 ..< 8 { r = r & 0x8000_0000 != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1 }
        return r
    }

    private static func writeLittleEndian(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for i in 0 ..< 4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
    }
}
