import Foundation

/// librosa.feature.melspectrogram(y, sr, n_fft, hop_length, win_length, window='hann',
/// center=True, pad_mode='constant', power=2.0, n_mels, fmin, fmax, htk=False, norm='slaney'),
/// returned transposed: [frames, mels].
struct MelSpectrogram: Sendable {
    let nFFT: Int
    let hop: Int
    /// The analysis window (periodic Hann of win_length) zero-padded to nFFT, centred.
    let window: [Float]
    let filters: MelFilterbank

    init(sampleRate: Int, nFFT: Int, windowLength: Int, hop: Int, mels: Int, fmin: Double, fmax: Double) {
        precondition(nFFT >= windowLength && windowLength > 0 && hop > 0, "MelSpectrogram: bad frame sizes")
        self.nFFT = nFFT
        self.hop = hop
        var padded = [Float](repeating: 0, count: nFFT)
        let left = (nFFT - windowLength) / 2
        for (i, c) in Window.hannPeriodic.coefficients(windowLength).enumerated() { padded[left + i] = c }
        window = padded
        filters = MelFilterbank.slaney(sampleRate: sampleRate, nFFT: nFFT, mels: mels, fmin: fmin, fmax: fmax)
    }

    /// Centred frames: 1 + n / hop.
    func frameCount(samples: Int) -> Int { 1 + samples / hop }

    /// Mel power spectrogram [frames, mels].
    func callAsFunction(_ samples: [Float]) -> FeatureMatrix {
        let frames = frameCount(samples: samples.count)
        let spectrum = PowerSpectrum(size: nFFT)
        let bins = spectrum.bins
        var power = [Float](repeating: 0, count: frames * bins)           // [frames, bins]
        var mel = [Float](repeating: 0, count: frames * filters.mels)      // [frames, mels]
        let n = samples.count, pad = nFFT / 2
        samples.withUnsafeBufferPointer { x in
            window.withUnsafeBufferPointer { w in
                power.withUnsafeMutableBufferPointer { p in
                    spectrum.compute(frames: frames, into: p.baseAddress!) { t, buffer in
                        // Frame t covers padded samples [t·hop, t·hop + nFFT), i.e. signal
                        // samples from t·hop − nFFT/2; outside the signal is zero.
                        let start = t * hop - pad
                        if start >= 0 && start + nFFT <= n {
                            for i in 0 ..< nFFT { buffer[i] = x[start + i] * w[i] }
                        } else {
                            for i in 0 ..< nFFT {
                                let j = start + i
                                buffer[i] = j >= 0 && j < n ? x[j] * w[i] : 0
                            }
                        }
                    }
                }
            }
        }
        power.withUnsafeBufferPointer { p in
            mel.withUnsafeMutableBufferPointer { m in
                filters.apply(power: p.baseAddress!, frames: frames, into: m.baseAddress!)
            }
        }
        return FeatureMatrix(frames: frames, bins: filters.mels, values: mel)
    }
}
