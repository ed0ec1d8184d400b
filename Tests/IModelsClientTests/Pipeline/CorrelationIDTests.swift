import Foundation
import Testing

@testable import IModelsClient

/// The correlation ids the SDK generates when none is bound.
@Suite struct CorrelationIDTests {
    @Test func generatedIdsAreLowercaseVersion4UUIDs() throws {
        for _ in 0..<200 {
            let id = CorrelationID.generate()
            let parsed = try #require(UUID(uuidString: id), "\(id) is not a UUID")
            #expect(parsed.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }

    @Test func generatedIdsDoNotRepeat() {
        let ids = (0..<10_000).map { _ in CorrelationID.generate() }
        #expect(Set(ids).count == ids.count)
    }
}
