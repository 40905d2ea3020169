import Foundation

/// One row of an ablation table: everything that decides what a training run computes.
///
/// A spec is a plain value (Codable, Hashable). `parent` names the row it is compared against;
/// `diff(against:)` lists the knobs that differ as `path: old → new`. Seeds are part of the spec
/// (which seeds a suite runs) but not of `recipeHash`, which identifies what one seed computes.
public struct AblationSpec: Codable, Hashable, Sendable {
    /// Short identifier used on the command line and in the runs folder ("asl-mae-pseudo").
    public var name: String
    /// The row's label in the report ("+ soundscape pseudo-labels").
    public var title: String
    /// The spec this row is compared against; nil for a suite's first row.
    public var parent: String?
    public var data: DataSpec
    public var frontEnd: FrontEnd
    public var model: ModelSpec
    public var loss: LossSpec
    public var augmentation: AugmentationSpec
    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec
    public var training: TrainingSpec
    public var evaluation: EvaluationSpec
    /// The seeds a suite runs this row with (one job per seed).
    public var seeds: [Int]

    public init(name: String, title: String, parent: String?, data: DataSpec, frontEnd: FrontEnd,
                model: ModelSpec, loss: LossSpec, augmentation: AugmentationSpec, optimizer: OptimizerSpec,
                schedule: ScheduleSpec, training: TrainingSpec, evaluation: EvaluationSpec, seeds: [Int]) {
        self.name = name; self.title = title; self.parent = parent
        self.data = data; self.frontEnd = frontEnd; self.model = model; self.loss = loss
        self.augmentation = augmentation; self.optimizer = optimizer; self.schedule = schedule
        self.training = training; self.evaluation = evaluation; self.seeds = seeds
    }

    /// The part of the spec that decides what one seed computes: every section, without the
    /// name, title, parent and seed list. Two specs with equal recipes give equal runs.
    public var recipe: Recipe {
        Recipe(data: data, frontEnd: frontEnd, model: model, loss: loss, augmentation: augmentation,
               optimizer: optimizer, schedule: schedule, training: training, evaluation: evaluation)
    }

    /// A stable hex digest of `recipe` (canonical JSON, FNV-1a 64): the key under which a finished
    /// run is reused.
    public var recipeHash: String { StableHash.hex(of: recipe) }

    /// The knobs that differ from `parent`, as `path: old → new` lines (paths are JSON key paths
    /// of the sections; name, title, parent and seeds are not knobs).
    public func diff(against parent: AblationSpec) -> [SpecChange] {
        SpecChange.changes(from: parent.recipe, to: recipe)
    }

    /// The everything-but-identity part of a spec, hashed for run reuse.
    public struct Recipe: Codable, Hashable, Sendable {
        public var data: DataSpec
        public var frontEnd: FrontEnd
        public var model: ModelSpec
        public var loss: LossSpec
        public var augmentation: AugmentationSpec
        public var optimizer: OptimizerSpec
        public var schedule: ScheduleSpec
        public var training: TrainingSpec
        public var evaluation: EvaluationSpec
    }
}
