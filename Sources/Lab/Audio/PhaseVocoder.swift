import Foundation

/// Time stretching and pitch shifting as librosa 0.11 does them: STFT (n_fft 2048, hop 512,
/// periodic Hann, centred with zero padding) → phase vocoder → inverse STFT (overlap-add divided
/// by the window's sum of squares); pitch shift = time stretch by 2^(−steps/12) followed by
/// libsoxr resampling back to the original rate (librosa's default res_type "soxr_hq").
/// Tested against librosa output in Fixtures/data.
public enum PhaseVocoder {
    public static let nFFT = 2048
    public static let hop = 512

    /// `librosa.effects.time_stretch(x, rate=rate)`: output length round(count / rate).
    public static func timeStretch(_ x: [Float], rate: Double) -> [Float] {
        precondition(rate > 0, "stretch rate must be positive")
        if x.isEmpty { return x }
        let spectrum = stft(x)
        let stretched = vocode(spectrum, rate: rate)
        return istft(stretched, length: Int((Double(x.count) / rate).rounded()))
    }

    /// `librosa.effects.pitch_shift(x, sr=sampleRate, n_steps=steps)`: same length as `x`.
    public static func pitchShift(_ x: [Float], semitones steps: Double, sampleRate: Int) throws -> [Float] {
        let rate = pow(2, -steps / 12)
        let stretched = timeStretch(x, rate: rate)
        // Resample from sampleRate / rate to sampleRate; rates scaled by 1000 to keep the ratio exact
        // to 1e-8 with libsoxr's integer interface here.
        var y = try Resampler.resample(stretched, from: Int((Double(sampleRate) * 1000 / rate).rounded()), to: sampleRate * 1000)
        if y.count < x.count { y.append(contentsOf: repeatElement(0, count: x.count - y.count)) }
        if y.count > x.count { y.removeLast(y.count - x.count) }
        return y
    }

    /// Complex spectrogram [frames][bins] as separate real and imaginary planes.
    struct Spectrum {
        var frames: Int
        var bins: Int
        var re: [Float]   // [frames, bins]
        var im: [Float]   // [frames, bins]
    }

    static let window: [Float] = (0 ..< nFFT).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(nFFT))) }

    static func stft(_ x: [Float]) -> Spectrum {
        let pad = nFFT / 2
        var padded = [Float](repeating: 0, count: x.count + 2 * pad)
        padded.replaceSubrange(pad ..< pad + x.count, with: x)
        let frames = 1 + (padded.count - nFFT) / hop
        let bins = nFFT / 2 + 1
        var s = Spectrum(frames: frames, bins: bins, re: .init(repeating: 0, count: frames * bins), im: .init(repeating: 0, count: frames * bins))
        var frame = [Float](repeating: 0, count: nFFT)
        var out = [Float](repeating: 0, count: 2 * bins)
        for t in 0 ..< frames {
            for n in 0 ..< nFFT { frame[n] = padded[t * hop + n] * window[n] }
            frame.withUnsafeMutableBufferPointer { f in
                out.withUnsafeMutableBufferPointer { o in WaveformAugmentFFT.shared.forward(f.baseAddress!, o.baseAddress!, n: nFFT) }
            }
            for k in 0 ..< bins { s.re[t * bins + k] = out[2 * k]; s.im[t * bins + k] = out[2 * k + 1] }
        }
        return s
    }

    /// librosa.phase_vocoder: time steps 0, rate, 2·rate, … < frames; magnitudes interpolated,
    /// phases advanced by the measured instantaneous frequency.
    static func vocode(_ s: Spectrum, rate: Double) -> Spectrum {
        let bins = s.bins
        let steps = Int((Double(s.frames) / rate).rounded(.up))
        var out = Spectrum(frames: steps, bins: bins, re: .init(repeating: 0, count: steps * bins), im: .init(repeating: 0, count: steps * bins))
        let advance = (0 ..< bins).map { Double(hop) * Double.pi * Double($0) / Double(bins - 1) }
        var phase = (0 ..< bins).map { Float(atan2(Double(s.im[$0]), Double(s.re[$0]))) }
        func column(_ t: Int, _ k: Int) -> (Float, Float) {
            t < s.frames ? (s.re[t * bins + k], s.im[t * bins + k]) : (0, 0)  // zero-padded by 2 frames
        }
        for t in 0 ..< steps {
            let step = Double(t) * rate
            guard step < Double(s.frames) else { break }
            let i = Int(step), alpha = Float(step - Double(i))
            for k in 0 ..< bins {
                let (r0, i0) = column(i, k), (r1, i1) = column(i + 1, k)
                let mag = (1 - alpha) * (r0 * r0 + i0 * i0).squareRoot() + alpha * (r1 * r1 + i1 * i1).squareRoot()
                out.re[t * bins + k] = mag * cos(phase[k])
                out.im[t * bins + k] = mag * sin(phase[k])
                var dphase = Double(atan2(i1, r1)) - Double(atan2(i0, r0)) - advance[k]
                dphase -= 2 * Double.pi * (dphase / (2 * Double.pi)).rounded(.toNearestOrEven)
                phase[k] = Float(Double(phase[k]) + advance[k] + dphase)
            }
        }
        return out
    }

    /// librosa.istft(centre = true, length = length).
    static func istft(_ s: Spectrum, length: Int) -> [Float] {
        let pad = nFFT / 2
        let frames = min(s.frames, Int((Double(length + 2 * pad) / Double(hop)).rounded(.up)))
        let total = nFFT + hop * (frames - 1)
        var y = [Float](repeating: 0, count: total)
        var windowSum = [Float](repeating: 0, count: total)
        var spectrum = [Float](repeating: 0, count: 2 * s.bins)
        var frame = [Float](repeating: 0, count: nFFT)
        let scale = 1 / Float(nFFT)
        for t in 0 ..< frames {
            for k in 0 ..< s.bins { spectrum[2 * k] = s.re[t * s.bins + k]; spectrum[2 * k + 1] = s.im[t * s.bins + k] }
            spectrum.withUnsafeMutableBufferPointer { c in
                frame.withUnsafeMutableBufferPointer { f in WaveformAugmentFFT.shared.inverse(c.baseAddress!, f.baseAddress!, n: nFFT) }
            }
            for n in 0 ..< nFFT {
                y[t * hop + n] += frame[n] * scale * window[n]
                windowSum[t * hop + n] += window[n] * window[n]
            }
        }
        var out = [Float](repeating: 0, count: length)
        for n in 0 ..< length where pad + n < total {
            let w = windowSum[pad + n]
            out[n] = w > Float.leastNormalMagnitude ? y[pad + n] / w : y[pad + n]
        }
        return out
    }
}
