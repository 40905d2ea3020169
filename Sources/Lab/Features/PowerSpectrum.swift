import CFFTW
import Foundation

/// Power spectra |rfft(x)|² of many frames of one FFT size, through a cached FFTW plan.
///
/// Plans are made once per size (FFTW_ESTIMATE) under a lock and shared by all threads; each call
/// executes them with the new-array interface on its own aligned buffers, which FFTW allows from
/// any thread at once.
struct PowerSpectrum {
    /// FFT length (any size; powers of two are fastest).
    let size: Int
    /// Bins per spectrum: `size / 2 + 1`.
    var bins: Int { size / 2 + 1 }

    /// Fills `power` [frames, bins] with the power spectrum of each frame; `fill(t, buffer)` writes
    /// frame `t`'s `size` samples (already windowed and zero-padded) into `buffer`.
    func compute(frames: Int, into power: UnsafeMutablePointer<Float>,
                 fill: (Int, UnsafeMutablePointer<Float>) -> Void) {
        let plan = FFTPlans.shared.realForward(size: size)
        let input = fftwf_alloc_real(size)!
        let output = fftwf_alloc_complex(bins)!
        defer { fftwf_free(input); fftwf_free(output) }
        let bins = self.bins
        output.withMemoryRebound(to: Float.self, capacity: 2 * bins) { spectrum in
            for t in 0 ..< frames {
                fill(t, input)
                fftwf_execute_dft_r2c(plan, input, output)
                let row = power + t * bins
                for k in 0 ..< bins {
                    let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                    row[k] = re * re + im * im
                }
            }
        }
    }
}

/// The process-wide cache of FFTW real-to-complex plans, one per size.
final class FFTPlans: @unchecked Sendable {
    static let shared = FFTPlans()
    private var plans: [Int: OpaquePointer] = [:]
    private let lock = NSLock()

    private init() {
        fftwf_make_planner_thread_safe()
    }

    /// The forward real FFT plan of length `size`, made on first use.
    func realForward(size: Int) -> OpaquePointer {
        lock.lock(); defer { lock.unlock() }
        if let plan = plans[size] { return plan }
        let input = fftwf_alloc_real(size)!
        let output = fftwf_alloc_complex(size / 2 + 1)!
        defer { fftwf_free(input); fftwf_free(output) }
        // FFTW_ESTIMATE, not FFTW_MEASURE: MEASURE picks the algorithm by timing it, so two processes
        // on the same machine could get plans that round differently, and features (hence feature
        // caches and every metric trained on them) would differ between runs of the same job.
        let plan = fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))!
        plans[size] = plan
        return plan
    }
}
