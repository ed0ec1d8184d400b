import Foundation
import IModelsClient

/// The `--verbose` line of one HTTP attempt, with every number labelled and no parentheses of its own:
///
/// `getIModel GET https://… -> 429, attempt 1, retry in 0.430 s, took 0.004 s, correlation id 3b6e…`
///
/// A failed attempt reads `-> no answer, attempt 1, …, failure: getIModel failed (cannotConnect): …`, the failure
/// last, as the SDK describes it.
public enum VerboseLine {
    /// The line for `event` (without the `[http] ` prefix).
    public static func text(_ event: LogEvent) -> String {
        var text = "\(event.operation) \(event.method) \(event.url.absoluteString) -> "
        text += event.status.map(String.init) ?? "no answer"
        text += ", attempt \(event.attempt)"
        if let retryDelay = event.retryDelay { text += ", retry in \(seconds(retryDelay))" }
        text += ", took \(seconds(event.elapsed)), correlation id \(event.correlationId)"
        if event.status == nil { text += ", failure: \(event.failure ?? "unknown")" }
        return text
    }

    /// `0.430 s`: seconds with three decimals.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f s", value)
    }
}
