import Foundation

/// A value guarded by an `NSLock` (`Mutex` needs macOS 15; the SDK's own lock type is internal to it).
///
/// `@unchecked Sendable`: every access to the value goes through ``withLock(_:)``, under the lock.
public final class Protected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Creates the box.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
