/// The checks of what callers pass, one per kind of input; each throws ``ITwinClientError/invalidRequest(_:)``
/// before anything is sent.
enum InputValidation {
    /// Whether the text is empty or only white space (new lines included). A visible ASCII byte settles it at once
    /// (an id's first byte, usually); otherwise every character is checked, so Unicode spaces count as blank.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// An id (of an iModel, iTwin, configuration, run, …): not blank.
    static func id(_ id: String, named name: String) throws {
        if isBlank(id) { throw ITwinClientError.invalidRequest("\(name) must not be empty.") }
    }

    /// A required text field of a request body: not blank.
    static func required(_ value: String, named name: String) throws {
        if isBlank(value) { throw ITwinClientError.invalidRequest("\(name) is required and must not be blank.") }
    }

    /// An optional text field: absent, or not blank; `absentMeans` says what leaving it out does.
    static func optional(_ value: String?, named name: String, absentMeans: String) throws {
        if let value, isBlank(value) {
            throw ITwinClientError.invalidRequest("\(name) must not be blank (pass nil to \(absentMeans)).")
        }
    }

    /// The longest name or description, in UTF-16 code units.
    ///
    /// The API pages give the limit as 255 without a unit; the official TypeScript client and the service (.NET)
    /// measure a string's length in UTF-16 code units, so that is what is counted here: a character outside the Basic
    /// Multilingual Plane (`𝔸`, most emoji) counts 2, a family emoji 11. Counting characters instead would let names
    /// through that the service refuses.
    static let maxNameLength = 255

    /// An iModel's name and description: a name not blank, and both at most ``maxNameLength`` UTF-16 code units.
    static func nameAndDescription(name: String?, description: String?) throws {
        try optional(name, named: "name", absentMeans: "keep the source's name")
        for (field, value) in [("name", name), ("description", description)] {
            if let value, value.utf16.count > maxNameLength {
                throw ITwinClientError.invalidRequest(
                    "\(field) must be at most \(maxNameLength) UTF-16 code units (got \(value.utf16.count)).")
            }
        }
    }
}
