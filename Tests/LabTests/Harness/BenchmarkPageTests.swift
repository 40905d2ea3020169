import Foundation
import Testing
@testable import Lab

@Suite("Reports: benchmark page")
struct BenchmarkPageTests {
    let run = BenchmarkPage.Run(command: "ablations bench all --quick", date: "2026-12-03T00:00:00Z", codeVersion: "abc",
                                machine: MachineInfo(cores: 2, cpuModel: "CPU", operatingSystem: "OS", memoryGiB: 24),
                                blasCore: "Haswell", threads: 2, wallSeconds: 40)

    @Test func ratioIsReferenceOverOursAndSkippedReferencesAreListed() throws {
        let results = [
            BenchmarkResult(bench: "metrics", what: "four metrics", unit: "ms", ours: 20, referenceName: "scikit-learn", reference: 900),
            BenchmarkResult(bench: "ops", what: "linear fwd", unit: "ms", ours: 4, referenceName: "raw sgemm", reference: 2),
            BenchmarkResult(bench: "train-step", what: "vit-tiny", unit: "s", ours: 2, referenceName: "PyTorch", reference: nil,
                            skipped: "PyTorch not usable: no module named torch"),
        ]
        #expect(results.map(\.ratio) == [45, 0.5, nil])
        let files = try BenchmarkPage.render(results, run: run)
        let page = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        #expect(page.contains("| metrics | four metrics | **45.00×** | 20.0 | 900 (scikit-learn) | ms |"))
        #expect(page.contains("| ops | linear fwd | **0.50×** | 4 | 2 (raw sgemm) | ms |"))
        #expect(page.contains("- train-step: PyTorch not usable: no module named torch"))
        #expect(page.contains("`ablations bench all --quick`"))
        let data = String(decoding: try #require(files["plots/ratios.dat"]), as: UTF8.self)
        #expect(data.split(separator: "\n").count == 3, "header + the two measured results")
        #expect(files["plots/ratios.gp"] != nil && files["benchmarks.json"] != nil)
    }
}
