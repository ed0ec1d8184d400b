import Foundation
import IModelsTesting
import Testing

@Suite struct PathPatternTests {
    private func url(_ path: String) -> URL { URL(string: "https://api.example.test" + path)! }

    @Test(arguments: [
        ("/imodels/abc/clone", "/imodels/abc/clone", true),
        ("/imodels/*/clone", "/imodels/abc/clone", true),
        ("/imodels/*/clone", "/imodels/abc/fork", false),
        ("/imodels/*", "/imodels/abc/clone", false),
        ("/imodels/*/clone", "/imodels/clone", false),
        ("/imodels/**", "/imodels/abc/operations/create", true),
        ("/imodels/**", "/transformations/abc", false),
        ("/imodels", "/imodels/", true),
        ("/imodels/abc", "/imodels/ABC", false),
    ])
    func segmentsMatchLiterallyOrByWildcard(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(PathPattern(pattern).matches(url(path)) == matches)
        #expect(PathPattern(pattern).matches(path) == matches)
    }

    @Test func anEncodedSlashStaysInsideOneSegment() {
        let encoded = url("/imodels/a%2Fb/operations/create")
        #expect(PathPattern("/imodels/*/operations/create").matches(encoded))
        #expect(PathPattern("/imodels/a/b/operations/create").matches(encoded) == false)
        #expect(PathPattern("/imodels/a%2Fb/operations/create").matches(encoded) == false)
        #expect(PathPattern("/imodels/a/operations/create").matches(encoded) == false)
    }

    @Test func segmentsAreComparedDecoded() {
        #expect(PathPattern("/imodels/a b/clone").matches(url("/imodels/a%20b/clone")))
        #expect(PathPattern("/imodels/../clone").matches(url("/imodels/%2E%2E/clone")))
    }

    @Test func queriesDoNotTakePartInMatching() {
        #expect(PathPattern("/imodels").matches(url("/imodels?iTwinId=x&$top=5")))
    }

    @Test func aStringLiteralIsAPatternAndDescribesItself() {
        let pattern: PathPattern = "/imodels/*/clone"
        #expect(pattern == PathPattern("/imodels/*/clone"))
        #expect(pattern.description == "/imodels/*/clone")
    }
}
