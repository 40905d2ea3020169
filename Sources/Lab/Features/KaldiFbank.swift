import Foundation

/// Kaldi log mel filterbank energies, as `torchaudio.compliance.kaldi.fbank` computes them with
/// `htk_compat=True, use_energy=False, dither=0, snip_edges=True, use_power=True,
/// use_log_fbank=True, remove_dc_offset=True, preemphasis_coefficient=0.97,
/// round_to_power_of_two=True`.
struct KaldiFbank: Sendable {
    let sampleRate: Int
    /// Samples per frame (Kaldi frame_length 25 ms → 800 at 32 kHz).
    let windowLength: Int
    /// Samples between frame starts (frame_shift 10 ms → 320).
    let hop: Int
    /// FFT size ≥ windowLength (the next power of two in Kaldi).
    let nFFT: Int
    let window: [Float]
    let filters: MelFilterbank

    static let preemphasis: Float = 0.97
    /// Floor before the log: torch.finfo(torch.float32).eps.
    static let logFloor: Float = 1.1920929e-07

    init(sampleRate: Int, windowLength: Int, hop: Int, nFFT: Int, mels: Int, fmin: Double, fmax: Double, window: Window) {
        precondition(nFFT >= windowLength && windowLength > 0 && hop > 0, "KaldiFbank: bad frame sizes")
        self.sampleRate = sampleRate
        self.windowLength = windowLength
        self.hop = hop
        self.nFFT = nFFT
        self.window = window.coefficients(windowLength)
        filters = MelFilterbank.kaldi(sampleRate: sampleRate, nFFT: nFFT, mels: mels, fmin: fmin, fmax: fmax)
    }

    /// Frames with snip_edges: 1 + (n − windowLength) / hop, or 0 when the signal is shorter.
    func frameCount(samples: Int) -> Int {
        samples < windowLength ? 0 : 1 + (samples - windowLength) / hop
    }

    /// Log mel energies [frames, mels].
    func callAsFunction(_ samples: [Float]) -> FeatureMatrix {
        let frames = frameCount(samples: samples.count)
        let spectrum = PowerSpectrum(size: nFFT)
        let bins = spectrum.bins
        var power = [Float](repeating: 0, count: frames * bins)           // [frames, bins]
        var energies = [Float](repeating: 0, count: frames * filters.mels)  // [frames, mels]
        samples.withUnsafeBufferPointer { x in
            window.withUnsafeBufferPointer { w in
                power.withUnsafeMutableBufferPointer { p in
                    spectrum.compute(frames: frames, into: p.baseAddress!) { t, buffer in
                        prepareFrame(x.baseAddress! + t * hop, window: w.baseAddress!, into: buffer)
                    }
                }
            }
        }
        power.withUnsafeBufferPointer { p in
            energies.withUnsafeMutableBufferPointer { e in
                filters.apply(power: p.baseAddress!, frames: frames, into: e.baseAddress!)
            }
        }
        for i in energies.indices { energies[i] = log(max(energies[i], Self.logFloor)) }
        return FeatureMatrix(frames: frames, bins: filters.mels, values: energies)
    }

    /// One frame: remove its DC, pre-emphasise (the first sample against itself), window,
    /// zero-pad to nFFT.
    private func prepareFrame(_ source: UnsafePointer<Float>, window: UnsafePointer<Float>, into buffer: UnsafeMutablePointer<Float>) {
        let n = windowLength
        let mean = vectorSum(source, count: n) / Float(n)
        var previous = source[0] - mean
        for i in 0 ..< n {
            let current = source[i] - mean
            buffer[i] = (current - Self.preemphasis * previous) * window[i]
            previous = current
        }
        for i in n ..< nFFT { buffer[i] = 0 }
    }
}
