/// A `BisCore:Subject` an ImportIModel transformation created in its target: its code value is the source iModel's
/// id and its label the source's name, with the imported elements under it.
public struct SimulatorSubject: Sendable, Hashable {
    /// The source iModel's id.
    public var codeValue: String
    /// The source iModel's name.
    public var userLabel: String
    /// How many elements were imported under it.
    public var elementCount: Int

    /// Creates a subject.
    public init(codeValue: String, userLabel: String, elementCount: Int) {
        self.codeValue = codeValue
        self.userLabel = userLabel
        self.elementCount = elementCount
    }
}
