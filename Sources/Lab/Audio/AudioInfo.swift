/// What a sound file holds, as libsndfile reports it.
public struct AudioInfo: Sendable, Equatable {
    /// Native sample rate in Hz (Opus decodes at 48 kHz and reports that).
    public var sampleRate: Int
    public var channels: Int
    /// Frames per channel. For mp3, `AudioFile.info` counts them by decoding (libsndfile's
    /// header figure is a bit-rate estimate when the file has no Xing/LAME header).
    public var frames: Int
    /// True when libsndfile can seek in this file (reads of a window skip the start).
    public var seekable: Bool

    /// Length in seconds.
    public var duration: Double { Double(frames) / Double(sampleRate) }
}
