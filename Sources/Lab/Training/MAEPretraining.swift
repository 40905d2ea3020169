import Foundation

/// Masked-autoencoder pretraining shared by the rows of a suite (DESIGN §5): one encoder per
/// (data, front end, encoder shape, MAE settings, seed), trained once on the training windows
/// (labels unused) and stored in `<runs>/<suite>/shared/mae-<key>/seed-<s>/encoder.safetensors`;
/// every row that asks for the same pretraining loads it.
public enum MAEPretraining {
    static let encoderName = "encoder.safetensors"
    static let summaryName = "pretraining.json"

    /// The key of the shared folder: what decides the pretrained weights — the data, the front
    /// end, the split and soundscape division (which windows are training windows), the encoder's
    /// shape and the MAE settings. Not the row's pseudo-label, augmentation or loss knobs.
    static func key(spec: AblationSpec, vit: ViTConfig, mae: MAESpec, dataFingerprint: String) -> String {
        struct Key: Encodable {
            var data: String, frontEnd: String, splitSeed: Int, testFraction: Double, validationFraction: Double
            var trainSoundscapes: Int?, frames: Int, bins: Int, patchSize: Int, width: Int, depth: Int, heads: Int, mlpRatio: Int
            var mae: MAESpec
        }
        let d = spec.data
        return StableHash.hex(of: Key(data: dataFingerprint, frontEnd: spec.frontEnd.fingerprint + " bands=\(spec.frontEnd.bands.rawValue)", splitSeed: d.splitSeed,
                                      testFraction: d.testFraction, validationFraction: d.validationFraction,
                                      trainSoundscapes: (d.pseudoLabels ?? PseudoLabelSpec()).trainSoundscapes,
                                      frames: vit.frames, bins: vit.bins, patchSize: vit.patchSize, width: vit.width,
                                      depth: vit.depth, heads: vit.heads, mlpRatio: vit.mlpRatio, mae: mae))
    }

    /// The pretrained encoder (loaded when already shared, trained and saved otherwise).
    public static func encoder(spec: AblationSpec, vit: ViTConfig, mae: MAESpec, seed: Int, data: any ExperimentData,
                               context: Experiment.Context) throws -> (ViTEncoder, PretrainingSummary) {
        let key = key(spec: spec, vit: vit, mae: mae, dataFingerprint: context.dataFingerprint)
        let folder = context.layout.sharedPretraining(suite: context.suite, key: key, seed: seed)
        let root = SeededGenerator(seed: UInt64(seed)).split("mae")
        var rng = root.split("init")
        let stream = RandomStream(root.split("masking"))
        let encoder = ViTEncoder(vit, rng: &rng, stream: stream)
        // Jobs running side by side (parallel suite jobs, Slurm array tasks) take turns: the first
        // trains and saves, the others wait and load.
        return try FileLock.exclusive(folder.checkpointURL("pretraining.lock")) {
            if let bytes = try? Data(contentsOf: folder.checkpointURL(summaryName)),
               let summary = try? JSONDecoder().decode(PretrainingSummary.self, from: bytes),
               FileManager.default.fileExists(atPath: folder.checkpointURL(encoderName).path) {
                try encoder.load(try Safetensors.read(folder.checkpointURL(encoderName)).tensors, file: folder.checkpointURL(encoderName).path)
                FileHandleLog.line("MAE pretraining reused: \(folder.url.path)")
                return (encoder, summary)
            }
            let started = Date()
            let model = MAEPretrainer(encoder: encoder,
                                      config: MAEConfig(maskRatio: mae.maskRatio, decoderWidth: mae.decoderWidth,
                                                        decoderDepth: mae.decoderDepth, decoderHeads: mae.decoderHeads),
                                      rng: &rng, stream: stream)
            let optimizer = AdamW([ParameterGroup(model.namedParameters(), lr: Float(mae.learningRate), weightDecay: Float(mae.weightDecay))],
                                  betas: (Float(mae.betas.first ?? 0.9), Float(mae.betas.dropFirst().first ?? 0.95)))
            let steps = (mae.samplesPerEpoch + mae.batchSize - 1) / mae.batchSize
            let schedule = WarmupCosine(warmupSteps: mae.warmupEpochs * steps, totalSteps: mae.epochs * steps)
            var losses: [Double] = []
            var step = 0
            model.train()
            for epoch in 1 ... max(mae.epochs, 1) where epoch <= mae.epochs {
                let progress = Progress("MAE epoch \(epoch)/\(mae.epochs)", total: steps, plain: true)
                var total = 0.0
                for index in 0 ..< steps {
                    let batch = try data.pretrainingBatch(epoch: epoch, index: index, batchSize: mae.batchSize, samplesPerEpoch: mae.samplesPerEpoch)
                    optimizer.setLearningRates { schedule.lr(base: $0, step: step) }
                    let loss = model.loss(Tensor(shape: [batch.count, 1, data.frames, data.bins], values: batch.inputs))  // [B, 1, T, F] → scalar
                    total += Double(loss.item())
                    loss.backward()
                    clipGradNorm(model.parameters(), maxNorm: Float(mae.gradientClip))
                    optimizer.step()
                    optimizer.zeroGrad()
                    step += 1
                    progress.advance(note: String(format: "loss %.4f", total / Double(index + 1)))
                }
                progress.finish()
                losses.append(total / Double(max(steps, 1)))
                FileHandleLog.line("MAE epoch \(epoch)/\(mae.epochs): reconstruction loss \(String(format: "%.4f", losses.last!))")
            }
            let summary = PretrainingSummary(key: key, losses: losses, wallSeconds: Date().timeIntervalSince(started))
            try Safetensors.write(encoder.stateDict(), metadata: ["key": key, "seed": "\(seed)"], to: folder.checkpointURL(encoderName))
            try AtomicFile.write(try PrettyJSON.encode(summary), to: folder.checkpointURL(summaryName))
            return (encoder, summary)
        }
    }
}
