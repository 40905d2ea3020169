import Foundation
import Testing
@testable import Lab

/// Losses against ../shared/reference/asl_case.json (float64 numpy transliterations; 1e-6) and
/// finite-difference gradient checks.
@Suite struct LossTests {
    /// `../shared` next to the repository (or next to the folder holding a worktree).
    static let caseURL: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        let candidates = ["../shared", "../../shared"].map { root.appendingPathComponent($0 + "/reference/asl_case.json").standardized }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()

    struct ASLCase {
        let logits: Tensor, targets: Tensor, raw: [String: Any]
        init?() {
            guard let data = try? Data(contentsOf: LossTests.caseURL),
                  let raw = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            let l = (raw["logits"] as! [[Double]]).flatMap { $0 }.map(Float.init)
            let t = (raw["targets"] as! [[Double]]).flatMap { $0 }.map(Float.init)
            logits = Tensor(shape: [2, 4], values: l); targets = Tensor(shape: [2, 4], values: t); self.raw = raw
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: LossTests.caseURL.path)))
    func valuesMatchSharedReference() throws {
        let c = try #require(ASLCase())
        for v in c.raw["reference_asl_sum"] as! [[String: Double]] {
            let loss = referenceASL(c.logits, c.targets, gammaNeg: v["gamma_neg"]!, gammaPos: v["gamma_pos"]!, clip: v["clip"]!, eps: v["eps"]!, reduction: .sum)
            #expect(abs(Double(loss.item()) - v["value"]!) <= 1e-6, "reference ASL \(v): \(loss.item())")
            let mean = referenceASL(c.logits, c.targets, gammaNeg: v["gamma_neg"]!, gammaPos: v["gamma_pos"]!, clip: v["clip"]!, eps: v["eps"]!, reduction: .mean)
            #expect(abs(Double(mean.item()) - v["value"]! / 8) <= 1e-6)
        }
        for v in c.raw["study_asl_mean"] as! [[String: Double]] {
            let loss = studyASL(c.logits, c.targets, gammaNeg: v["gamma_neg"]!, gammaPos: v["gamma_pos"]!, clip: v["clip"]!, eps: v["eps"]!)
            #expect(abs(Double(loss.item()) - v["value"]!) <= 1e-6, "study ASL \(v): \(loss.item())")
        }
        let bce = bceWithLogits(c.logits, c.targets, reduction: .sum)
        #expect(abs(Double(bce.item()) - (c.raw["bce_sum"] as! Double)) <= 1e-6)
    }

    @Test func bceIsStableForLargeLogits() {
        let l = Tensor(shape: [4], values: [80, -80, 30, -30]), t = Tensor(shape: [4], values: [1, 0, 0, 1])
        let v = bceWithLogits(l, t, reduction: .sum).item()
        #expect(abs(v - 60) < 1e-4)
    }

    @Test func gradients() {
        // Logits away from the clip kink p = clip (logit ≈ −2.94); soft targets.
        let logits = Tensor(shape: [2, 5], values: [2.0, -1.0, 0.5, -2.0, 1.2, -0.5, 1.5, -1.6, 0.1, 3.0])
        let targets = Tensor(shape: [2, 5], values: [1, 0, 0.7, 0, 0.2, 0, 1, 0.1, 0.5, 1])
        gradCheck([logits], eps: 1e-3) { bceWithLogits($0[0], targets) }
        gradCheck([logits], eps: 1e-3) { studyASL($0[0], targets) }
        gradCheck([logits], eps: 1e-3) { referenceASL($0[0], targets, reduction: .sum) }
        gradCheck([logits], eps: 1e-3) { referenceASL($0[0], targets, gammaNeg: 4, gammaPos: 0, reduction: .mean) }
        gradCheck([logits], eps: 1e-3) { referenceASL($0[0], targets, gammaNeg: 0, gammaPos: 0, clip: 0, reduction: .sum) }
        let other = randomTensor([2, 5], seed: 3)
        gradCheck([logits, other]) { mseLoss($0[0], $0[1]) }
    }
}
