import COpenBLAS

/// Triangular mel filters as a dense [mels, bins] matrix, applied to power spectra with
/// `cblas_sgemm`. Each filter touches a short run of bins, so the product is done per block of
/// filters over only the bins that block touches (same sums, far fewer multiplies).
struct MelFilterbank: Sendable {
    let mels: Int
    let bins: Int
    /// [mels, bins] row-major.
    let weights: [Float]
    /// Per block of filters: first filter, filter count, first bin, bin count.
    private let blocks: [(mel: Int, count: Int, bin: Int, width: Int)]

    init(mels: Int, bins: Int, weights: [Float], blockSize: Int = 8) {
        precondition(weights.count == mels * bins)
        self.mels = mels
        self.bins = bins
        self.weights = weights
        var blocks: [(Int, Int, Int, Int)] = []
        var start = 0
        while start < mels {
            let count = min(blockSize, mels - start)
            var lo = bins, hi = -1
            for m in start ..< start + count {
                for k in 0 ..< bins where weights[m * bins + k] != 0 {
                    lo = min(lo, k); hi = max(hi, k)
                }
            }
            if hi >= lo { blocks.append((start, count, lo, hi - lo + 1)) } else { blocks.append((start, count, 0, 0)) }
            start += count
        }
        self.blocks = blocks
    }

    /// librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney'):
    /// slaney-scale triangles between FFT bin frequencies, area-normalised by 2 / (f[m+2] − f[m]).
    static func slaney(sampleRate: Int, nFFT: Int, mels: Int, fmin: Double, fmax: Double) -> MelFilterbank {
        let bins = nFFT / 2 + 1
        let scale = MelScale.slaney
        let lo = scale.mel(fmin), hi = scale.mel(fmax)
        let edges = (0 ..< mels + 2).map { scale.hz(lo + (hi - lo) * Double($0) / Double(mels + 1)) }
        let frequencies = (0 ..< bins).map { Double(sampleRate) / 2 * Double($0) / Double(bins - 1) }
        var weights = [Float](repeating: 0, count: mels * bins)
        for m in 0 ..< mels {
            let lower = edges[m + 1] - edges[m], upper = edges[m + 2] - edges[m + 1]
            let norm = 2 / (edges[m + 2] - edges[m])
            for k in 0 ..< bins {
                let rising = (frequencies[k] - edges[m]) / lower
                let falling = (edges[m + 2] - frequencies[k]) / upper
                weights[m * bins + k] = Float(max(0, min(rising, falling)) * norm)
            }
        }
        return MelFilterbank(mels: mels, bins: bins, weights: weights)
    }

    /// torchaudio.compliance.kaldi.get_mel_banks (no VTLN): triangles on 1127·ln(1 + f/700)
    /// between `fmin` and `fmax`, evaluated at the mel of each bin frequency; the Nyquist bin is 0.
    static func kaldi(sampleRate: Int, nFFT: Int, mels: Int, fmin: Double, fmax: Double) -> MelFilterbank {
        let bins = nFFT / 2 + 1
        let scale = MelScale.kaldi
        let lo = scale.mel(fmin), hi = scale.mel(fmax)
        let delta = (hi - lo) / Double(mels + 1)
        let binWidth = Double(sampleRate) / Double(nFFT)
        let binMels = (0 ..< bins - 1).map { scale.mel(binWidth * Double($0)) }
        var weights = [Float](repeating: 0, count: mels * bins)
        for m in 0 ..< mels {
            let left = lo + Double(m) * delta, center = left + delta, right = center + delta
            for k in 0 ..< bins - 1 {
                let mel = binMels[k]
                let up = (mel - left) / (center - left), down = (right - mel) / (right - center)
                weights[m * bins + k] = Float(max(0, min(up, down)))
            }
        }
        return MelFilterbank(mels: mels, bins: bins, weights: weights)
    }

    /// out [frames, mels] = power [frames, bins] · weightsᵀ.
    func apply(power: UnsafePointer<Float>, frames: Int, into out: UnsafeMutablePointer<Float>) {
        guard frames > 0 else { return }
        weights.withUnsafeBufferPointer { w in
            for block in blocks {
                if block.width == 0 {
                    for t in 0 ..< frames { for m in 0 ..< block.count { out[t * mels + block.mel + m] = 0 } }
                    continue
                }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(frames), Int32(block.count), Int32(block.width),
                            1, power + block.bin, Int32(bins),
                            w.baseAddress! + block.mel * bins + block.bin, Int32(bins),
                            0, out + block.mel, Int32(mels))
            }
        }
    }
}
