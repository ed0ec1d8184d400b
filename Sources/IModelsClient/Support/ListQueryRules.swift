/// The checks every filtered list (iModels, named versions) makes before its first page is sent: the same rules,
/// the same messages.
enum ListQueryRules {
    /// Refuses a blank `name` or `search` (`nil` means no filter), both together (the Get iTwin iModels page says
    /// `$search` cannot be combined with `name`), an order naming a property twice, and a page size outside 1...1000.
    static func validate(
        name: String?, search: String?, orderBy properties: [String], top: Int?, listing: String
    ) throws {
        try InputValidation.optional(name, named: "name", absentMeans: "list every \(listing)")
        try InputValidation.optional(search, named: "search", absentMeans: "list every \(listing)")
        if name != nil && search != nil {
            throw ITwinClientError.invalidRequest(
                "name and search cannot be combined (the service refuses $search with name); pass one of them.")
        }
        if Set(properties).count != properties.count {
            throw ITwinClientError.invalidRequest("orderBy names a property more than once.")
        }
        if let top, !(1...1000).contains(top) {
            throw ITwinClientError.invalidRequest("top must be in 1...1000 (got \(top)).")
        }
    }

    /// The `$orderBy` value: the keys' clauses (`name asc`), earlier keys first, joined with a comma; `nil` for none.
    static func orderBy(_ clauses: [String]) -> String? {
        clauses.isEmpty ? nil : clauses.joined(separator: ",")
    }
}
