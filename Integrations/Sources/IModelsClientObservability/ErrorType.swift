import IModelsClient

/// The `error.type` of a failed call or attempt: a short, low-cardinality name, never an error's description.
enum ErrorType {
    /// `"503"` for an answer the client turned into an error, the transport failure's kind (`"timedOut"`,
    /// `"connectionLost"`, …), the case of any other `ITwinClientError` (`"decoding"`, `"timedOut"`,
    /// …), `"cancelled"`, or the error's type name.
    static func of(_ error: any Error) -> String {
        switch error {
        case ITwinClientError.api(let apiError):
            return String(apiError.status)
        case ITwinClientError.transport(let failure):
            return failure.kind.rawValue
        case let failure as TransportFailure:
            return failure.kind.rawValue
        case is CancellationError:
            return "cancelled"
        case let error as ITwinClientError:
            return Mirror(reflecting: error).children.first?.label ?? String(describing: type(of: error))
        default:
            return String(reflecting: type(of: error))
        }
    }
}
