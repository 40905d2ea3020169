/// What a sound file holds, as libsndfile reports it.
public struct AudioInfo: Sendable, Equatable {
    /// Native sample rate in Hz (Opus reports its own decode rate, 48 kHz).
    public var sampleRate: Int
    public var channels: Int
    /// Frames per channel.
    public var frames: Int
    /// True when libsndfile can seek in this file (reads of a window skip the start).
    public var seekable: Bool

    /// Length in seconds.
    public var duration: Double { Double(frames) / Double(sampleRate) }
}
