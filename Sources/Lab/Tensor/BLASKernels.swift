import COpenBLAS
import Foundation

/// Makes OpenBLAS use the kernels this CPU supports.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent Intel CPUs and falls back to its generic
/// "Prescott" (SSE3) kernels, ~10× slower for sgemm than its AVX-512 ones. When the library
/// picked a generic core, the user did not set `OPENBLAS_CORETYPE`, and /proc/cpuinfo shows
/// AVX-512 (or AVX2 + FMA), this re-runs OpenBLAS's own dynamic-arch selection with
/// `OPENBLAS_CORETYPE=SkylakeX` (or `Haswell`). Runs once, before the first GEMM.
///
/// OpenBLAS runs single-threaded: the engine splits large products over its own pool (`sgemm`),
/// so OpenBLAS's worker threads, which would compete with the pool for the cores, never start work.
public enum BLASKernels {
    /// The OpenBLAS core in use after the check (e.g. "SkylakeX").
    public static var coreName: String { _ = selected; return String(cString: openblas_get_corename()) }

    static let selected: Bool = {
        let switched = selectCore()
        openblas_set_num_threads(1)
        return switched
    }()

    private static func selectCore() -> Bool {
        let generic: Set<String> = ["Prescott", "Core2", "Nehalem", "Penryn", "Dunnington", "Katmai", "Coppermine", "Northwood", "Banias"]
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              generic.contains(String(cString: openblas_get_corename())),
              let flags = cpuFlags() else { return false }
        let core: String
        if flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl") && flags.contains("avx512dq") {
            core = "SkylakeX"
        } else if flags.contains("avx2") && flags.contains("fma") {
            core = "Haswell"
        } else {
            return false
        }
        typealias Hook = @convention(c) () -> Void
        guard let quit = dlsym(nil, "gotoblas_dynamic_quit"),
              let initialise = dlsym(nil, "gotoblas_dynamic_init")
        else { return false }
        setenv("OPENBLAS_CORETYPE", core, 1)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(initialise, to: Hook.self)()
        return true
    }

    private static func cpuFlags() -> Set<Substring>? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        return Set(line.split(separator: " "))
    }
}
