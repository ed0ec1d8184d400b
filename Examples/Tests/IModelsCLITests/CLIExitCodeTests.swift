import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("Exit codes")
struct CLIExitCodeTests {
    static let run = Transformation(id: "run-1", status: .failed, errorMessage: "boom")

    @Test(
        "every SDK error maps to its documented code",
        arguments: [
            (ITwinClientError.api(APIError(operation: "getIModel", status: 404)), CLIExitCode.api),
            (.decoding(DecodingFailure(operation: "getIModel", status: 200, reason: "truncated")), .api),
            (
                .transport(
                    TransportFailure(
                        kind: .cannotConnect, underlyingDescription: "", requestMayHaveReachedServer: false)
                ), .transport
            ),
            (.invalidRequest("blank id"), .usage),
            (.untrustedURL(URL(string: "https://elsewhere.example")!), .general),
            (.creationFailed(iModelId: "m", state: .failed), .failed),
            (.creationFailed(iModelId: "m", state: .mainIModelIsMissingFederationGuids), .failed),
            (.transformationFailed(run), .failed),
            (.timedOut(operation: "waitUntilCreated", resourceId: "m", lastState: "scheduled"), .timedOut),
            (
                .missingPermissions(
                    PermissionShortfall(preflight: .cloneSource, iModelId: "m", required: [.manage], missing: [.manage])
                ),
                .api
            ),
        ])
    func sdkErrors(error: ITwinClientError, expected: CLIExitCode) {
        #expect(CLIExitCode(for: error) == expected)
    }

    @Test("the tool's own errors, Ctrl-C and anything else")
    func otherErrors() {
        #expect(CLIExitCode(for: ToolError.usage("no id")) == .usage)
        #expect(CLIExitCode(for: ToolError.tokenCommandFailed(command: "x", reason: "exit status 1")) == .general)
        #expect(CLIExitCode(for: ToolError.tokenCommandPrintedNothing(command: "x")) == .general)
        #expect(CLIExitCode(for: InterruptedError()) == .interrupted)
        #expect(CLIExitCode(for: CancellationError()) == .interrupted)
        #expect(CLIExitCode(for: CocoaError(.fileNoSuchFile)) == .general)
        #expect(CLIExitCode(for: LoginError.signInFailed(reason: "invalid_client")) == .auth)
        #expect(CLIExitCode(for: TokenRequestError.stateMismatch) == .auth)
    }

    @Test("the documented numbers do not change")
    func numbers() {
        #expect(CLIExitCode.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6, 7, 130])
        let table = CLIExitCode.table
        for status in CLIExitCode.allCases {
            #expect(table.contains("\(status.rawValue)  \(status.summary)"))
        }
    }
}
