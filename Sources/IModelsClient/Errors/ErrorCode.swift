/// A service error code such as `iModelNotFound`, as an open set.
///
/// Equality and hashing ignore ASCII case, because the services spell the same code differently
/// (`iModelNotFound` in iModels, `IModelNotFound` in Transformations). ``rawValue`` keeps the wire spelling.
public struct ErrorCode: OpenStringValue {
    /// The code as the server spelled it.
    public let rawValue: String

    /// Creates a code from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The `Authorization` header was missing.
    public static let headerNotFound: ErrorCode = "HeaderNotFound"
    /// The token was not accepted.
    public static let unauthorized: ErrorCode = "Unauthorized"
    /// The caller lacks a permission such as `imodels_manage`.
    public static let insufficientPermissions: ErrorCode = "InsufficientPermissions"
    /// The iModel does not exist or is not visible to the caller.
    public static let iModelNotFound: ErrorCode = "iModelNotFound"
    /// The iTwin does not exist or is not visible to the caller.
    public static let iTwinNotFound: ErrorCode = "iTwinNotFound"
    /// The changeset does not exist.
    public static let changesetNotFound: ErrorCode = "ChangesetNotFound"
    /// An iModel with that name already exists in the iTwin.
    public static let iModelExists: ErrorCode = "iModelExists"
    /// The request was not valid for the iModels service.
    public static let invalidIModelsRequest: ErrorCode = "InvalidiModelsRequest"
    /// A property value was not valid.
    public static let invalidValue: ErrorCode = "InvalidValue"
    /// A required property was missing.
    public static let missingRequiredProperty: ErrorCode = "MissingRequiredProperty"
    /// Properties that exclude each other were sent together (for example `changesetId` and `changesetIndex`).
    public static let mutuallyExclusivePropertiesProvided: ErrorCode = "MutuallyExclusivePropertiesProvided"
    /// The request body could not be read.
    public static let invalidRequestBody: ErrorCode = "InvalidRequestBody"
    /// The request body was missing.
    public static let missingRequestBody: ErrorCode = "MissingRequestBody"
    /// The rate limit of the caller's tier was exceeded.
    public static let rateLimitExceeded: ErrorCode = "RateLimitExceeded"
    /// Too many requests (another spelling of a rate limit).
    public static let tooManyRequests: ErrorCode = "TooManyRequests"
    /// The transformation configuration does not exist.
    public static let configurationNotFound: ErrorCode = "ConfigurationNotFound"
    /// The transformation does not exist.
    public static let transformationNotFound: ErrorCode = "TransformationNotFound"
    /// `404`: the named version does not exist (or is not visible to the caller).
    public static let namedVersionNotFound: ErrorCode = "NamedVersionNotFound"
    /// `409`: the iModel already has a named version of that name.
    public static let namedVersionExists: ErrorCode = "NamedVersionExists"
    /// `409`: the changeset (or the baseline) already has a named version.
    public static let namedVersionOnChangesetExists: ErrorCode = "NamedVersionOnChangesetExists"
}
