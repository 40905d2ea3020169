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
        /// The `default` suite's ViT: 64 wide, 2 deep, 2 heads, head 64-32, input [1, 256, 64], 24 classes
        /// (a test checks it equals what ModelBuilder makes of the suite's `audio-only` row).
        case vitDefault = "vit-default"
        /// The `default` suite's EfficientNet: width 0.25, depth 0.25, input [1, 256, 64], 24 classes.
        case effnetDefault = "effnet-default"

        public var config: ModelConfig {
            switch self {
            case .effnetB0: return .efficientNet(.b0(frames: 128, bins: 256, classes: 206))
            case .vitTiny: return .vit(ViTConfig(frames: 512, bins: 128, width: 192, depth: 4, heads: 3, headWidths: [], headDropouts: [0], classes: 206))
            case .vitDefault:
                return .vit(ViTConfig(frames: 256, bins: 64, width: 64, depth: 2, heads: 2, headWidths: [64, 32], headDropouts: [0, 0, 0], classes: 24))
            case .effnetDefault:
                return .efficientNet(EfficientNetConfig(frames: 256, bins: 64, classes: 24, widthMultiplier: 0.25, depthMultiplier: 0.25,
                                                        dropout: 0.2, dropPath: 0.2))
            }
        }
    }

    /// Wall and process CPU seconds (all threads) of one step.
    public struct StepTime: Sendable {
        public var seconds: Double
        public var cpuSeconds: Double
        public init(seconds: Double, cpuSeconds: Double) { self.seconds = seconds; self.cpuSeconds = cpuSeconds }
    }

    /// A model, a fixed random batch and an AdamW optimizer, ready to take timed steps.
    public final class Session {
        public let batch: Int
        public let parameterCount: Int
        private let net: any Classifier
        private let x: Tensor, y: Tensor
        private let optimizer: AdamW

        public convenience init(_ model: Model, batch: Int, seed: UInt64 = 0) {
            self.init(config: model.config, batch: batch, seed: seed)
        }

        /// Any classifier config (the cost plan times each suite row's model this way).
        public init(config: ModelConfig, batch: Int, seed: UInt64 = 0) {
            var rng = SeededGenerator(seed: seed)
            net = config.make(rng: &rng, stream: RandomStream(rng.split("stream")))
            net.train()
            let (frames, bins) = net.inputSize
            var data = rng.split("data")
            x = Tensor(shape: [batch, 1, frames, bins], values: (0 ..< batch * frames * bins).map { _ in Float(data.normal()) })
            y = Tensor(shape: [batch, net.classes], values: (0 ..< batch * net.classes).map { _ in data.uniform() < 0.05 ? 1 : 0 })
            optimizer = AdamW(net.parameterGroups(encoderLR: 1e-3, headLR: 1e-3, weightDecay: 0.01))
            self.batch = batch
            parameterCount = net.parameterCount
        }

        /// One full step: forward, BCE with logits, backward, AdamW update.
        public func step() -> StepTime {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = processCPUSeconds()
            let loss = bceWithLogits(net(x), y)
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
            return StepTime(seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, cpuSeconds: processCPUSeconds() - c0)
        }
    }

    /// The median of `values` (NaN when empty).
    public static func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) ?? .nan }

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
