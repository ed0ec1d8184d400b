import Foundation
import IModelsClient

/// What to do next after an error: one or two sentences for the common cases, `nil` when the message says it all.
public enum Hints {
    /// The hint for `error`, thrown by `command`; `onSimulator` tailors it to the built-in simulator (which starts
    /// fresh for every command, so ids from an earlier command do not exist). With the simulator's `samples` and
    /// the `ids` the command used, a `404` for sample ids says what else is wrong (an iModel in another iTwin, an id
    /// of another kind) instead of blaming an earlier command.
    public static func hint(
        for error: any Error, command: CommandName, onSimulator: Bool, samples: SimulatorSamples? = nil,
        ids: CommandIds = CommandIds()
    ) -> String? {
        switch error {
        case let error as ITwinClientError:
            return hint(for: error, command: command, onSimulator: onSimulator, samples: samples, ids: ids)
        case let error as InterruptedError:
            guard error.serverWorkGoesOn else { return "Nothing was sent to the service." }
            let check = error.checkCommand.map { ": check it with `\($0)`" } ?? ""
            return onSimulator
                ? "On the real service the work would go on; the simulator's ends with this process."
                : "The server's work goes on\(check)."
        case ToolError.tokenCommandTimedOut:
            return "The token command runs in its own process group and cannot read the terminal: if it asks for "
                + "input, run it first and put the token in \(Credentials.environmentVariable) instead."
        case ToolError.missingPermissions:
            return permissionHint(for: command)
                + " Ask an administrator of the iTwin for the missing permission, or run with a token that has it."
        case is ToolError:
            return nil
        default:
            return nil
        }
    }

    static func hint(
        for error: ITwinClientError, command: CommandName, onSimulator: Bool, samples: SimulatorSamples?,
        ids: CommandIds
    ) -> String? {
        switch error {
        case .api(let api):
            return hint(for: api, command: command, onSimulator: onSimulator, samples: samples, ids: ids)
        case .transport(let failure):
            if failure.requestMayHaveReachedServer {
                return "No answer came back, but the request may have reached the service: check what exists "
                    + "(`imodels status <id>`) before you try again. The tool itself never resends a clone, fork or "
                    + "run without looking for it first."
            }
            return "The request was not sent: check the network, a proxy (HTTPS_PROXY) and --environment."
        case .decoding:
            return "The answer was not in the documented shape: check --environment and any proxy in between."
        case .invalidRequest:
            return nil
        case .untrustedURL:
            return "A response pointed to another host; the tool did not send the access token there."
        case .creationFailed(let iModelId, let state):
            if state == .mainIModelIsMissingFederationGuids {
                if onSimulator {
                    return "Rerun the same command with --populate-federation-guids: the tool then runs "
                        + "PopulateFederationGuids on the main iModel, deletes the failed fork and forks again."
                }
                return "Rerun with --populate-federation-guids: the tool then runs PopulateFederationGuids on the "
                    + "main iModel (imodels_write there), deletes the failed fork and forks again. The failed fork "
                    + "\(iModelId) from this attempt still holds its name: delete it first or pass another --name."
            }
            return onSimulator
                ? nil
                : "The failed iModel \(iModelId) still holds its name in the iTwin: delete it, or pass another "
                    + "--name, before you try again."
        case .transformationFailed(let run):
            if run.status == .aborted {
                return
                    "The run was cancelled (`\(ShellWord.command("imodels", "transformation", run.id, "--cancel"))`, "
                    + "or another client)."
            }
            return "A failed run may leave the target iModel unusable: import into a new, empty iModel."
        case .timedOut(let operation, let resourceId, _):
            let check =
                operation.lowercased().contains("transformation") || operation == "waitUntilFinished"
                ? ShellWord.command("imodels", "transformation", resourceId)
                : ShellWord.command("imodels", "status", resourceId)
            if onSimulator {
                return "Wait longer with --timeout (on the real service the work would go on; check it with "
                    + "`\(check)`)."
            }
            return "The server's work goes on: check it with `\(check)`, or wait longer with --timeout."
        case .ambiguousOutcome:
            return "The answer was lost and the service holds more than one run this command may have started: "
                + "check them (`imodels transformation <id>`) before you run again."
        case .tokenProviderFailed(_, let underlying):
            return hint(for: underlying, command: command, onSimulator: onSimulator, samples: samples, ids: ids)
        case .missingPermissions:
            return permissionHint(for: command)
                + " Ask an administrator of the iTwin for the missing permission, or run with a token that has it."
        }
    }

    static func hint(
        for error: APIError, command: CommandName, onSimulator: Bool, samples: SimulatorSamples?, ids: CommandIds
    ) -> String? {
        if error.operation == "downloadTransformationReport" {
            return reportDownloadHint(for: error)
        }
        if command == .transform && error.status == 404 && error.code != .iModelNotFound
            && error.operation.hasPrefix("create") && error.operation.hasSuffix("Configuration")
        {
            return "The service has no such configuration type: check the spelling of --type (known to this tool: "
                + "\(TransformTypes.names))."
        }
        if command == .transform && error.status == 422 {
            return "The service refused the configuration: check --parameters against the type's page on "
                + "developer.bentley.com (the error's target names the member)."
        }
        switch error.status {
        case 401:
            return "The access token was not accepted: it is missing, has expired, or is for another environment "
                + "(--environment). Put a fresh token in ITWIN_ACCESS_TOKEN, or pass --token-command so the tool "
                + "fetches one (and fetches it again after a 401)."
        case 403:
            return permissionHint(for: command)
        case 404:
            if error.code == .changesetNotFound {
                return "List the source's changesets and their indexes with `imodels changesets <imodel-id>`."
            }
            if error.code?.rawValue.lowercased() == "namedversionnotfound" {
                return "List the iModel's named versions with `imodels versions list <imodel-id>`."
            }
            if onSimulator { return simulatorNotFoundHint(samples: samples, ids: ids) }
            return "Check the id, and --environment: production, qa and dev hold different iModels. An iModel you "
                + "may not see also answers 404."
        case 409:
            return conflictHint(for: error)
        case 429:
            return rateLimitHint(for: error, command: command)
        case 500...599:
            return "The service had a problem. Reads were already retried; try again later, and quote the "
                + "correlation id to Bentley support if it persists."
        default:
            return nil
        }
    }

    /// A `404` on the simulator: an id from an earlier command is gone, unless every id the command used is a
    /// sample id; then an iModel is not in the iTwin given with it, or an id is of another kind.
    static func simulatorNotFoundHint(samples: SimulatorSamples?, ids: CommandIds) -> String {
        let fresh =
            "The simulator starts fresh for every command: only the sample ids (listed above) exist, and ids "
            + "printed by an earlier command are gone"
        guard let samples, !ids.ids.isEmpty else { return fresh + "." }
        let unknown = ids.ids.filter { !samples.allIds.contains($0) }
        if !unknown.isEmpty {
            let list = unknown.map { "`\($0)`" }.joined(separator: ", ")
            return fresh + "; \(list) \(unknown.count == 1 ? "is not a sample id" : "are not sample ids")."
        }
        for placement in ids.placements {
            guard let model = samples.iModels.first(where: { $0.id == placement.iModelId }),
                model.iTwinId != placement.iTwinId
            else { continue }
            let given = samples.quotedName(of: placement.iTwinId) ?? placement.iTwinId
            let actual = samples.quotedName(of: model.iTwinId) ?? model.iTwinId
            return "The iModel \"\(model.name)\" (\(model.id)) is in the iTwin \(actual), not in \(given) given with "
                + "\(placement.option): pass \(model.iTwinId), or omit \(placement.option) to use the iModel's own "
                + "iTwin."
        }
        return "Every id given is a sample id, so nothing from an earlier command is missing: check that each id is "
            + "of the right kind (an iModel's id where an iModel is expected, an iTwin's where an iTwin is) and that "
            + "each iModel is in the iTwin given with it. The iModels \"Bridge\", \"Campus\" and \"Plant (legacy)\" "
            + "are in \"Sample Bridges\", the others in \"Sample Copies\"."
    }

    /// The permissions the API pages (the project's seeds) name for what the command does.
    static func permissionHint(for command: CommandName) -> String {
        let transformations =
            "Transformations need imodels_read in the source iModel's iTwin (project) and imodels_write in the "
            + "target's (or the same at iModel level)."
        switch command {
        case .clone:
            return "Cloning needs imodels_manage in the source iModel's iTwin and in the target iTwin (or "
                + "Organization Administrator); with iModel-level permissions, at least imodels_webview on the "
                + "source iModel."
        case .fork:
            return "Forking needs imodels_manage in the main iModel's iTwin and in the iTwin of the fork (or "
                + "Organization Administrator); --populate-federation-guids also needs imodels_read and "
                + "imodels_write on the main iModel."
        case .status, .wait, .changesets:
            return "Reading an iModel, its creation state and its changesets needs imodels_webview in its iTwin "
                + "(or on the iModel, when iModel-level permissions are configured)."
        case .import, .run, .transformation, .transform, .transformations:
            return transformations
        case .report:
            return "Reading a run's report needs imodels_read in the iTwins (projects) of its configuration's source "
                + "and target iModels (or the same at iModel level)."
        case .list, .info, .permissions:
            return "Listing and reading iModels and their permissions needs imodels_webview in their iTwin (or on "
                + "the iModel, when iModel-level permissions are configured)."
        case .update:
            return "Updating an iModel needs imodels_manage in its iTwin (or on the iModel)."
        case .delete:
            return "Deleting an iModel needs imodels_delete in its iTwin (an iTwin-level permission only)."
        case .versions:
            return "Listing named versions needs imodels_webview; creating one needs imodels_write on the iModel (or "
                + "in its iTwin)."
        case .demo:
            return "The demo clones (imodels_manage in the source and target iTwins), creates an iModel "
                + "(imodels_manage in the target iTwin) and imports (imodels_read and imodels_write)."
        }
    }

    /// An error answer from the storage that serves a report: its link is signed and time-limited.
    static func reportDownloadHint(for error: APIError) -> String {
        if error.status == 403 || error.status == 404 {
            return "The report's download link has expired or was refused by the storage (links are valid for "
                + "minutes): run `imodels report <run-id> --download <file>` again for a fresh link."
        }
        return "The storage that serves the report answered with an error: try again later."
    }

    static func conflictHint(for error: APIError) -> String? {
        switch error.code?.rawValue.lowercased() {
        case "imodelexists":
            return "An iModel with that name already exists in the target iTwin: pass another --name."
        case "namedversionexists":
            return "The iModel already has a named version of that name: pass another --name (`imodels versions "
                + "list <imodel-id>` lists them)."
        case "namedversiononchangesetexists":
            return "That changeset (or the baseline) already has a named version: a changeset carries at most one."
        case "transformationinprogress":
            return "Another run is going on for the same target iModel: wait for it, or pass --queue to `imodels "
                + "run` so this run waits its turn."
        case "transformationnotcancellable":
            return "Only a run that has not finished can be cancelled."
        default:
            return nil
        }
    }

    static func rateLimitHint(for error: APIError, command: CommandName) -> String {
        var text = "The rate limit of your subscription was reached"
        if let tier = error.rateLimit?.tier { text += " (tier \(TerminalText.line(tier)))" }
        text += ". "
        if command == .clone || command == .fork || command == .demo {
            text += "Clone and fork have a lower limit (5 per minute on Trial, 20 on paid tiers). "
        }
        if let retryAfter = error.retryAfter {
            let seconds = Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0)
            text +=
                "The service asked to wait \(TextFormat.seconds(Double(seconds))), longer than the tool waits "
                + "by itself: try again after that."
        } else {
            text += "Limits are per minute: try again in a minute."
        }
        return text
    }
}

/// What `--no-wait` says once the work has started: how to follow it. The built-in simulator starts fresh for every
/// command, so there the id lives only in this process, and a later `imodels wait <id>` would answer 404.
public enum FollowUp {
    /// After `clone --no-wait` or `fork --no-wait`: `Accepted: the clone is iModel <id>. …`; the id is shell-quoted
    /// in the command (``ShellWord``).
    public static func accepted(kind: String, iModelId: String, onSimulator: Bool) -> String {
        "Accepted: the \(kind) is iModel \(TerminalText.line(iModelId)). "
            + follow(with: ShellWord.command("imodels", "wait", iModelId), onSimulator: onSimulator)
    }

    /// After `import --no-wait` or `run --no-wait`: `Started run <id>. …`; the id is shell-quoted in the command.
    public static func started(runId: String, onSimulator: Bool) -> String {
        "Started run \(TerminalText.line(runId)). "
            + follow(with: ShellWord.command("imodels", "transformation", runId, "--wait"), onSimulator: onSimulator)
    }

    private static func follow(with command: String, onSimulator: Bool) -> String {
        if onSimulator {
            return "On the simulator it exists only in this process, which ends now, so `\(command)` would not find "
                + "it: run the same command without --no-wait to follow it."
        }
        return "Follow it with `\(command)`."
    }
}
