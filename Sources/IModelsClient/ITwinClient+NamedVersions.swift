import Foundation

extension ITwinClient {
    /// Recreates on a copy (a clone, a fork) the source's named versions that fall within the copied changesets:
    /// same name, description and state, on the copy's matching changeset. Clone and fork copy only the baseline and
    /// changesets ("the rest of source iModel entities are not copied", Clone iModel page), so a copy starts without
    /// named versions.
    ///
    /// How a version is matched: the copy's create operation names the source and the last changeset copied
    /// (`clonedFrom`/`forkedFrom.changesetId`, `""` for the baseline only); versions after it are skipped
    /// (``NamedVersionsCopy/SkipReason/afterCopiedChangesets``). The pages do not say in words whether a copy keeps
    /// changeset ids; changeset ids are hashes of a changeset's content and parent (iTwin.js `ChangesetId`), clone
    /// copies the changesets themselves, and the create operation names the copy's point by a *source* changeset id,
    /// so the SDK maps **by changeset id**: a version is created on the copy's changeset with the source version's
    /// changeset id. Indexes are not used (they need not be consecutive, and nothing says a copy keeps them).
    ///
    /// A copy whose history was squashed (a fork without `preserveHistory`) has only a baseline, the source's state
    /// at the copied changeset: the version on exactly that changeset (or, for a baseline-only copy, the baseline's
    /// version) is created on the copy's baseline; every other one is skipped
    /// (``NamedVersionsCopy/SkipReason/noMatchingChangeset``). A version of the source's baseline maps to the copy's
    /// baseline when the copy kept its history. An iModel created from a template says nothing of where it came
    /// from, so nothing maps onto it and every version is skipped the same way.
    ///
    /// A version whose name the copy already has (ignoring case, as the service does) is skipped
    /// (``NamedVersionsCopy/SkipReason/alreadyPresent``), and so is one whose changeset on the copy already carries
    /// another version (``NamedVersionsCopy/SkipReason/changesetAlreadyNamed``), so a run that failed half-way can be
    /// run again to finish the job; when the source's version is `hidden` and the
    /// copy's of that name is on the same changeset but `visible` (a run that stopped between creating and hiding
    /// it), it is hidden first. A `hidden` version is created, then updated to `hidden` (creation takes no state).
    /// Each creation is duplicate-safe (``IModelsAPI/createNamedVersion(of:name:description:changesetId:)``).
    ///
    /// Throws ``ITwinClientError/invalidRequest(_:)`` when the copy's create operation names another source.
    public func copyNamedVersions(from sourceIModelId: String, to copyIModelId: String) async throws
        -> NamedVersionsCopy
    {
        try InputValidation.id(sourceIModelId, named: "sourceIModelId")
        try InputValidation.id(copyIModelId, named: "copyIModelId")
        let operation = try await iModels.createOperation(of: copyIModelId)
        let origin =
            operation.clonedFrom.map { ($0.iModelId, $0.changesetId) }
            ?? operation.forkedFrom.map { ($0.iModelId, $0.changesetId) }
        if let origin, !ResourceID.same(origin.0, sourceIModelId) {
            throw ITwinClientError.invalidRequest(
                "iModel \(copyIModelId) was copied from \(origin.0), not from \(sourceIModelId).")
        }
        let sourceVersions = try await iModels.namedVersions(of: sourceIModelId, orderBy: [.changesetIndex]).collect()
            .sorted { $0.changesetIndex < $1.changesetIndex }
        let copyChangesetIds = Set(
            try await iModels.changesets(of: copyIModelId).collect().map { ResourceID.key($0.id) })
        let existing = try await iModels.namedVersions(of: copyIModelId).collect()
        // The copied point: the index of the last changeset copied (0: the baseline only), and whether the copy kept
        // the changesets or squashed them into its baseline.
        var cutoff: (index: Int, changesetId: String, squashed: Bool)?
        if let origin {
            if origin.1.isEmpty {
                cutoff = (0, "", false)
            } else {
                let last = try await iModels.changeset(.id(origin.1), of: sourceIModelId)
                cutoff = (last.index, last.id, !copyChangesetIds.contains(ResourceID.key(last.id)))
            }
        }
        var created: [NamedVersion] = []
        var skipped: [NamedVersionsCopy.Skipped] = []
        for version in sourceVersions {
            func skip(_ reason: NamedVersionsCopy.SkipReason) {
                skipped.append(.init(namedVersion: version, reason: reason))
            }
            guard let cutoff else {
                skip(.noMatchingChangeset)
                continue
            }
            if version.changesetIndex > cutoff.index {
                skip(.afterCopiedChangesets)
                continue
            }
            // Where the version goes on the copy: `.some(nil)` is the baseline, `nil` nowhere.
            let target: String??
            if version.isBaseline {
                target = cutoff.index == 0 || !cutoff.squashed ? .some(nil) : nil
            } else if let id = version.changesetId, copyChangesetIds.contains(ResourceID.key(id)) {
                target = .some(id)
            } else if cutoff.squashed, ResourceID.same(version.changesetId ?? "", cutoff.changesetId) {
                target = .some(nil)
            } else {
                target = nil
            }
            guard let target else {
                skip(.noMatchingChangeset)
                continue
            }
            if let present = existing.first(where: { Self.sameName($0.name, version.name) }) {
                let sameChangeset =
                    present.isBaseline ? target == nil : ResourceID.same(present.changesetId ?? "", target ?? "")
                if version.state == .hidden, present.state != .hidden, sameChangeset {
                    _ = try await iModels.updateNamedVersion(present.id, of: copyIModelId, state: .hidden)
                }
                skip(.alreadyPresent)
                continue
            }
            var made: NamedVersion
            do {
                made = try await iModels.createNamedVersion(
                    of: copyIModelId, name: version.name, description: version.description, changesetId: target)
            } catch let error as ITwinClientError where error.apiError?.status == 409 {
                // Made since the copy's list was read (by another run or a user): the same skips as above.
                switch error.apiError?.code {
                case .namedVersionExists?: skip(.alreadyPresent)
                case .namedVersionOnChangesetExists?: skip(.changesetAlreadyNamed)
                default: throw error
                }
                continue
            }
            if version.state == .hidden {
                made = try await iModels.updateNamedVersion(made.id, of: copyIModelId, state: .hidden)
            }
            created.append(made)
        }
        return NamedVersionsCopy(
            sourceIModelId: sourceIModelId, copyIModelId: copyIModelId, created: created, skipped: skipped)
    }

    /// Whether two named-version names are the same for the service: it refuses a second name that differs only in
    /// case (`409 NamedVersionExists`).
    static func sameName(_ one: String, _ other: String) -> Bool {
        one.compare(other, options: [.caseInsensitive]) == .orderedSame
    }
}
