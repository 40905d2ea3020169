import Foundation

/// One row of an ablation table: everything that decides what a training run computes.
///
/// A spec is a plain value (Codable, Hashable): its identity (`name`, `title`, `parent`, `seeds`)
/// and its `recipe`, the sections that decide what one seed computes. The sections are read and
/// written through the spec as if they were its own (`spec.optimizer.headLearningRate`) and are
/// encoded flat beside the identity fields. `parent` names the row it is compared against;
/// `diff(against:)` lists the knobs that differ as `path: old → new`. Seeds are part of the spec
/// (which seeds a suite runs) but not of `recipeHash`, which identifies what one seed computes.
@dynamicMemberLookup
public struct AblationSpec: Codable, Hashable, Sendable {
    /// Short identifier used on the command line and in the runs folder ("asl-mae-pseudo").
    public var name: String
    /// The row's label in the report ("+ soundscape pseudo-labels").
    public var title: String
    /// The spec this row is compared against; nil for a suite's first row.
    public var parent: String?
    /// The sections: data, front end, model, loss, augmentation, optimizer, schedule, training,
    /// evaluation. Two specs with equal recipes give equal runs.
    public var recipe: Recipe
    /// The seeds a suite runs this row with (one job per seed).
    public var seeds: [Int]

    public init(name: String, title: String, parent: String?, data: DataSpec, frontEnd: FrontEnd,
                model: ModelSpec, loss: LossSpec, augmentation: AugmentationSpec, optimizer: OptimizerSpec,
                schedule: ScheduleSpec, training: TrainingSpec, evaluation: EvaluationSpec, seeds: [Int]) {
        self.name = name; self.title = title; self.parent = parent; self.seeds = seeds
        recipe = Recipe(data: data, frontEnd: frontEnd, model: model, loss: loss, augmentation: augmentation,
                        optimizer: optimizer, schedule: schedule, training: training, evaluation: evaluation)
    }

    /// A section of the recipe, read or written through the spec: `spec.training.epochs = 3`.
    public subscript<T>(dynamicMember section: WritableKeyPath<Recipe, T>) -> T {
        get { recipe[keyPath: section] }
        set { recipe[keyPath: section] = newValue }
    }

    /// A stable hex digest of `recipe` (canonical JSON, FNV-1a 64): the key under which a finished
    /// run is reused.
    public var recipeHash: String { StableHash.hex(of: recipe) }

    /// The knobs that differ from `parent`, as `path: old → new` lines (paths are JSON key paths
    /// of the sections; name, title, parent and seeds are not knobs).
    public func diff(against parent: AblationSpec) -> [SpecChange] {
        SpecChange.changes(from: parent.recipe, to: recipe)
    }

    /// The everything-but-identity part of a spec, hashed for run reuse: the one list of sections.
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
        /// When set, the row trains nothing: each seed averages the probabilities of its member
        /// rows' best checkpoints of the same seed (`EnsembleRun`). Omitted from the JSON when nil,
        /// so the recipes (and hashes) of the other rows are unchanged.
        public var ensemble: EnsembleSpec? = nil
    }

    // Encoded flat: the identity keys, the recipe's sections beside them (in the recipe's order),
    // then the seeds — the same JSON as when the sections were the spec's own properties.
    private enum CodingKeys: String, CodingKey { case name, title, parent, seeds }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decode(String.self, forKey: .title)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        recipe = try Recipe(from: decoder)
        seeds = try c.decode([Int].self, forKey: .seeds)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(parent, forKey: .parent)
        try recipe.encode(to: encoder)
        try c.encode(seeds, forKey: .seeds)
    }
}
