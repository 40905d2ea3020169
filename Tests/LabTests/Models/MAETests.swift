import Foundation
import Testing
@testable import Lab

@Suite struct MAETests {
    @Test func maskingKeepsAndHidesDisjointTokens() {
        var rng = SeededGenerator(seed: 11)
        let m = RandomMasking(batch: 3, tokens: 16, ratio: 0.75, rng: &rng)
        #expect(m.keep == 4 && m.kept.count == 12 && m.masked.count == 36)
        for b in 0 ..< 3 {
            let all = Set(m.kept[b * 4 ..< b * 4 + 4]).union(m.masked[b * 12 ..< b * 12 + 12])
            #expect(all == Set(0 ..< 16))
        }
        #expect(m.kept[0 ..< 4] != m.kept[4 ..< 8])   // per-sample masks
        let ind = m.maskIndicator(batch: 3)
        #expect(ind.values.reduce(0, +) == 36)
    }

    @Test func normalizedTargetsHaveZeroMeanUnitUnbiasedVariance() {
        var rng = SeededGenerator(seed: 2)
        let enc = ViTEncoder(ViTConfig(frames: 32, bins: 32, width: 16, depth: 1, heads: 2, classes: 2), rng: &rng)
        let mae = MAEPretrainer(encoder: enc, config: MAEConfig(decoderWidth: 8, decoderDepth: 1, decoderHeads: 2), rng: &rng, stream: RandomStream(rng))
        let t = mae.reconstructionTargets(randomTensor([2, 1, 32, 32], seed: 3, 0, 5))
        #expect(t.shape == [2, 4, 256])
        let row = Array(t.values[256 ..< 512])
        let mu = row.reduce(0, +) / 256
        let v = row.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / 255
        #expect(abs(mu) < 1e-5 && abs(v - 1) < 1e-3)
        let names = mae.stateDict().map(\.0)
        #expect(names.contains("mask_token") && names.contains("decoder_pos_embed") && names.contains("decoder_blocks.0.attn.qkv.weight")
                && names.contains("decoder_pred.weight") && names.contains("blocks.0.norm1.weight") && names.contains("cls_token"))
    }

    /// Log-mel images of real recordings (../shared/audio/real-mini) when present, else of
    /// synthetic chirps made here, through the Kaldi fbank front end at 20 ms hop and 64 bins.
    static func spectrogramBatch(count: Int, frames: Int, bins: Int) throws -> Tensor {
        let frontEnd = FrontEnd(kind: .fbank, nFFT: 1024, windowLength: 800, hop: 640, nMels: bins, fmin: 20, fmax: 16_000, frames: frames)
        let nextToRepository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/audio/real-mini/train_audio")
        var clips: [[Float]] = []
        let shared = ProcessInfo.processInfo.environment["MODELS_TEST_SHARED"].map { URL(fileURLWithPath: $0) } ?? nextToRepository
        if let species = try? FileManager.default.contentsOfDirectory(atPath: shared.path) {
            for s in species.sorted() {
                let dir = shared.appendingPathComponent(s)
                for f in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where clips.count < count {
                    if let a = try? AudioFile.read(dir.appendingPathComponent(f), duration: 5), a.count > 32_000 { clips.append(a) }
                }
            }
        }
        var rng = SeededGenerator(seed: 21)
        print("MAE test images: \(clips.count) real-mini recordings, \(count - min(clips.count, count)) generated chirps")
        while clips.count < count {   // chirps: rising / falling tones with harmonics over weak noise
            let f0 = rng.uniform(500, 4000), f1 = rng.uniform(500, 8000), start = rng.uniform(0, 2)
            clips.append((0 ..< 160_000).map { i in
                let t = Double(i) / 32_000, u = max(0, min(1, (t - start) / 1.5))
                let phase = 2 * Double.pi * (f0 * t + (f1 - f0) * u * u / 2 * 1.5)
                let on = t >= start && t < start + 1.5 ? 1.0 : 0.0
                return Float(on * (0.5 * sin(phase) + 0.2 * sin(2 * phase)) + 0.01 * rng.normal())
            })
        }
        let values = clips.prefix(count).flatMap { frontEnd($0).values }
        return Tensor(shape: [count, 1, frames, bins], values: values)
    }

    @Test func reconstructionLossFallsOnAudio() throws {
        let images = try Self.spectrogramBatch(count: 8, frames: 128, bins: 64)
        var rng = SeededGenerator(seed: 7)
        let config = ViTConfig(frames: 128, bins: 64, width: 64, depth: 2, heads: 2, classes: 3)
        let encoder = ViTEncoder(config, rng: &rng)
        let mae = MAEPretrainer(encoder: encoder, config: MAEConfig(decoderWidth: 32, decoderDepth: 1, decoderHeads: 2),
                                rng: &rng, stream: RandomStream(rng.split("mask")))
        let opt = AdamW([ParameterGroup(mae.namedParameters(), lr: 2e-3, weightDecay: 1e-4)], betas: (0.9, 0.95))
        var losses: [Float] = []
        for _ in 0 ..< 40 {
            let loss = mae.loss(images)
            losses.append(loss.item())
            loss.backward()
            clipGradNorm(mae.parameters(), maxNorm: 1)
            opt.step(); opt.zeroGrad()
        }
        let first = losses.prefix(5).reduce(0, +) / 5, last = losses.suffix(5).reduce(0, +) / 5
        print("MAE reconstruction loss, mean of first / last 5 steps: \(first) → \(last)")
        #expect(last < 0.8 * first, "MAE loss \(first) → \(last)")
        // The pretrained encoder is the classifier's encoder (same tensors).
        var headRNG = SeededGenerator(seed: 8)
        let classifier = ViTClassifier(encoder: encoder, rng: &headRNG, stream: RandomStream(headRNG))
        #expect(classifier.encoder.blocks[0].attn.qkv.weight === mae.encoder.blocks[0].attn.qkv.weight)
        #expect(classifier(images).shape == [8, 3])
    }
}
