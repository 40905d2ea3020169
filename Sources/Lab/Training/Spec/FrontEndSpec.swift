/// The front end a spec feeds its model.
///
/// PLACEHOLDER until the Features layer's `FrontEnd` lands on main: same fields as the agreed
/// contract (CONTRACTS.md). Replace `FrontEndSpec` by `FrontEnd` and delete this file then.
public struct FrontEndSpec: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable { case fbank, mel, melDb = "mel-db" }
    public var kind: Kind
    public var sampleRate: Int
    public var nFFT: Int
    public var windowLength: Int
    public var hop: Int
    public var nMels: Int
    public var fmin: Double
    public var fmax: Double
    public var frames: Int?

    public init(kind: Kind, sampleRate: Int, nFFT: Int, windowLength: Int, hop: Int, nMels: Int,
                fmin: Double, fmax: Double, frames: Int?) {
        self.kind = kind; self.sampleRate = sampleRate; self.nFFT = nFFT; self.windowLength = windowLength
        self.hop = hop; self.nMels = nMels; self.fmin = fmin; self.fmax = fmax; self.frames = frames
    }

    /// DESIGN §4: Kaldi fbank, [512, 128].
    public static let birdMAE = FrontEndSpec(kind: .fbank, sampleRate: 32_000, nFFT: 1024, windowLength: 800,
                                             hop: 320, nMels: 128, fmin: 20, fmax: 16_000, frames: 512)
}
