import Foundation

/// A progress line for long work: a bar with count, rate and ETA on a terminal (redrawn in place
/// on standard error), and nothing at all when standard error is not a TTY, unless `plain` asks
/// for occasional plain lines instead.
public final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let start = Date()
    private var done = 0
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private let interactive: Bool
    private let plain: Bool
    private var lastPlainPercent = -1

    /// True when standard error is a terminal.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// - Parameters:
    ///   - label: what is being counted ("epoch 3/10", "cache").
    ///   - total: the number of units of work.
    ///   - plain: off a terminal, print a plain line every 25 % instead of staying quiet.
    public init(_ label: String, total: Int, plain: Bool = false) {
        self.label = label
        self.total = max(total, 1)
        self.interactive = Progress.isTerminal
        self.plain = plain
    }

    /// Records `count` more units done; safe to call from several threads.
    public func advance(by count: Int = 1, note: String = "") {
        lock.lock(); defer { lock.unlock() }
        done += count
        let now = Date()
        if interactive {
            guard now.timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
            lastDraw = now
            draw(now: now, note: note)
        } else if plain {
            let percent = done * 100 / total / 25 * 25
            if percent > lastPlainPercent {
                lastPlainPercent = percent
                FileHandle.standardError.write(Data("\(label): \(done)/\(total) \(note)\n".utf8))
            }
        }
    }

    /// Ends the line (on a terminal).
    public func finish(note: String = "") {
        lock.lock(); defer { lock.unlock() }
        if interactive {
            draw(now: Date(), note: note)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func draw(now: Date, note: String) {
        let elapsed = now.timeIntervalSince(start)
        let fraction = min(Double(done) / Double(total), 1)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r\(label) [\(bar)] \(done)/\(total) \(String(format: "%.1f", rate))/s ETA \(Self.clock(eta)) \(note)"
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }
}
