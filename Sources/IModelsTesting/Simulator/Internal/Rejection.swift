import IModelsClient

/// Thrown inside a route to answer with an error response at once.
struct Rejection: Error {
    var response: HTTPResponse

    init(_ response: HTTPResponse) { self.response = response }
}
