import IModelsClient
import Tracing

/// Writes a tracer's propagation fields (`traceparent`, `tracestate`, `baggage`, …) into `HTTPHeaders`,
/// for `Tracer.inject(_:into:using:)`.
///
/// A field of the same name is replaced. A credential header (`HTTPHeaders.credentialNames`:
/// `Authorization`, `Proxy-Authorization`) is never written, whatever the tracer asks: propagation must not be able to
/// replace the token.
public struct HTTPHeadersInjector: Injector {
    /// Creates an injector.
    public init() {}

    /// Sets the header `key` to `value`, unless `key` names a credential header.
    public func inject(_ value: String, forKey key: String, into carrier: inout HTTPHeaders) {
        guard !HTTPHeaders.credentialNames.contains(where: { $0.lowercased() == key.lowercased() }) else { return }
        carrier[key] = value
    }
}
