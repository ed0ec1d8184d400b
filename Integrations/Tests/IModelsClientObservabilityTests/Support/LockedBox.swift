import Foundation

/// A value behind a lock, for test doubles shared across tasks (`Mutex` needs macOS 15).
final class LockedBox<Value>: @unchecked Sendable {  // @unchecked: `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.withLock { body(&value) }
    }
}
