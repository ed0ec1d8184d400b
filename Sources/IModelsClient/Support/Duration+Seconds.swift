import Foundation

extension Duration {
    /// The duration as a floating-point number of seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in seconds as a short text, for example `"2.5 s"`.
    var formattedSeconds: String {
        seconds == seconds.rounded() ? "\(Int64(seconds)) s" : String(format: "%.3f s", seconds)
    }
}
