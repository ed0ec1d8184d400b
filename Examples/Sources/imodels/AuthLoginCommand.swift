import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels auth login --client-id …`: in the browser (a user), or with a secret (a service app).
struct AuthLoginCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in (in the browser, or as a service app with a secret) and store the token.",
        discussion: """
            Without a secret, a user signs in in the browser (authorization code with PKCE): register a \
            Desktop/Mobile (native) app at developer.bentley.com (My Apps → Register New, application type \
            Desktop/Mobile, redirect URI http://localhost:3000/signin-callback, with the iModels and \
            Transformations APIs), and pass its client id. The browser opens (xdg-open or open), or, with \
            --no-browser, the URL is printed; the tool listens on 127.0.0.1 at the redirect URI's port for 5 \
            minutes. The refresh token is stored, and the access token refreshed within 10 minutes of expiry.

            With a secret, a service app signs in (client credentials): register a Service app, and give its secret \
            with --client-secret-file <file> or \(StoredLoginProvider.secretVariable) so that it stays out of the \
            shell's history (--client-secret works too). When \(StoredLoginProvider.secretVariable) is set, the \
            login is a service login.
            """)

    @Option(help: "The app's client id (a Desktop/Mobile app in the browser, else a Service app).")
    var clientId: String

    @Option(help: "The service app's secret (prefer --client-secret-file or IMODELS_CLIENT_SECRET).")
    var clientSecret: String?

    @Option(help: ArgumentHelp("A file that holds the service app's secret.", valueName: "file"))
    var clientSecretFile: String?

    @Option(
        help:
            "The scopes to ask for, space-separated (default: itwin-platform; the browser sign-in adds offline_access)."
    )
    var scopes: String?

    @Option(help: ArgumentHelp("In the browser: the app's registered loopback redirect URI.", valueName: "url"))
    var redirectURI = InteractiveLogin.defaultRedirectURI.absoluteString

    @Flag(help: "In the browser: print the sign-in URL instead of opening a browser.")
    var noBrowser = false

    @OptionGroup var options: AuthOptions

    func validate() throws {
        try TextOption.check(clientId, "--client-id")
        try TextOption.check(scopes, "--scopes")
        guard let url = URL(string: redirectURI) else { throw ValidationError("--redirect-uri is not a URL.") }
        do {
            try InteractiveLogin.validate(url)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    func run() async throws {
        try await AuthRunner.run(json: false) { console in
            let store = try options.store()
            let environment = options.environment.environment
            let secret = try ServiceLogin.secret(
                option: clientSecret, file: clientSecretFile, environment: ProcessInfo.processInfo.environment)
            if let secret {
                try await ServiceLogin.run(
                    clientId: clientId, secret: secret, scopes: ServiceLogin.scopes(scopes), environment: environment,
                    store: store, console: console)
                return
            }
            let login = try await InteractiveLogin(
                clientId: clientId, scopes: ServiceLogin.scopes(scopes), redirectURI: URL(string: redirectURI)!,
                environment: environment
            )
            .run(store: store, console: console, openBrowser: { noBrowser ? false : Browser.open($0) })
            console.out(
                "Signed in to \(login.environment) with app \(login.clientId) (token expires "
                    + "\(login.expiresAt.formatted(.iso8601)); refreshed automatically).")
        }
    }
}

/// Opens a URL in the system browser: `open` on macOS, `xdg-open` elsewhere.
enum Browser {
    /// Whether the opener could be started and ended with status 0.
    static func open(_ url: URL) -> Bool {
        let process = Process()
        #if os(macOS)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
            process.arguments = [url.absoluteString]
        #else
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xdg-open", url.absoluteString]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
