import Foundation

/// A thread-safe dictionary that computes each value once, on first request.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    /// The value for `key`, made by `make` the first time (under the lock).
    func value(for key: Key, make: () -> Value) -> Value {
        lock.lock(); defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = make()
        values[key] = value
        return value
    }
}
