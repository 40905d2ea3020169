import Foundation
import Testing
@testable import Lab

@Suite struct ViTTests {
    /// Matches make_vit_reference.py: frames 64, bins 32, patch 16, width 32, depth 2, heads 2, head 24-12, 5 classes.
    static let referenceConfig = ViTConfig(frames: 64, bins: 32, width: 32, depth: 2, heads: 2, headWidths: [24, 12], classes: 5)

    /// The classifier with make_vit_reference.py's encoder and head weights, and that script's io tensors.
    static func referenceModel() throws -> (ViTClassifier, [String: Tensor]) {
        var rng = SeededGenerator(seed: 1)
        let model = ViTClassifier(Self.referenceConfig, rng: &rng, stream: RandomStream(rng.split("stream")))
        try model.encoder.loadBirdMAE(from: ModelFixtures.url("vit_small_encoder.safetensors"))
        let (io, _) = try Safetensors.read(ModelFixtures.url("vit_small_io.safetensors"))
        try model.head.load(Dictionary(uniqueKeysWithValues: io.filter { $0.key.hasPrefix("head.") }.map { (String($0.key.dropFirst(5)), $0.value) }),
                            file: "vit_small_io.safetensors")
        return (model, io)
    }

    @Test func sinCosMatchesMAEReference() throws {
        let (tensors, _) = try Safetensors.read(ModelFixtures.url("vit_small_encoder.safetensors"))
        let reference = try #require(tensors["pos_embed"])
        let ours = sinCosPositionEmbedding(width: 32, rows: 4, columns: 2)
        #expect(reference.shape == [1, 9, 32])
        #expect(ModelFixtures.maxAbsDifference(ours, reference) < 1e-6)
    }

    @Test func sinCosLayoutFrequencyFirstHalfTimeSecondHalf() {
        // Bird-MAE grid: 32 time rows × 8 frequency columns; token n = row·8 + column (after CLS).
        let pe = sinCosPositionEmbedding(width: 768, rows: 32, columns: 8)
        #expect(pe.shape == [1, 257, 768])
        #expect(pe.values[0 ..< 768].allSatisfy { $0 == 0 })            // CLS row
        let token = { (r: Int, c: Int) in Array(pe.values[(1 + r * 8 + c) * 768 ..< (2 + r * 8 + c) * 768]) }
        // Same frequency column, different time rows: first half equal, second half differs.
        let a = token(3, 5), b = token(20, 5)
        #expect(a[0 ..< 384] == b[0 ..< 384] && a[384...] != b[384...])
        // sin(pos·ω₀) with ω₀ = 1 at index 0 of each half; cos at index D/4.
        #expect(abs(a[0] - sin(5)) < 1e-6 && abs(a[384] - sin(3)) < 1e-6 && abs(a[192] - cos(5)) < 1e-6)
    }

    @Test func loadsCheckpointAndMatchesPyTorchForward() throws {
        let (model, io) = try Self.referenceModel()
        model.eval()
        let x = try #require(io["input"])
        let (features, logits) = Autograd.noGrad { () -> (Tensor, Tensor) in
            let f = model.encoder(x)
            return (f, model.head(f))
        }
        #expect(ModelFixtures.maxAbsDifference(features, try #require(io["features"])) < 1e-4)
        #expect(ModelFixtures.maxAbsDifference(logits, try #require(io["logits"])) < 1e-4)
        // The [B, F, M] form of the same batch gives the same logits.
        let flat = Autograd.noGrad { model(x.reshaped([2, 64, 32])) }
        #expect(ModelFixtures.maxAbsDifference(flat, logits) == 0)
    }

    /// The whole model's backward pass against PyTorch autograd: BCE-with-logits of the reference
    /// logits, gradients of every encoder and head parameter and of the input (eval mode).
    @Test func gradientsMatchPyTorch() throws {
        let (model, io) = try Self.referenceModel()
        let (reference, _) = try Safetensors.read(ModelFixtures.url("vit_small_grads.safetensors"))
        model.eval()
        let source = try #require(io["input"])
        let x = Tensor.parameter(source.shape)
        for i in 0 ..< source.count { x.data[i] = source.data[i] }
        let loss = bceWithLogits(model(x), try #require(reference["targets"]))
        #expect(abs(loss.item() - (try #require(reference["loss"])).values[0]) < 1e-5)
        loss.backward()
        let named = model.namedParameters() + [("input", x)]
        var compared = 0
        for (name, p) in named {
            guard let want = reference["grad." + name] else { continue }
            let got = try #require(p.grad, "no gradient for \(name)")
            let scale = max(want.values.map { abs($0) }.max() ?? 0, 1e-6)
            #expect(ModelFixtures.maxAbsDifference(got, want) / scale < 1e-4, "gradient of \(name)")
            compared += 1
        }
        #expect(compared == reference.keys.filter { $0.hasPrefix("grad.") }.count, "every reference gradient compared")
    }

    @Test func checkpointErrorsNameEveryBadTensor() throws {
        var (tensors, _) = try Safetensors.read(ModelFixtures.url("vit_small_encoder.safetensors"))
        tensors["blocks.1.mlp.fc2.bias"] = nil
        tensors["cls_token"] = Tensor(zeros: [1, 1, 16])
        tensors["blocks.7.attn.qkv.weight"] = Tensor(zeros: [3])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-vit-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors.write(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: url)
        var rng = SeededGenerator(seed: 1)
        let encoder = ViTEncoder(Self.referenceConfig, rng: &rng)
        do {
            try encoder.loadBirdMAE(from: url)
            Issue.record("loading a bad checkpoint succeeded")
        } catch let error as InputError {
            let text = "\(error)"
            #expect(text.contains("blocks.1.mlp.fc2.bias") && text.contains("missing"))
            #expect(text.contains("cls_token") && text.contains("[1, 1, 16]"))
            #expect(text.contains("blocks.7.attn.qkv.weight") && text.contains("unexpected"))
            #expect(text.contains(url.path))
        }
        // The same bad entries are skipped by prefix when asked (a full MAE checkpoint's decoder).
        tensors["blocks.1.mlp.fc2.bias"] = Tensor(zeros: [32]); tensors["cls_token"] = Tensor(zeros: [1, 1, 32])
        try Safetensors.write(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: url)
        try encoder.loadBirdMAE(from: url, ignoring: ["blocks.7."])
    }

    @Test func configsAndHeadWidths() {
        let base = ViTConfig.birdMAEBase(classes: 206)
        #expect(base.tokens == 256 && base.grid.time == 32 && base.grid.frequency == 8 && base.headWidths == [512, 256])
        #expect(ViTConfig.vitTiny(classes: 206).headWidths == [128, 64])
        var rng = SeededGenerator(seed: 3)
        let model = ViTClassifier(ViTConfig.small(frames: 128, bins: 64, classes: 10), rng: &rng, stream: RandomStream(rng))
        let names = model.stateDict().map(\.0)
        #expect(names.contains("patch_embed.proj.weight") && names.contains("blocks.1.attn.qkv.bias") && names.contains("fc_norm.weight"))
        #expect(names.contains("head.1.weight") && names.contains("head.7.bias") && names.contains("pos_embed"))
        #expect(!model.namedParameters().map(\.0).contains("pos_embed"))   // fixed, not trained
        let groups = model.parameterGroups(encoderLR: 1e-5, headLR: 5e-4, weightDecay: 0.01)
        #expect(groups[0].parameters.count + groups[1].parameters.count == model.parameters().count)
        #expect(groups[1].names.allSatisfy { $0.hasPrefix("head.") } && groups[1].lr == 5e-4)
        let y = model(randomTensor([3, 128, 64], seed: 4))
        #expect(y.shape == [3, 10])
    }
}
