/// The one thing a suite row changes against its parent, with the spec paths it may touch.
///
/// "One knob" is a step of the study's table: (3) adds mixup, negatives and SpecAugment in one
/// step, exactly as the study's row "+ mixup (+ negatives, SpecAugment)" did.
public enum Knob: String, Codable, Hashable, Sendable, CaseIterable {
    /// The first row: no parent.
    case baseline
    /// + soundscape pseudo-labels.
    case pseudoLabels
    /// + mixup + negatives + SpecAugment (the study's third row).
    case studyRegularization
    /// The loss function.
    case loss
    /// The network architecture (ViT ↔ EfficientNet), same features.
    case architecture
    /// The ViT's pretraining (MAE ↔ from scratch).
    case pretraining
    /// A row of a spec file (`SuiteFile`): whatever knobs the file changes.
    case fromFile
    /// The network replaced by the linear model on pooled front-end statistics (the `baseline`
    /// row, the floor each deep row is read against).
    case linearBaseline
    /// An ensemble of other rows' checkpoints (`AblationSpec.ensemble`) instead of training.
    case ensemble

    /// Spec paths (prefixes of `SpecChange.path`) this knob may change.
    public var paths: [String] {
        switch self {
        case .baseline: return []
        case .pseudoLabels: return ["data.pseudoLabels"]
        case .studyRegularization: return ["data.negatives", "augmentation.mixup", "augmentation.specAugment"]
        case .loss: return ["loss"]
        case .architecture: return ["model"]
        case .pretraining: return ["model.vit.pretraining"]
        case .fromFile: return [""]
        case .linearBaseline: return ["model"]
        case .ensemble: return ["ensemble"]
        }
    }

    /// True when `change` lies inside this knob.
    public func covers(_ change: SpecChange) -> Bool {
        paths.contains { $0.isEmpty || change.path == $0 || change.path.hasPrefix($0 + ".") }
    }
}
