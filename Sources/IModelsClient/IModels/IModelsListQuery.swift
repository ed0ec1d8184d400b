/// The query of `GET /imodels` (Get iTwin iModels): the iTwin, the documented filters and order, and the page size.
/// Built once for every list of iModels: the public lists and the duplicate-safe name lookup.
struct IModelsListQuery: Sendable {
    var iTwinId: String
    /// `name`: only the iModel with exactly this name.
    var name: String?
    /// `$search`: iModels whose name or description contains the text; cannot be combined with `name`.
    var search: String?
    /// `state`: only iModels in this state.
    var state: IModelState?
    /// `$orderBy`: the keys, earlier first.
    var orderBy: [IModelsOrder] = []
    /// `$top`: the page size, 1...1000.
    var top: Int?

    /// The query items in a fixed order: `iTwinId`, `name`, `$search`, `state`, `$orderBy`, `$top`.
    var items: [(String, String)] {
        var query = [("iTwinId", iTwinId)]
        if let name { query.append(("name", name)) }
        if let search { query.append(("$search", search)) }
        if let state { query.append(("state", state.rawValue)) }
        if let order = ListQueryRules.orderBy(orderBy.map(\.description)) { query.append(("$orderBy", order)) }
        if let top { query.append(("$top", String(top))) }
        return query
    }

    /// Refuses, before anything is sent, what the service would refuse or what cannot mean anything: a blank iTwin id,
    /// a blank `name` or `$search` (pass `nil` for no filter), both `name` and `$search` (the page says they cannot
    /// be combined), a blank state, the same property twice in the order, and a page size outside 1...1000.
    func validate() throws {
        try InputValidation.id(iTwinId, named: "iTwinId")
        try ListQueryRules.validate(
            name: name, search: search, orderBy: orderBy.map(\.property.rawValue), top: top, listing: "iModel")
        if let state, InputValidation.isBlank(state.rawValue) {
            throw ITwinClientError.invalidRequest("state must not be blank (pass nil for every state).")
        }
    }
}
