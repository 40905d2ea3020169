import CFFTW
import Foundation

/// Real FFTs of any size through FFTW, with plans made once per size and shared by threads.
///
/// Local to the waveform augmentations (phase vocoder) until the features layer's FFT plan cache
/// is on main; then this file should go and the phase vocoder use that one (dedup note).
/// Plans are created with FFTW_UNALIGNED, so they run on any buffers through the new-array
/// execute functions, which FFTW documents as thread-safe; planning itself happens under a lock
/// after `fftwf_make_planner_thread_safe()`.
final class WaveformAugmentFFT: @unchecked Sendable {
    static let shared = WaveformAugmentFFT()
    private let lock = NSLock()
    private var forwardPlans: [Int: OpaquePointer] = [:]
    private var inversePlans: [Int: OpaquePointer] = [:]

    private init() { fftwf_make_planner_thread_safe() }

    /// r2c transform of `input` (count n) into interleaved complex `output` (count 2·(n/2 + 1)).
    func forward(_ input: UnsafeMutablePointer<Float>, _ output: UnsafeMutablePointer<Float>, n: Int) {
        let plan = self.plan(n, inverse: false)
        output.withMemoryRebound(to: fftwf_complex.self, capacity: n / 2 + 1) { fftwf_execute_dft_r2c(plan, input, $0) }
    }

    /// Unnormalized c2r transform (the result is n times numpy's irfft). Overwrites `input`.
    func inverse(_ input: UnsafeMutablePointer<Float>, _ output: UnsafeMutablePointer<Float>, n: Int) {
        let plan = self.plan(n, inverse: true)
        input.withMemoryRebound(to: fftwf_complex.self, capacity: n / 2 + 1) { fftwf_execute_dft_c2r(plan, $0, output) }
    }

    private func plan(_ n: Int, inverse: Bool) -> OpaquePointer {
        lock.lock(); defer { lock.unlock() }
        if let p = inverse ? inversePlans[n] : forwardPlans[n] { return p }
        let real = fftwf_alloc_real(n)!
        let complex = fftwf_alloc_complex(n / 2 + 1)!
        defer { fftwf_free(real); fftwf_free(complex) }
        let flags = UInt32(FFTW_ESTIMATE) | UInt32(FFTW_UNALIGNED)
        let p: OpaquePointer = inverse ? fftwf_plan_dft_c2r_1d(Int32(n), complex, real, flags)!
                                      : fftwf_plan_dft_r2c_1d(Int32(n), real, complex, flags)!
        if inverse { inversePlans[n] = p } else { forwardPlans[n] = p }
        return p
    }
}
