import Foundation

/// A reference-counted block of Float32 memory. When the last tensor using it goes away the block
/// returns to `BufferPool.shared`, so a training loop that repeats the same shapes reuses the same
/// memory every step (steady-state memory stays flat).
public final class Storage {
    /// 64-byte aligned, `count` floats; contents are undefined until written.
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    /// Takes a block of `count` floats from the pool (contents undefined).
    init(count: Int) {
        self.count = count
        pointer = BufferPool.shared.take(count)
    }

    deinit { BufferPool.shared.give(pointer, count: count) }
}

/// Size-keyed free lists of float buffers with a byte high-water mark.
///
/// `take` reuses a cached block of exactly the requested size when one is free; `give` caches it
/// again. Cached bytes above `cacheLimitBytes` are released to the system.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private let lock = NSLock()
    /// Bytes held by live tensors.
    public private(set) var liveBytes = 0
    /// Bytes cached in the free lists.
    public private(set) var cachedBytes = 0
    /// Largest `liveBytes + cachedBytes` seen since the last `resetHighWater()`.
    public private(set) var highWaterBytes = 0
    /// Blocks obtained from the system (not from the cache) since start.
    public private(set) var systemAllocations = 0
    /// Cache at most this many bytes; beyond it freed blocks go back to the system.
    public var cacheLimitBytes = 8 << 30

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let n = max(count, 1)
        lock.lock()
        defer { lock.unlock() }
        liveBytes += n * 4
        if var list = free[n], let p = list.popLast() {
            free[n] = list
            cachedBytes -= n * 4
            return p
        }
        systemAllocations += 1
        highWaterBytes = max(highWaterBytes, liveBytes + cachedBytes)
        return UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 64).bindMemory(to: Float.self, capacity: n)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let n = max(count, 1)
        lock.lock()
        defer { lock.unlock() }
        liveBytes -= n * 4
        if cachedBytes + n * 4 > cacheLimitBytes {
            pointer.deallocate()
            return
        }
        free[n, default: []].append(pointer)
        cachedBytes += n * 4
    }

    /// Returns every cached block to the system.
    public func trim() {
        lock.lock()
        defer { lock.unlock() }
        for (_, list) in free { for p in list { p.deallocate() } }
        free = [:]
        cachedBytes = 0
    }

    /// Starts a new high-water measurement from the current footprint.
    public func resetHighWater() {
        lock.lock()
        highWaterBytes = liveBytes + cachedBytes
        lock.unlock()
    }
}
