import Foundation

/// Why the tool has no usable login: a token file it refuses or cannot read or write, a stored login that expired
/// and cannot be renewed, or a sign-in the authorization server refused. Exit code 7 (``CLIExitCode/auth``). No case
/// holds a secret or a token.
public enum LoginError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token file can be read or written by others: it is refused until its mode is 0600.
    case looseFile(path: String, mode: UInt32)
    /// The token file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The token file or its folder cannot be written.
    case unwritable(path: String, reason: String)
    /// The stored service login expired and no secret was given to renew it.
    case expired(environment: String, clientId: String, secretVariable: String)
    /// The stored login could not be renewed: the authorization server's answer or the transport's failure.
    case renewalFailed(environment: String, reason: String)
    /// The sign-in was refused: the authorization server's answer or the transport's failure.
    case signInFailed(reason: String)
    /// The browser did not come back to the loopback redirect in time.
    case signInTimedOut(after: Duration)

    /// A readable description, with the fix.
    public var description: String {
        switch self {
        case .looseFile(let path, let mode):
            return "Refused to read \(path): its mode is \(String(mode, radix: 8)), so others can read it. "
                + "Fix it with: chmod 600 \(path)"
        case .unreadable(let path, let reason):
            return "Could not read the stored login \(path): \(reason). Run `imodels auth logout` and sign in again."
        case .unwritable(let path, let reason):
            return "Could not write \(path): \(reason)."
        case .expired(let environment, let clientId, let variable):
            return "The stored \(environment) login of service app \(clientId) expired, and the secret is not kept "
                + "on disk: set \(variable) to renew it automatically, or run `imodels auth login --client-id "
                + "\(clientId) --client-secret-file <file>` again."
        case .renewalFailed(let environment, let reason):
            return "Could not renew the stored \(environment) login: \(reason)"
        case .signInFailed(let reason):
            return "Sign-in failed: \(reason)"
        case .signInTimedOut(let after):
            let seconds = after.components.seconds
            let time =
                seconds >= 60
                ? "\(seconds / 60) min"
                : TextFormat.seconds(Double(after.components.attoseconds) / 1e18 + Double(seconds))
            return "Sign-in timed out: the browser did not come back within \(time). Run `imodels auth login` "
                + "again (with --no-browser, open the URL it prints yourself)."
        }
    }
}
