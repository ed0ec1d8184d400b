/// One benchmark scenario: a name and a function that measures both sides in the same run and reports one line.
struct Scenario: Sendable {
    var name: String
    var run: @Sendable () async throws -> String
}
