import ArgumentParser
import Foundation
import Lab

/// `ablations info FILE…`: what libsndfile sees in each file.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print sample rate, channels and duration of sound files.")

    @Argument(help: "Sound files (wav, flac, ogg, mp3).")
    var files: [String]

    func run() throws {
        try reportingInputErrors {
            for path in files {
                let info = try AudioFile.info(URL(fileURLWithPath: path))
                print("\(path)\t\(info.sampleRate) Hz\t\(info.channels) ch\t\(String(format: "%.3f", info.duration)) s\tseekable=\(info.seekable)")
            }
        }
    }
}
