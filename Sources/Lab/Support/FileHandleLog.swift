import Foundation

/// Plain progress lines on standard error (one line a call, printed whether or not it is a
/// terminal): which job runs, which finished, what an epoch reached.
public enum FileHandleLog {
    public static func line(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
