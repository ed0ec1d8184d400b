import Foundation

/// The handle of an iModel whose creation was accepted (clone, fork): its id, and the `Location` and
/// `Create-iModel-Operation` URLs the server sent, kept as information.
///
/// It is `Codable`, so a process can store it and resume waiting after a restart with
/// ``IModelsAPI/waitUntilCreated(_:until:timeout:onUpdate:)``.
public struct IModelCreation: Sendable, Hashable, Codable {
    /// The new iModel's id.
    public var iModelId: String
    /// The `Location` header: the new iModel's details URL.
    public var iModelURL: URL?
    /// The `Create-iModel-Operation` header: the URL of the creation's progress.
    public var createOperationURL: URL?

    /// Creates the value.
    public init(iModelId: String, iModelURL: URL? = nil, createOperationURL: URL? = nil) {
        self.iModelId = iModelId
        self.iModelURL = iModelURL
        self.createOperationURL = createOperationURL
    }

    /// Reads the id from the path of a `Location` URL (`…/imodels/{id}`), whatever its host.
    static func iModelId(fromLocation location: URL) -> String? {
        let segments = location.path.split(separator: "/").map(String.init)
        guard let index = segments.lastIndex(where: { $0.lowercased() == "imodels" }), index + 1 < segments.count
        else { return nil }
        let id = segments[index + 1]
        return id.isEmpty ? nil : id
    }
}
