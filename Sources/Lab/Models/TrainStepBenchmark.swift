import Foundation

/// Times full training steps (forward, BCE-with-logits, backward, AdamW) of a benchmark model
/// on random inputs, the Swift side of `ablations bench train-step` (the PyTorch side is
/// Fixtures/reference/models/bench_train_step.py, which builds the same two models).
public enum TrainStepBenchmark {
    /// The two benchmark models of issue 5.
    public enum Model: String, CaseIterable, Sendable {
        /// EfficientNet-B0, 1 input channel, 206 classes, input [1, 128, 256].
        case effnetB0 = "effnet-b0"
        /// ViT patch 16, 192 wide, 4 deep, 3 heads, input [1, 512, 128], fc_norm(mean) + Linear(192, 206).
        case vitTiny = "vit-tiny"

        public var config: ModelConfig {
            switch self {
            case .effnetB0: return .efficientNet(.b0(frames: 128, bins: 256, classes: 206))
            case .vitTiny: return .vit(ViTConfig(frames: 512, bins: 128, width: 192, depth: 4, heads: 3, headWidths: [], headDropouts: [0], classes: 206))
            }
        }
    }

    public struct Result: Sendable {
        /// Wall seconds of each timed step (warm-up excluded).
        public var stepSeconds: [Double]
        /// batch / median step time.
        public var samplesPerSecond: Double
        /// Process CPU seconds (user + system, all threads) per timed step.
        public var cpuSecondsPerStep: Double
        /// The process's peak resident set (VmHWM) after the steps, MiB.
        public var peakRSSMiB: Double
        public var parameterCount: Int
    }

    /// Runs `warmup + steps` steps with batch `batch`; `progress` is called after each step.
    public static func run(_ model: Model, batch: Int, steps: Int, warmup: Int = 1, seed: UInt64 = 0,
                           progress: (Int) -> Void = { _ in }) -> Result {
        var rng = SeededGenerator(seed: seed)
        let net = model.config.make(rng: &rng, stream: RandomStream(rng.split("stream")))
        net.train()
        let (frames, bins) = net.inputSize
        var data = rng.split("data")
        let x = Tensor(shape: [batch, 1, frames, bins], values: (0 ..< batch * frames * bins).map { _ in Float(data.normal()) })
        let y = Tensor(shape: [batch, net.classes], values: (0 ..< batch * net.classes).map { _ in data.uniform() < 0.05 ? 1 : 0 })
        let optimizer = AdamW(net.parameterGroups(encoderLR: 1e-3, headLR: 1e-3, weightDecay: 0.01))
        var times: [Double] = []
        var cpuStart = 0.0
        for i in 0 ..< warmup + steps {
            if i == warmup { cpuStart = processCPUSeconds() }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let loss = bceWithLogits(net(x), y)
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            if i >= warmup { times.append(dt) }
            progress(i + 1)
        }
        let cpu = (processCPUSeconds() - cpuStart) / Double(max(steps, 1))
        let sorted = times.sorted()
        let median = sorted.isEmpty ? .nan : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
        return Result(stepSeconds: times, samplesPerSecond: Double(batch) / median, cpuSecondsPerStep: cpu, peakRSSMiB: peakResidentMiB(),
                      parameterCount: net.parameterCount)
    }

    /// User + system CPU seconds of this process so far (getrusage).
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let t = { (v: timeval) in Double(v.tv_sec) + Double(v.tv_usec) / 1e6 }
        return t(usage.ru_utime) + t(usage.ru_stime)
    }

    /// VmHWM of this process from /proc/self/status, MiB (NaN where unavailable).
    public static func peakResidentMiB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kib = Double(fields[1]) { return kib / 1024 }
        }
        return .nan
    }
}
