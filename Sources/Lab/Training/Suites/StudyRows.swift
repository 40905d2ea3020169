/// The six rows of issue 8 and the baseline of issue 22, built from one base spec so that every suite runs the same rows:
///
/// 1. `audio-only`: train audio only (ViT, MAE-pretrained, study ASL);
/// 2. `pseudo-labels`: (1) + soundscape pseudo-labels;
/// 3. `mixup`: (2) + mixup + negatives + SpecAugment;
/// 4. `bce`: (3) with BCE instead of ASL;
/// 5. `efficientnet`: (3) with EfficientNet instead of the ViT, same features;
/// 6. `vit-scratch`: (3) with the ViT trained from scratch (a row the study could not run);
/// 7. `baseline`: (1) with a linear model on pooled front-end statistics instead of the ViT
///    (`BaselineSpec`), the floor every deep row is read against (issue 22).
public enum StudyRows {
    /// - Parameters:
    ///   - base: row (1); its `data.pseudoLabels`, `data.negatives`, `augmentation.mixup` and
    ///     `augmentation.specAugment` are cleared, its model must be a ViT.
    ///   - pseudoLabels, negatives, mixup, specAugment: the settings rows (2) and (3) switch on.
    ///   - efficientNet: the EfficientNet of row (5).
    public static func make(base: AblationSpec, pseudoLabels: PseudoLabelSpec = PseudoLabelSpec(),
                            negatives: NegativesSpec = NegativesSpec(), mixup: MixupSpec = MixupSpec(),
                            specAugment: SpecAugmentSpec = SpecAugmentSpec(),
                            efficientNet: EfficientNetSpec) -> [SuiteRow] {
        var audio = base
        audio.name = "audio-only"; audio.title = "train audio only"; audio.parent = nil
        audio.data.pseudoLabels = nil; audio.data.negatives = nil
        audio.augmentation.mixup = nil; audio.augmentation.specAugment = nil

        var pseudo = audio
        pseudo.name = "pseudo-labels"; pseudo.title = "+ soundscape pseudo-labels"; pseudo.parent = audio.name
        pseudo.data.pseudoLabels = pseudoLabels

        var mixed = pseudo
        mixed.name = "mixup"; mixed.title = "+ mixup (+ negatives, SpecAugment)"; mixed.parent = pseudo.name
        mixed.data.negatives = negatives
        mixed.augmentation.mixup = mixup; mixed.augmentation.specAugment = specAugment

        var bce = mixed
        bce.name = "bce"; bce.title = "(3) with BCE instead of ASL"; bce.parent = mixed.name
        bce.loss = .bce

        var effnet = mixed
        effnet.name = "efficientnet"; effnet.title = "(3) with EfficientNet instead of the ViT"; effnet.parent = mixed.name
        effnet.model = .efficientNet(efficientNet)

        var scratch = mixed
        scratch.name = "vit-scratch"; scratch.title = "(3) with the ViT from scratch (no MAE)"; scratch.parent = mixed.name
        if case .vit(var vit) = mixed.model {
            vit.pretraining = .none
            scratch.model = .vit(vit)
        }

        var baseline = audio
        baseline.name = "baseline"; baseline.title = "(1) with a linear model on pooled statistics"; baseline.parent = audio.name
        baseline.model = .baseline(BaselineSpec())

        return [
            SuiteRow(spec: audio, knob: .baseline),
            SuiteRow(spec: pseudo, knob: .pseudoLabels),
            SuiteRow(spec: mixed, knob: .studyRegularization),
            SuiteRow(spec: bce, knob: .loss),
            SuiteRow(spec: effnet, knob: .architecture),
            SuiteRow(spec: scratch, knob: .pretraining),
            SuiteRow(spec: baseline, knob: .linearBaseline),
        ]
    }
}
