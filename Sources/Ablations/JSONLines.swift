import Foundation

/// Newline-terminated JSON objects read from a child process's pipe: the protocol of the Python
/// helpers the tool drives (the PyTorch train-step server, the BirdNET workers).
final class JSONLines {
    private let handle: FileHandle
    private var buffered = Data()

    init(_ pipe: Pipe) { handle = pipe.fileHandleForReading }

    /// The next line without its newline, or nil at the end of the stream.
    func line() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex ..< newline], as: UTF8.self)
                buffered = Data(buffered[(newline + 1)...])
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffered.append(chunk)
        }
    }

    /// The next line as a JSON object, or nil at the end or when it is not one.
    func object() -> [String: Any]? {
        guard let line = line() else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
