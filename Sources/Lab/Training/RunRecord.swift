import Foundation

/// The self-describing result of one (spec, seed) job, written as `record.json` in its run folder.
///
/// Reports are rendered from these alone, so a record carries everything a table or plot needs:
/// the whole spec, the data it saw, the code that ran, the curves and the final metrics.
public struct RunRecord: Codable, Equatable, Sendable {
    /// Version of this layout; readers reject records they do not understand.
    public static let currentFormat = 1

    public var format: Int
    public var suite: String
    /// 1-based position of the spec in its suite (the report's row order).
    public var row: Int
    public var spec: AblationSpec
    /// `spec.recipeHash` at run time: a record is reused only while it matches.
    public var specHash: String
    public var seed: Int
    public var data: DataSummary
    /// `git describe` of the sources that ran (see `CodeVersion`).
    public var codeVersion: String
    /// Trainable parameters of the model.
    public var parameters: Int
    /// MAE pretraining this run started from, when its spec asks for it.
    public var pretraining: PretrainingSummary?
    public var epochs: [EpochRecord]
    /// The epoch whose weights were evaluated (best validation samples-F1 at 0.5), 1-based.
    public var selectedEpoch: Int
    /// Final metrics, one per evaluation set × threshold choice.
    public var results: [EvaluationResult]
    /// Per-class thresholds tuned on this set (validation), applied unchanged to every set.
    public var thresholdsTunedOn: String?
    public var wallSeconds: Double
    /// Seconds by phase of the job (`TimeBreakdown`); nil in records written before it existed.
    public var timing: [String: Double]?
    public var machine: MachineInfo

    public init(suite: String, row: Int, spec: AblationSpec, seed: Int, data: DataSummary, codeVersion: String,
                parameters: Int, pretraining: PretrainingSummary?, epochs: [EpochRecord], selectedEpoch: Int,
                results: [EvaluationResult], thresholdsTunedOn: String?, wallSeconds: Double, timing: [String: Double]? = nil,
                machine: MachineInfo) {
        self.format = Self.currentFormat
        self.suite = suite; self.row = row; self.spec = spec; self.specHash = spec.recipeHash; self.seed = seed
        self.data = data; self.codeVersion = codeVersion; self.parameters = parameters
        self.pretraining = pretraining; self.epochs = epochs; self.selectedEpoch = selectedEpoch
        self.results = results; self.thresholdsTunedOn = thresholdsTunedOn
        self.wallSeconds = wallSeconds; self.timing = timing; self.machine = machine
    }

    /// The metrics on `set` under `thresholds`, if the run scored them.
    public func metrics(on set: EvaluationSet, thresholds: ThresholdChoice) -> MetricSummary? {
        results.first { $0.set == set && $0.thresholds == thresholds }?.metrics
    }

    /// Pretty, sorted-keys JSON (non-finite numbers as "nan", "inf", "-inf").
    public func encoded() throws -> Data { try PrettyJSON.encode(self) }

    /// Reads a record, as an `InputError` naming the file when it is not one.
    public static func read(from url: URL) throws -> RunRecord {
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, "cannot read the run record (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let record: RunRecord
        do { record = try decoder.decode(RunRecord.self, from: bytes) } catch {
            throw InputError(file: url.path, "not a run record of format \(currentFormat) (\(error))")
        }
        guard record.format == currentFormat else {
            throw InputError(file: url.path, column: "format", "record format \(record.format); this build reads format \(currentFormat)")
        }
        return record
    }
}

/// The data a run saw.
public struct DataSummary: Codable, Equatable, Sendable {
    /// `DataFingerprint` of the data folder.
    public var fingerprint: String
    /// Where it came from, machine-independent ("fixture default, seed 0" or the folder's name).
    public var source: String
    /// Class list in model output order.
    public var classes: [String]
    /// Sizes: files and windows per split, soundscape windows, pseudo-labelled and negative windows.
    public var counts: [String: Int]
    /// Files skipped because they could not be decoded (only when the user asked for skipping).
    public var skippedFiles: [String]

    public init(fingerprint: String, source: String, classes: [String], counts: [String: Int], skippedFiles: [String]) {
        self.fingerprint = fingerprint; self.source = source; self.classes = classes
        self.counts = counts; self.skippedFiles = skippedFiles
    }
}

/// One epoch of training.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// 1-based.
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double?
    /// Validation samples-F1 at threshold 0.5 (the model-selection score).
    public var validationSamplesF1: Double
    /// Learning rate per parameter group ("encoder", "head") during this epoch.
    public var learningRates: [String: Double]
    public var seconds: Double

    public init(epoch: Int, trainLoss: Double, validationLoss: Double?, validationSamplesF1: Double,
                learningRates: [String: Double], seconds: Double) {
        self.epoch = epoch; self.trainLoss = trainLoss; self.validationLoss = validationLoss
        self.validationSamplesF1 = validationSamplesF1; self.learningRates = learningRates; self.seconds = seconds
    }
}

/// Metrics on one evaluation set under one threshold choice.
public struct EvaluationResult: Codable, Equatable, Sendable {
    public var set: EvaluationSet
    public var thresholds: ThresholdChoice
    public var metrics: MetricSummary

    public init(set: EvaluationSet, thresholds: ThresholdChoice, metrics: MetricSummary) {
        self.set = set; self.thresholds = thresholds; self.metrics = metrics
    }
}

/// The shared MAE pretraining a run started from.
public struct PretrainingSummary: Codable, Equatable, Sendable {
    /// Key of the shared pretraining folder (hash of data, front end, MAE settings).
    public var key: String
    /// Reconstruction loss per pretraining epoch.
    public var losses: [Double]
    public var wallSeconds: Double

    public init(key: String, losses: [Double], wallSeconds: Double) {
        self.key = key; self.losses = losses; self.wallSeconds = wallSeconds
    }
}
