/// Ctrl-C stopped a command while it was waiting; the work on the server goes on.
public struct InterruptedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being waited for, for example `"the clone 3c2e… to be completed"`.
    public var waitingFor: String?
    /// A command that shows how the work is going, for example `"imodels status 3c2e…"`.
    public var checkCommand: String?
    /// Whether work on the server may go on; `false` while the token command runs, before anything was sent.
    public var serverWorkGoesOn: Bool

    /// Creates the error.
    public init(waitingFor: String? = nil, checkCommand: String? = nil, serverWorkGoesOn: Bool = true) {
        self.waitingFor = waitingFor
        self.checkCommand = checkCommand
        self.serverWorkGoesOn = serverWorkGoesOn
    }

    /// While the `--token-command` runs at the start: nothing was sent yet.
    public static let tokenCommand = InterruptedError(
        waitingFor: "the token command (--token-command)", serverWorkGoesOn: false)

    /// `Interrupted: stopped waiting for ….`
    public var description: String {
        "Interrupted: stopped waiting" + (waitingFor.map { " for \($0)" } ?? "") + "."
    }
}
