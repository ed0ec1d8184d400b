/// The SDK's name and version, as sent in `User-Agent`.
public enum SDKVersion {
    /// The semantic version of this SDK.
    public static let version = "0.1.0"
    /// The `User-Agent` value: `IModelsClient-Swift/0.1.0`.
    public static let userAgent = "IModelsClient-Swift/\(version)"
}
