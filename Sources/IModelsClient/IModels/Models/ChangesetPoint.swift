import Foundation

/// How far a clone or fork copies the source's changesets (and which state of a template a new iModel starts from).
public enum ChangesetPoint: Sendable, Hashable {
    /// Every changeset (sends neither `changesetId` nor `changesetIndex`).
    case latest
    /// Only the baseline (sends `changesetIndex: 0`).
    case baselineOnly
    /// Up to and including this changeset (sends `changesetId`).
    case changesetId(String)
    /// Up to and including the changeset with this index (sends `changesetIndex`; must not be negative).
    case changesetIndex(Int)
    /// Up to and including the changeset of this named version (its id): the SDK first reads the named version
    /// (`GET /imodels/{id}/namedversions/{namedVersionId}`) and sends its `changesetId`, or `changesetIndex: 0` for a
    /// version of the baseline. A missing version ends the call with the API's `404 NamedVersionNotFound` before
    /// anything is created.
    case namedVersion(String)

    /// Throws ``ITwinClientError/invalidRequest(_:)`` for a blank id or a negative index.
    func validate() throws {
        switch self {
        case .changesetId(let id) where InputValidation.isBlank(id):
            throw ITwinClientError.invalidRequest(
                "changesetId must not be empty; use .baselineOnly to copy no changesets.")
        case .changesetIndex(let index) where index < 0:
            throw ITwinClientError.invalidRequest("changesetIndex must not be negative (got \(index)).")
        case .namedVersion(let id) where InputValidation.isBlank(id):
            throw ITwinClientError.invalidRequest("the named version's id must not be empty.")
        default:
            return
        }
    }
}
