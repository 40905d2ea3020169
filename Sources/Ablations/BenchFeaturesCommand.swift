import ArgumentParser
import Foundation
import Lab

/// `ablations bench features`: front-end throughput next to librosa, and decode + resample speed.
struct BenchFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "features", abstract: "Front-end and decoding speed on one core.")
    func run() throws {}
}
