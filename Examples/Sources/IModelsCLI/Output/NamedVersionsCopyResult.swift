import IModelsClient

/// What `--copy-named-versions` did (``ITwinClient/copyNamedVersions(from:to:)``): the named versions created on the
/// copy, and those of the source left out with the reason.
public struct NamedVersionsCopyResult: Sendable, Encodable, Equatable {
    /// A named version of the source that was not created on the copy.
    public struct Skipped: Sendable, Encodable, Equatable {
        /// The source's named version.
        public var namedVersion: NamedVersion
        /// `alreadyPresent`, `afterCopiedChangesets`, `noMatchingChangeset` or `changesetAlreadyNamed`.
        public var reason: String
    }

    /// The iModel the named versions were read from.
    public var sourceIModelId: String
    /// The copy they were created on.
    public var copyIModelId: String
    /// The named versions created on the copy.
    public var created: [NamedVersion]
    /// The source's named versions not created.
    public var skipped: [Skipped]

    /// The SDK's value, encodable.
    public init(_ copy: NamedVersionsCopy) {
        sourceIModelId = copy.sourceIModelId
        copyIModelId = copy.copyIModelId
        created = copy.created
        skipped = copy.skipped.map { Skipped(namedVersion: $0.namedVersion, reason: Self.reason($0.reason)) }
    }

    static func reason(_ reason: NamedVersionsCopy.SkipReason) -> String {
        switch reason {
        case .alreadyPresent: return "alreadyPresent"
        case .afterCopiedChangesets: return "afterCopiedChangesets"
        case .noMatchingChangeset: return "noMatchingChangeset"
        case .changesetAlreadyNamed: return "changesetAlreadyNamed"
        }
    }

    /// `Copied 2 named versions; skipped 1.`
    public var summary: String {
        "Copied \(created.count) named version\(created.count == 1 ? "" : "s") onto the copy; skipped \(skipped.count)."
    }

    /// Rows for a result's text: one per named version, created or skipped with why; made terminal-safe.
    var rows: [(String, String)] {
        var rows: [(String, String)] = []
        for version in created {
            rows.append(("named version", "\(version.name): created on \(NamedVersionText.point(version))"))
        }
        for skip in skipped {
            let why: String
            switch skip.reason {
            case "alreadyPresent": why = "the copy already has one of that name"
            case "afterCopiedChangesets": why = "its changeset \(skip.namedVersion.changesetIndex) was not copied"
            case "changesetAlreadyNamed": why = "the copy's changeset already has another named version"
            default: why = "no changeset of the copy matches it"
            }
            rows.append(("named version", "\(skip.namedVersion.name): skipped (\(why))"))
        }
        if rows.isEmpty { rows.append(("named versions", "none to copy")) }
        return rows.map { ($0.0, TerminalText.line($0.1)) }
    }
}
