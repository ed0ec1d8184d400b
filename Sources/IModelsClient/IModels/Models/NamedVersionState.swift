/// Whether a named version is shown in the lists applications display (`namedVersion.state`), as an open set.
///
/// A `hidden` version is still returned by the API's list; the state only tells applications not to display it.
/// Unknown states decode instead of failing; comparison ignores ASCII case.
public struct NamedVersionState: OpenStringValue {
    /// The state as the server spelled it.
    public let rawValue: String

    /// Creates a state from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Shown in the named-version lists of applications (the state of a new named version).
    public static let visible: NamedVersionState = "visible"
    /// Meant to be left out of the named-version lists applications display.
    public static let hidden: NamedVersionState = "hidden"
}
