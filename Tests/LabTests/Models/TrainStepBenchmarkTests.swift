import Testing
@testable import Lab

/// The train-step benchmark's `default`-suite models are the models that suite trains.
struct TrainStepBenchmarkTests {
    @Test func defaultSuiteModelsMatchTheSuite() throws {
        let suite = Suite.default
        let classes = try #require(FixturePreset.named("default")).speciesCount
        for (bench, row) in [(TrainStepBenchmark.Model.vitDefault, "audio-only"), (.effnetDefault, "efficientnet")] {
            let spec = try #require(suite.spec(named: row))
            let frames = try #require(spec.frontEnd.frames)
            let made = ModelBuilder.config(spec.model, frames: frames, bins: spec.frontEnd.nMels, classes: classes)
            #expect(bench.config == made, "\(bench.rawValue) differs from the default suite's \(row) model")
        }
    }
}
