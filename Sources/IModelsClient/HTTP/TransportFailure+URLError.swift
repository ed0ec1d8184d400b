import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension TransportFailure {
    /// The failure for a `URLError` that URLSession threw instead of an answer (cancellation is handled by the
    /// caller, before this is used).
    ///
    /// What FoundationNetworking on Linux reports (measured with Swift 6.3.1, libcurl 7.88): a refused
    /// connection is `cannotConnectToHost`, an unknown host `cannotFindHost`, a request timeout `timedOut`, a
    /// connection closed with no answer `badServerResponse`, and failures libcurl has no URL error code for, such
    /// as a connection closed before the announced `Content-Length` was read, `unknown`. Those happen on an open
    /// connection, so `unknown` counts as a lost connection.
    ///
    /// - Parameter secrets: text that must not appear in ``underlyingDescription`` (the request's header values).
    init(urlError: URLError, operation: String, secrets: [String]) {
        let kind: Kind
        let reached: Bool
        switch urlError.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
            .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .clientCertificateRequired:
            (kind, reached) = (.cannotConnect, false)
        case .timedOut:
            (kind, reached) = (.timedOut, true)
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource, .unknown:
            (kind, reached) = (.connectionLost, true)
        default:
            (kind, reached) = (.other, true)
        }
        let name = Self.names[urlError.code] ?? "URLError"
        let text = Self.redacting(secrets, in: urlError.localizedDescription)
        self.init(
            operation: operation,
            kind: kind,
            underlyingDescription: "\(name) (\(urlError.code.rawValue)): \(text)",
            requestMayHaveReachedServer: reached
        )
    }

    /// The text with every secret of at least 8 characters replaced by `<redacted>`.
    package static func redacting(_ secrets: [String], in text: String) -> String {
        secrets.filter { $0.count >= 8 }.sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: "<redacted>")
        }
    }

    private static let names: [URLError.Code: String] = [
        .cannotConnectToHost: "cannotConnectToHost",
        .cannotFindHost: "cannotFindHost",
        .dnsLookupFailed: "dnsLookupFailed",
        .notConnectedToInternet: "notConnectedToInternet",
        .secureConnectionFailed: "secureConnectionFailed",
        .timedOut: "timedOut",
        .networkConnectionLost: "networkConnectionLost",
        .badServerResponse: "badServerResponse",
        .cannotParseResponse: "cannotParseResponse",
        .zeroByteResource: "zeroByteResource",
        .unknown: "unknown",
        .cancelled: "cancelled",
        .badURL: "badURL",
        .unsupportedURL: "unsupportedURL",
    ]
}
