import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's standard output and error, written with POSIX `write` (which reports a failure instead of trapping
/// as `FileHandle.write(_:)` does).
public enum StandardStreams {
    private static let closed = Protected<[Console.Stream]>([])

    /// The streams that were closed when ``reserveClosed()`` ran.
    public static var closedAtStart: [Console.Stream] { closed.withLock { $0 } }

    /// Finds standard output and error closed (`>&-`) and opens `/dev/null` on their descriptors, so that no file,
    /// pipe or socket the tool opens later takes descriptor 1 or 2 and receives its output; a console then counts
    /// such a stream as failed from the start. Call it first thing.
    public static func reserveClosed() {
        var found: [Console.Stream] = []
        for (descriptor, stream) in [(STDOUT_FILENO, Console.Stream.standardOutput), (STDERR_FILENO, .standardError)]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            found.append(stream)
            let null = open("/dev/null", O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
        closed.withLock { $0 = found }
    }

    /// Writes all of `text` to `descriptor`; returns `nil`, or the `errno` of the write that failed.
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Int32? {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 1000)
                continue
            }
            return code
        }
        return nil
    }

    /// Writes `text` to standard error unless it was found closed; failures are ignored (there is nowhere left to
    /// report them).
    public static func writeErrorLine(_ text: String) {
        guard !closedAtStart.contains(.standardError) else { return }
        write(text + "\n", to: STDERR_FILENO)
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, pointer, count)
        #elseif canImport(Musl)
            Musl.write(descriptor, pointer, count)
        #else
            Darwin.write(descriptor, pointer, count)
        #endif
    }
}
