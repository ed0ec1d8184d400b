import IModelsClient
import Logging

extension AttemptLogger {
    /// The level of a record, by the attempt's outcome.
    public struct Levels: Sendable, Hashable {
        /// An answer below `400` that the client does not retry.
        public var success: Logger.Level
        /// An attempt the client retries (the event has a retry delay; a `401` followed by a token refresh too).
        public var retry: Logger.Level
        /// The last attempt of a call that fails: an answer of `400` or more, or no answer, with no retry to come.
        public var failure: Logger.Level

        /// Creates levels.
        public init(success: Logger.Level, retry: Logger.Level, failure: Logger.Level) {
            self.success = success
            self.retry = retry
            self.failure = failure
        }

        /// The default, after swift-log's guidance for libraries ("Choosing log levels": info or less severe):
        /// success `debug`; retry `info`, since a retry is what the caller cannot see otherwise; failure `debug`,
        /// since the call throws it and the caller decides whether it matters (a `404` may be expected). Metrics
        /// (``RequestMetrics``) count both.
        public static let library = Levels(success: .debug, retry: .info, failure: .debug)

        /// For an application that wants trouble to stand out in its own logs: success `info`, retry `warning`,
        /// failure `error`.
        public static let prominent = Levels(success: .info, retry: .warning, failure: .error)

        /// The level of the record of `event`.
        public func level(of event: IModelsClient.LogEvent) -> Logger.Level {
            if event.retryDelay != nil { return retry }
            if let status = event.status, status < 400 { return success }
            return failure
        }
    }
}
