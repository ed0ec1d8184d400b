import Foundation
import IModelsClient

/// How runs progress on the clock, what they report, and what they change once they succeed.
extension SimulatorState {
    /// The run's timeline: it begins when it is created, or (queued) when the run before it on the same target has
    /// stopped, then spends a phase `Created`, a phase `Initializing`, and processes its elements `Started`.
    func timeline(of run: RunRecord) -> RunTimeline {
        var previousEnd = Date.distantPast
        for id in runOrder {
            guard let other = runs[id], other.targetIModelId == run.targetIModelId else { continue }
            let phase = other.phase
            var processing = max(1, (Double(other.totalElementCount) / Double(other.elementsPerSecond)).rounded(.up))
            // A failing run fails halfway through its elements.
            if other.failureMessage != nil { processing = max(1, (processing / 2).rounded(.up)) }
            let begin = max(other.createdAt, previousEnd)
            let timeline = RunTimeline(
                begin: begin, initializingAt: begin.addingTimeInterval(phase),
                startedAt: begin.addingTimeInterval(2 * phase),
                endsAt: begin.addingTimeInterval(2 * phase + processing),
                abortedAt: other.abortedAt)
            if other.id == run.id { return timeline }
            previousEnd = max(previousEnd, timeline.finishedAt)
        }
        let now = run.createdAt
        return RunTimeline(begin: now, initializingAt: now, startedAt: now, endsAt: now, abortedAt: run.abortedAt)
    }

    func status(of run: RunRecord, now: Date) -> String {
        let timeline = timeline(of: run)
        if let aborted = run.abortedAt, aborted < timeline.endsAt, now >= aborted { return "Aborted" }
        if now >= timeline.endsAt { return run.failureMessage == nil ? "Succeeded" : "Failed" }
        if now >= timeline.startedAt { return "Started" }
        if now >= timeline.initializingAt { return "Initializing" }
        return "Created"
    }

    func processedElements(of run: RunRecord, now: Date) -> Int {
        let timeline = timeline(of: run)
        let until = min(now, timeline.finishedAt)
        guard until > timeline.startedAt else { return 0 }
        let processed = Int(until.timeIntervalSince(timeline.startedAt) * Double(run.elementsPerSecond))
        let limit = run.failureMessage == nil ? run.totalElementCount : run.totalElementCount / 2
        return min(limit, processed)
    }

    func runJSON(_ run: RunRecord, origin: String, now: Date) -> WireJSON {
        let timeline = timeline(of: run)
        let status = status(of: run, now: now)
        let finished = ["Succeeded", "Failed", "Aborted"].contains(status)
        var members: [(String, WireJSON)] = [
            ("id", .string(run.id)),
            ("status", .string(status)),
            ("errorMessage", .string(status == "Failed" ? run.failureMessage ?? "" : "")),
        ]
        if status == "Failed" { members.append(("errorCode", 1)) }
        members += [
            ("processedElementCount", .int(processedElements(of: run, now: now))),
            ("totalElementCount", .int(run.totalElementCount)),
            ("createdDateTime", SimulatorReply.date(run.createdAt)),
            // A run aborted before it started never gets a start date.
            (
                "startedDateTime",
                min(now, timeline.finishedAt) >= timeline.startedAt ? SimulatorReply.date(timeline.startedAt) : .null
            ),
            ("finishedDateTime", finished ? SimulatorReply.date(min(timeline.finishedAt, now)) : .null),
            ("sourceChangeSetId", .string(run.sourceChangesetId)),
            ("lastTargetChangesetPushed", .optional(run.pushedChangesetId)),
            (
                "_links",
                .object([("configuration", .link("\(origin)/transformations/configurations/\(run.configurationId)"))])
            ),
        ]
        return .object(members)
    }

    func configurationJSON(_ record: ConfigurationRecord, origin: String) -> WireJSON {
        var members: [(String, WireJSON)] = [
            ("id", .string(record.id)),
            ("transformName", .string(record.transformName)),
            ("comment", .string(record.comment)),
            ("createdDateTime", SimulatorReply.date(record.createdAt)),
            ("modifiedDateTime", SimulatorReply.date(record.createdAt)),
            ("transformType", .string(record.transformType)),
        ]
        if let guids = record.fedGuids {
            members.append(
                (
                    "transformParameters",
                    .object([("fedGuidsOfRepositoriesToExport", .array(guids.map(WireJSON.string)))])
                ))
        } else if let parameters = record.parameters {
            members.append(("transformParameters", WireJSON(parameters)))
        }
        members.append(
            (
                "_links",
                .object([
                    (
                        "sourceIModel",
                        .link("\(origin)/imodels/\(SimulatorRequest.encodeSegment(record.sourceIModelId))")
                    ),
                    (
                        "targetIModel",
                        .link("\(origin)/imodels/\(SimulatorRequest.encodeSegment(record.targetIModelId))")
                    ),
                    (
                        "sourceProject",
                        .link("\(origin)/itwins/\(SimulatorRequest.encodeSegment(record.sourceProjectId))")
                    ),
                    (
                        "targetProject",
                        .link("\(origin)/itwins/\(SimulatorRequest.encodeSegment(record.targetProjectId))")
                    ),
                ])
            ))
        return .object(members)
    }

    /// Applies, in the order they ended, the effects of every run that has succeeded by `now`: ImportIModel adds (or
    /// refreshes) the source's Subject in the target, PopulateFederationGuids clears the missing-FederationGuids
    /// flag, MergeIModel records the merge; each pushes a changeset to the target when it changed something.
    mutating func applyFinishedRuns(now: Date) {
        let due = runOrder.compactMap { runs[$0] }
            .filter { !$0.effectsApplied && status(of: $0, now: now) == "Succeeded" }
            .sorted { timeline(of: $0).endsAt < timeline(of: $1).endsAt }
        for var run in due {
            run.effectsApplied = true
            defer { runs[run.id] = run }
            guard let configuration = configurations[run.configurationId],
                var target = iModels[configuration.targetIModelId]
            else { continue }
            let source = iModels[configuration.sourceIModelId]
            switch configuration.transformType {
            case "ImportIModel":
                guard let source else { continue }
                // A rerun that found nothing new changes nothing; a first import always creates the Subject.
                let imported = target.subjects.contains { $0.codeValue == source.id }
                if imported && run.totalElementCount == 0 { continue }
                let subject = SubjectRecord(
                    codeValue: source.id, userLabel: source.name,
                    elementCount: configuration.fedGuids == nil ? source.elementCount : source.elementCount / 4,
                    importedBy: configuration.id)
                if let index = target.subjects.firstIndex(where: { $0.codeValue == source.id }) {
                    target.subjects[index] = subject
                } else {
                    target.subjects.append(subject)
                    target.elementCount += subject.elementCount
                }
                configurations[configuration.id]?.syncedSourceIndex = run.sourceChangesetIndex
            case "PopulateFederationGuids":
                target.isMissingFederationGuids = false
            case "MergeIModel":
                target.merges.append(configuration.sourceIModelId)
            default:
                break
            }
            let pushedAt = timeline(of: run).endsAt
            let changeset = ChangesetRecord(
                id: ids.changesetId(), index: (target.changesets.last?.index ?? 0) + 1,
                parentId: target.changesets.last?.id ?? "", description: configuration.comment, pushedAt: pushedAt,
                fileSize: 4096, briefcaseId: 1, application: Self.transformationsApplication)
            target.changesets.append(changeset)
            run.pushedChangesetId = changeset.id
            iModels[target.id] = target
        }
    }
}
