import Testing

@testable import IModelsClient

/// Ids are compared as the services compare GUIDs: without regard to ASCII case, and nothing else.
@Suite struct ResourceIDTests {
    @Test func idsDifferingOnlyInASCIICaseAreTheSame() {
        #expect(ResourceID.same("5E19BEE0-5B4B-4C1B-9C7A-0D2E8F1A3B4C", "5e19bee0-5b4b-4c1b-9c7a-0d2e8f1a3b4c"))
        #expect(ResourceID.key("AbC-1") == ResourceID.key("aBc-1"))
        #expect(!ResourceID.same("abc", "abd"))
        #expect(!ResourceID.same("abc", "abc "))
        #expect(!ResourceID.same("ÄBC", "äbc"), "only ASCII letters fold")
    }
}
