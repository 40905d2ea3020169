import Dispatch
import Foundation

/// The metrics benchmark: random data shaped like the study's evaluation (rows × 206 species),
/// the Swift timing, and the scikit-learn script timing the same four metrics on the same numbers.
public enum MetricsBench {
    /// Random targets (per-class prevalence 0.5–5 %, at least one positive and one negative per
    /// class) and weakly informative scores (float32 values in [0, 1]), from `seed`.
    public static func randomCase(rows: Int, classes: Int, seed: UInt64) -> (targets: ClassColumns, scores: ClassColumns) {
        precondition(rows >= 2)
        var g = SeededGenerator(seed: seed).split("metrics-bench")
        var targets = [Double](repeating: 0, count: rows * classes)
        var scores = [Double](repeating: 0, count: rows * classes)
        for c in 0 ..< classes {
            let prevalence = g.uniform(0.005, 0.05)
            let base = c * rows
            for r in 0 ..< rows { targets[base + r] = g.bernoulli(prevalence) ? 1 : 0 }
            targets[base + g.index(rows / 2)] = 1
            targets[base + rows / 2 + g.index(rows - rows / 2)] = 0
            for r in 0 ..< rows {
                scores[base + r] = Double(Float(min(1, 0.35 * targets[base + r] + 0.65 * g.uniform())))
            }
        }
        return (ClassColumns(rows: rows, classes: classes, values: targets),
                ClassColumns(rows: rows, classes: classes, values: scores))
    }

    /// Median wall time in seconds of `scoreMultiLabel` (samples F1, micro F1, macro AUC and cmAP,
    /// plus per-class AUC/AP) over `runs` runs after one warm-up, and the summary it computed.
    public static func timeSwift(targets: ClassColumns, scores: ClassColumns, runs: Int) -> (seconds: Double, summary: MetricSummary) {
        var summary = scoreMultiLabel(targets: targets, scores: scores, thresholds: .scalar(0.5))
        var times: [Double] = []
        for _ in 0 ..< max(runs, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            summary = scoreMultiLabel(targets: targets, scores: scores, thresholds: .scalar(0.5))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (percentile(times.sorted(), 0.5) ?? 0, summary)
    }

    /// Median seconds of the parts, single-threaded: samples F1, micro F1, and building every
    /// class's ranking plus its AUC and AP.
    public static func timeParts(targets: ClassColumns, scores: ClassColumns, runs: Int) -> (samplesF1: Double, microF1: Double, rankings: Double) {
        func median(_ body: () -> Void) -> Double {
            body()
            var times: [Double] = []
            for _ in 0 ..< max(runs, 1) {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return percentile(times.sorted(), 0.5) ?? 0
        }
        var sink = 0.0
        let a = median { sink += samplesF1(targets: targets, scores: scores, thresholds: .scalar(0.5)) }
        let b = median { sink += microF1(targets: targets, scores: scores, thresholds: .scalar(0.5)) }
        let c = median {
            for k in 0 ..< targets.classes {
                let ranking = ClassRanking(targets: targets, scores: scores, class: k)
                sink += (rocAUC(ranking) ?? 0) + (averagePrecision(ranking) ?? 0)
            }
        }
        if sink.isNaN { print("") }  // keeps the work observable
        return (a, b, c)
    }

    /// Row-major little-endian float64 bytes of a column-major matrix, for NumPy's `fromfile`.
    public static func rowMajorBytes(_ m: ClassColumns) -> Data {
        var rowMajor = [Double](repeating: 0, count: m.rows * m.classes)
        for c in 0 ..< m.classes {
            for r in 0 ..< m.rows { rowMajor[r * m.classes + c] = m.values[c * m.rows + r] }
        }
        return rowMajor.withUnsafeBytes { Data($0) }
    }

    /// Python script: argv = targets.f64 scores.f64 rows classes runs. Times scikit-learn's
    /// samples F1, micro F1 (both at 0.5, zero_division=0), macro ROC-AUC and macro AP on the same
    /// matrices (one warm-up, then medians over runs) and prints one JSON object with the medians
    /// (seconds) and the values.
    public static let sklearnScript = #"""
    import json, sys, time, warnings
    import numpy as np, sklearn
    from sklearn.metrics import average_precision_score, f1_score, roc_auc_score
    warnings.filterwarnings("ignore")
    rows, classes, runs = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    Y = np.fromfile(sys.argv[1], dtype="<f8").reshape(rows, classes)
    S = np.fromfile(sys.argv[2], dtype="<f8").reshape(rows, classes)
    Yb = (Y >= 0.5).astype(int)
    def four():
        t = [time.perf_counter()]
        v = [f1_score(Yb, S >= 0.5, average="samples", zero_division=0)]; t.append(time.perf_counter())
        v.append(f1_score(Yb, S >= 0.5, average="micro", zero_division=0)); t.append(time.perf_counter())
        v.append(roc_auc_score(Yb, S, average="macro")); t.append(time.perf_counter())
        v.append(average_precision_score(Yb, S, average="macro")); t.append(time.perf_counter())
        return [b - a for a, b in zip(t, t[1:])], [float(x) for x in v]
    four()
    times = []
    for _ in range(runs):
        ts, values = four()
        times.append(ts)
    times = np.array(times)
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__,
        "samples_f1_s": float(np.median(times[:, 0])), "micro_f1_s": float(np.median(times[:, 1])),
        "macro_auc_s": float(np.median(times[:, 2])), "cmap_s": float(np.median(times[:, 3])),
        "total_s": float(np.median(times.sum(axis=1))),
        "samples_f1": values[0], "micro_f1": values[1], "macro_auc": values[2], "cmap": values[3]}))
    """#
}
