/// The SDK's name and version, as sent in `User-Agent`.
enum SDKVersion {
    /// The semantic version of this SDK.
    static let version = "0.1.0"
    /// The `User-Agent` value: `IModelsClient-Swift/0.1.0`.
    static let userAgent = "IModelsClient-Swift/\(version)"
}
