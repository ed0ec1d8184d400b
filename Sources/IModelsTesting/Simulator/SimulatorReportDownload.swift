import Foundation

/// A request the simulator's report storage origin received (``IModelsSimulator/reportDownloads``).
public struct SimulatorReportDownload: Sendable, Hashable {
    /// The URL asked for, query included.
    public var url: URL
    /// Whether the request carried an `Authorization` header (the SDK must never send one there).
    public var carriedAuthorization: Bool
    /// When it arrived, on the simulator's clock.
    public var receivedAt: Date
    /// The status the storage answered.
    public var status: Int

    /// Creates a record.
    public init(url: URL, carriedAuthorization: Bool, receivedAt: Date, status: Int) {
        self.url = url
        self.carriedAuthorization = carriedAuthorization
        self.receivedAt = receivedAt
        self.status = status
    }
}
