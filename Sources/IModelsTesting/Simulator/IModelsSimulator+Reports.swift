import Foundation
import IModelsClient

/// Transformation reports: their content, the storage origin that serves it, and what that origin received.
///
/// A run that has finished (`Succeeded` or `Failed`) has one report; its `_links.download` points at
/// ``reportStorageOrigin`` (never the API's origin), signed and valid for ``reportLinkLifetime`` of the simulator's
/// clock. The storage answers `403 AuthenticationFailed` (an XML body, as blob storage sends) for an expired or edited
/// link, `400 InvalidAuthenticationInfo` for a request that carries `Authorization`, and the content otherwise: by
/// default a small JSON summary of the run (`transformationId`, `status`, `processedElementCount`,
/// `totalElementCount`, `errorMessage`), or what ``setReportContent(_:ofRun:)`` gave.
extension IModelsSimulator {
    /// The origin report download links point at: `https://transformationsreports.simulator.invalid`.
    public static var reportStorageOrigin: URL { URL(string: "https://\(SimulatorState.reportStorageHost)")! }

    /// How long a report link stays valid: 20 minutes, the span of the Get report page's example link.
    public static var reportLinkLifetime: Duration { .seconds(Int(SimulatorState.reportLinkLifetime)) }

    /// Makes the run's report link serve `content` (for example a large body, to test a size limit).
    public func setReportContent(_ content: Data, ofRun transformationId: String) {
        state.withLock { $0.reportContents[transformationId] = content }
    }

    /// Every request the report storage origin received, oldest first, with whether it carried `Authorization`.
    public var reportDownloads: [SimulatorReportDownload] {
        state.withLock { state in
            state.reportDownloads.map {
                SimulatorReportDownload(
                    url: $0.url, carriedAuthorization: $0.carriedAuthorization, receivedAt: $0.receivedAt,
                    status: $0.status)
            }
        }
    }
}
