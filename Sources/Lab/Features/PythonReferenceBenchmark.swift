import Foundation

/// Times librosa 0.11 (and torchaudio's Kaldi fbank, loaded by path) in a python3 child process
/// pinned to one thread, on clips of the same length, and librosa.load on given files; CPU time
/// of the measuring thread (`time.thread_time`), like the Swift side.
public enum PythonReferenceBenchmark {
    /// What the child measured: ms per clip by key, seconds of wall time per file for
    /// librosa.load(sr=32000), and the versions it ran.
    public struct Result: Sendable {
        public var msPerClip: [String: Double]
        public var loadSeconds: [String: Double]
        public var versions: String
    }

    /// Runs the measurement; the failure text says why when python3 / librosa is missing.
    public static func run(clips: Int, seconds: Double = 5, loadFiles: [URL] = []) -> Swift.Result<Result, BenchmarkUnavailable> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(clips), String(seconds)] + loadFiles.map(\.path)
        var environment = ProcessInfo.processInfo.environment
        for key in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"] { environment[key] = "1" }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .failure(BenchmarkUnavailable(reason: "python3 could not be started: \(error)")) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let last = errorText.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failure(BenchmarkUnavailable(reason: "python3 with librosa not usable: \(last)"))
        }
        return .success(Result(msPerClip: json["ms_per_clip"] as? [String: Double] ?? [:],
                               loadSeconds: json["load_seconds"] as? [String: Double] ?? [:],
                               versions: json["versions"] as? String ?? "?"))
    }

    static let script = #"""
import sys, time, json, types, importlib.util, os
import numpy as np
import librosa
n, seconds = int(sys.argv[1]), float(sys.argv[2])
files = sys.argv[3:]
rng = np.random.default_rng(2025)
sr = 32000
t = np.arange(int(sr * seconds)) / sr
clips = [(0.3 * np.sin(2 * np.pi * (500 + 300 * (i % 10)) * t) + 0.2 * np.sin(2 * np.pi * (800 + 900 * t) * t)
          + 0.05 * rng.standard_normal(len(t))).astype(np.float32) for i in range(n)]

def best_ms(f, passes=3):
    f(clips[0])
    best = float("inf")
    for _ in range(passes):
        start = time.thread_time()
        for y in clips:
            f(y)
        best = min(best, (time.thread_time() - start) * 1000 / len(clips))
    return best

def mel_db_cnn(y):
    y = y / np.max(np.abs(y))
    db = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr), ref=np.max, amin=1e-10, top_db=80)
    x = np.clip((db + 80) / 80, 0, 1).T
    return np.pad(x, ((0, max(0, 320 - x.shape[0])), (0, 0)))

out = {"ms_per_clip": {}, "load_seconds": {}}
out["ms_per_clip"]["librosa_mel_1024_320"] = best_ms(lambda y: librosa.feature.melspectrogram(y=y, sr=sr, n_fft=1024, hop_length=320, n_mels=128))
out["ms_per_clip"]["librosa_mel_default"] = best_ms(lambda y: librosa.feature.melspectrogram(y=y, sr=sr))
out["ms_per_clip"]["librosa_mel_db_cnn"] = best_ms(mel_db_cnn)
versions = f"librosa {librosa.__version__}, numpy {np.__version__}"
try:
    import torch
    torch.set_num_threads(1)
    sys.modules.setdefault("torchaudio", types.ModuleType("torchaudio"))
    path = os.path.join(os.path.dirname(torch.__file__), "..", "torchaudio", "compliance", "kaldi.py")
    spec = importlib.util.spec_from_file_location("kaldi", os.path.normpath(path))
    kaldi = importlib.util.module_from_spec(spec); spec.loader.exec_module(kaldi)
    def fbank(y):
        w = torch.from_numpy(y); w = w - w.mean()
        fb = kaldi.fbank(w.unsqueeze(0), htk_compat=True, sample_frequency=sr, use_energy=False,
                         window_type="hanning", num_mel_bins=128, dither=0.0, frame_shift=10)
        fb = torch.nn.functional.pad(fb, (0, 0, 0, 512 - fb.shape[0]), value=fb.min().item())
        return (fb + 7.2) / (2 * 4.43)
    with torch.no_grad():
        out["ms_per_clip"]["torchaudio_kaldi_fbank"] = best_ms(fbank)
    versions += f", torch {torch.__version__.split('+')[0]}"
except Exception as e:
    print(f"torchaudio kaldi fbank skipped: {e}", file=sys.stderr)
for f in files:
    librosa.load(f, sr=sr)
    best = float("inf")
    for _ in range(3):
        start = time.thread_time(); librosa.load(f, sr=sr); best = min(best, time.thread_time() - start)
    out["load_seconds"][f] = best
out["versions"] = versions
print(json.dumps(out))
"""#
}

/// A reference that could not be measured, and why.
public struct BenchmarkUnavailable: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
