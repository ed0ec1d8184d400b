/// A link to a file in cloud storage, on another origin than the API (`{"href": "…", "storageType": "azure"}`), for
/// example a changeset's `_links.download`. Fetch it without `Authorization`.
public struct StorageLink: Sendable, Hashable, Codable {
    /// The file's URL as the server sent it (it may carry a time-limited signature).
    public var href: String
    /// The kind of storage, for example `azure` or `google`.
    public var storageType: String?

    /// Creates a storage link.
    public init(href: String, storageType: String? = nil) {
        self.href = href
        self.storageType = storageType
    }
}
