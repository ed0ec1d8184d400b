import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// The handle of a new iModel, read from the `Location` and `Create-iModel-Operation` headers of a `202`.
@Suite(.verifiesStubTransports) struct IModelCreationTests {
    typealias F = IModelsFixtures

    @Test(arguments: [
        (
            "https://api.example.test/imodels/5e19bee0-3aea-4355-a9f0-c6df9989ee7d",
            "5e19bee0-3aea-4355-a9f0-c6df9989ee7d"
        ),
        ("https://api.bentley.com/imodels/new-1", "new-1"),  // another host: the id is still read from the path
        ("https://elsewhere.invalid:8443/iModels/new-2", "new-2"),  // the TS client matches /iModels/ without case
        ("https://api.example.test/imodels/new-3/", "new-3"),
        ("/imodels/new-4", "new-4"),
    ])
    func theIdIsReadFromTheLocationPathWhateverTheHost(_ location: String, _ id: String) async throws {
        let stub = StubTransport()
        let operationURL = "https://elsewhere.invalid/imodels/\(id)/operations/create"
        stub.enqueue(
            .post, "/imodels/src/clone", status: 202,
            headers: ["Location": location, "Create-iModel-Operation": operationURL])
        let creation = try await makeClient(stub).iModels.clone("src", into: "itwin-1")
        #expect(creation.iModelId == id)
        #expect(creation.iModelURL == URL(string: location))
        #expect(creation.createOperationURL == URL(string: operationURL))
        #expect(stub.requests.count == 1, "the headers' URLs are information only; nothing is fetched from them")
    }

    @Test func aForkReadsItsHandleTheSameWay() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted("fork-9"))
        let creation = try await makeClient(stub).iModels.fork("main", into: "itwin-1")
        #expect(
            creation
                == IModelCreation(
                    iModelId: "fork-9", iModelURL: URL(string: "\(F.base)/imodels/fork-9"),
                    createOperationURL: URL(string: "\(F.base)/imodels/fork-9/operations/create")))
    }

    @Test func aMissingCreateOperationHeaderLeavesItsURLNil() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: ["Location": "\(F.base)/imodels/new-1"])
        let creation = try await makeClient(stub).iModels.clone("src", into: "itwin-1")
        #expect(creation.iModelId == "new-1")
        #expect(creation.createOperationURL == nil)
    }

    @Test(
        arguments: [
            (nil, "the Location header is missing"),
            ("https://api.example.test/imodels/", "the Location header holds no iModel id"),
            ("https://api.example.test/imodels", "the Location header holds no iModel id"),
            ("https://api.example.test/itwins/abc", "the Location header holds no iModel id"),
        ] as [(String?, String)])
    func aLocationWithoutAnIdIsADecodingErrorThatKeepsTheResponse(_ location: String?, _ reason: String)
        async throws
    {
        for kind in ["clone", "fork"] {
            let stub = StubTransport()
            var headers: HTTPHeaders = ["Create-iModel-Operation": "\(F.base)/imodels/x/operations/create"]
            headers["Location"] = location
            stub.enqueue(
                .post, PathPattern("/imodels/src/\(kind)"), status: 202, headers: headers, json: #"{"note":"accepted"}"#
            )
            let client = makeClient(stub)
            let error = await captureError {
                if kind == "clone" {
                    _ = try await client.iModels.clone("src", into: "itwin-1")
                } else {
                    _ = try await client.iModels.fork("src", into: "itwin-1")
                }
            }
            guard case .decoding(let failure)? = error else {
                Issue.record("\(kind): expected a decoding error, got \(String(describing: error))")
                continue
            }
            #expect(failure.operation == (kind == "clone" ? "cloneIModel" : "forkIModel"))
            #expect(failure.status == 202)
            #expect(failure.reason == reason)
            #expect(failure.rawBodyText == #"{"note":"accepted"}"#)
            #expect(stub.requests.count == 1, "a decoding failure of a 202 is not resent")
        }
    }

    @Test func theHandleRoundTripsThroughCodable() throws {
        let creation = IModelCreation(
            iModelId: "new-1", iModelURL: URL(string: "\(F.base)/imodels/new-1"),
            createOperationURL: URL(string: "\(F.base)/imodels/new-1/operations/create"))
        let decoded = try JSONDecoder().decode(IModelCreation.self, from: try JSONEncoder().encode(creation))
        #expect(decoded == creation)
        let bare = IModelCreation(iModelId: "new-2")
        #expect(try JSONDecoder().decode(IModelCreation.self, from: try JSONEncoder().encode(bare)) == bare)
    }

    @Test(arguments: [
        ("https://api.example.test/imodels/abc%2D123", "abc-123"),
        ("https://api.example.test/imodels/new%5F1/", "new_1"),
        ("https://api.example.test/a%2Fimodels/x/imodels/new-5", "new-5"),
    ])
    func theIdIsPercentDecodedOneSegmentAtATime(_ location: String, _ id: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: ["Location": location])
        let creation = try await makeClient(stub).iModels.clone("src", into: "itwin-1")
        #expect(creation.iModelId == id)
    }

    @Test(arguments: [
        "https://api.example.test/imodels/a%2Fb",
        "https://api.example.test/imodels/%24(touch%20pwned)%3B%20echo%20ok",
        "https://api.example.test/imodels/a%0Ab",
        "https://api.example.test/imodels/%1B%5D0%3Bx%07",
        "https://api.example.test/imodels/a'b",
        "https://api.example.test/imodels/..",
        "https://api.example.test/imodels/" + String(repeating: "a", count: 128 + 1),
    ])
    func aLocationIdOutsideTheSafeCharactersOrTooLongIsRefused(_ location: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: ["Location": location])
        let error = await captureError { _ = try await makeClient(stub).iModels.clone("src", into: "itwin-1") }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(failure.reason.hasPrefix("the Location header's iModel id is not a plain id"))
        #expect(stub.requests.count == 1)
    }

    @Test func anIdOfTheLongestLengthIsAccepted() async throws {
        let id = String(repeating: "a", count: 128)
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: ["Location": "\(F.base)/imodels/\(id)"])
        #expect(try await makeClient(stub).iModels.clone("src", into: "itwin-1").iModelId == id)
    }
}
