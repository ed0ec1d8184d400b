import Foundation
import IModelsClient

/// Removes the values of a request's credential headers (`HTTPHeaders.credentialNames`) from text,
/// so an error thrown below a middleware cannot carry the token into a span.
struct CredentialRedaction: Sendable {
    /// The secrets to remove, longest first: each credential header's value, and the token after its scheme
    /// (`Bearer …`).
    let secrets: [String]

    init(of headers: HTTPHeaders) {
        let names = Set(HTTPHeaders.credentialNames.map { $0.lowercased() })
        var secrets: Set<String> = []
        for field in headers where names.contains(field.name.lowercased()) {
            secrets.insert(field.value)
            if let space = field.value.firstIndex(of: " ") {
                secrets.insert(String(field.value[field.value.index(after: space)...]))
            }
        }
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// The text with every secret replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    /// The error as a span may record it: the error itself when its description holds no secret, else a
    /// ``RedactedError`` with the description redacted and the type name kept.
    func redacting(_ error: any Error) -> any Error {
        let description = String(describing: error)
        let redacted = redact(description)
        if redacted == description { return error }
        return RedactedError(typeName: String(reflecting: type(of: error)), description: redacted)
    }
}

/// An error as recorded in a span: the description of the original with credentials redacted.
struct RedactedError: Error, CustomStringConvertible {
    /// The original error's type.
    let typeName: String
    /// The original error's description, credentials redacted.
    let description: String
}
