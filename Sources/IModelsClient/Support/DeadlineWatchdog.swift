import Foundation

/// Fires deadlines for the whole process from one thread of its own.
///
/// Every request the SDK sends arms a deadline that almost never fires: a `DispatchQueue.asyncAfter` timer each cost
/// about 9 µs a request (measured with the call-overhead benchmark). Here arming and disarming are a lock and a
/// heap operation; the thread sleeps until the earliest deadline and skips the ones disarmed meanwhile.
///
/// `@unchecked Sendable`: every stored property is read and written only with `condition` locked.
final class DeadlineWatchdog: @unchecked Sendable {
    /// An armed deadline, to disarm it.
    struct Ticket: Sendable, Hashable {
        fileprivate let id: UInt64
    }

    static let shared = DeadlineWatchdog()

    private let condition = NSCondition()
    /// A binary min-heap of (uptime in ns, id); entries whose id has no action left were disarmed.
    private var heap: [(due: UInt64, id: UInt64)] = []
    private var actions: [UInt64: @Sendable () -> Void] = [:]
    private var nextId: UInt64 = 0
    private var threadStarted = false

    /// Runs `action` on the watchdog's thread once `delay` has passed, unless disarmed first. Keep `action` short.
    func arm(after delay: Duration, _ action: @escaping @Sendable () -> Void) -> Ticket {
        let nanoseconds =
            max(0, delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        let due = DispatchTime.now().uptimeNanoseconds &+ UInt64(clamping: max(0, nanoseconds))
        condition.lock()
        defer { condition.unlock() }
        nextId += 1
        actions[nextId] = action
        push((due, nextId))
        if !threadStarted {
            threadStarted = true
            let thread = Thread { [unowned self] in run() }
            thread.name = "IModelsClient.DeadlineWatchdog"
            thread.start()
        }
        if heap[0].id == nextId { condition.signal() }  // a new earliest deadline: wake the thread to sleep less
        return Ticket(id: nextId)
    }

    /// Disarms a deadline; nothing happens if it already fired.
    func disarm(_ ticket: Ticket) {
        condition.lock()
        actions[ticket.id] = nil
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            guard let earliest = heap.first else {
                condition.wait()
                continue
            }
            guard let action = actions[earliest.id] else {
                pop()  // disarmed
                continue
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if earliest.due > now {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(earliest.due - now) / 1e9))
                continue
            }
            pop()
            actions[earliest.id] = nil
            condition.unlock()
            action()
            condition.lock()
        }
    }

    private func push(_ entry: (due: UInt64, id: UInt64)) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func pop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].due < heap[smallest].due { smallest = left }
            if right < heap.count && heap[right].due < heap[smallest].due { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
