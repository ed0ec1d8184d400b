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

    /// The longest id read from a `Location` header: 128 characters (iModel ids are GUIDs, 36).
    static let maximumIdLength = 128

    /// Reads the id from the path of a `Location` URL (`…/imodels/{id}`), whatever its host: the segment after the
    /// last `imodels`, percent-decoded on its own (so `a%2Fb` reads `a/b`, which ``isPlainId(_:)`` then refuses).
    static func iModelId(fromLocation location: URL) -> String? {
        let path = URLComponents(url: location, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        let segments = path.split(separator: "/").map { String($0) }
        func decoded(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }
        guard let index = segments.lastIndex(where: { decoded($0).lowercased() == "imodels" }),
            index + 1 < segments.count
        else { return nil }
        let id = decoded(segments[index + 1])
        return id.isEmpty ? nil : id
    }

    /// Whether an id read from `Location` is plain: 1 to ``maximumIdLength`` ASCII letters, digits, `-`, `_` and `.`,
    /// not only dots. Anything else (a shell command, control characters, `/`, `..`) is refused, since the id is
    /// printed, put in URLs and pasted into commands.
    static func isPlainId(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...maximumIdLength).contains(bytes.count), !bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) else {
            return false
        }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }
}
