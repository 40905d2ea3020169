import Foundation

/// Makes OpenBLAS use the AVX2 / AVX-512 sgemm kernels on CPUs its runtime detection does not know.
///
/// On this machine kind (a VM reporting "Intel(R) Xeon(R) Processor") Debian's DYNAMIC_ARCH
/// OpenBLAS falls back to its Prescott (SSE3) kernel, 3–4× slower than SkylakeX / Haswell.
/// OpenBLAS reads `OPENBLAS_CORETYPE` only while the library loads, so when it is unset this
/// sets it from /proc/cpuinfo's flags (avx512f+bw+vl+dq → SkylakeX, avx2+fma → Haswell) and
/// re-executes the process with the same arguments. A no-op when the variable is already set,
/// the flags are unknown, or /proc is missing.
enum OpenBLASCoreType {
    static func reexecIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let core: String
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) { core = "SkylakeX" }
        else if flags.isSuperset(of: ["avx2", "fma"]) { core = "Haswell" }
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returns only on failure: carry on with the detected kernel.
    }
}
