/// The `X-Correlation-Id` sent with requests.
///
/// Each SDK call generates one (shared by its retries) unless you bind your own for a scope:
/// ```swift
/// try await CorrelationID.$current.withValue("order-1234") { try await client.iModels.iModel(id) }
/// ```
public enum CorrelationID {
    /// The correlation id bound to the current task, if any.
    @TaskLocal public static var current: String?
}
