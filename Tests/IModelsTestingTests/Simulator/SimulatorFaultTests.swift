import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorFaultTests {
    private func clone(_ world: SimulatorFixture<SimulatorSeeds>, name: String = "Copy") async throws
        -> SimulatorResponse
    {
        try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"\#(name)"}"#)
    }

    /// The transport failure a request ends in, or `nil` when it was answered.
    private func failure(_ body: () async throws -> SimulatorResponse) async throws -> TransportFailure? {
        do {
            _ = try await body()
            return nil
        } catch let failure as TransportFailure {
            return failure
        }
    }

    @Test func respondAnswersTheGivenStatusHeadersAndBodyWithoutActing() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(
            .respond(
                status: 503, headers: ["Retry-After": "2"],
                json: #"{"error":{"code":"ServiceUnavailable","message":"Try later."}}"#),
            on: .post, "/imodels/*/clone")
        let faulted = try await clone(world)
        #expect(faulted.status == 503)
        #expect(faulted.headers["Retry-After"] == "2")
        #expect(faulted.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(try faulted.errorCode() == "ServiceUnavailable")
        #expect(world.simulator.iModels().count == 1)
        #expect(try await clone(world).status == 202)
        #expect(world.simulator.iModels().count == 2)
    }

    @Test func respondWithRawBytes() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 500, body: Data("oops".utf8)), on: .get, "/imodels/*")
        let faulted = try await world.send(.get, "/imodels/\(world.source)")
        #expect(faulted.status == 500)
        #expect(faulted.text == "oops")
    }

    @Test func connectionLostBeforeServerActsChangesNothingButMayHaveReachedTheServer() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionLostBeforeServerActs, on: .post, "/imodels/*/clone")
        let lost = try #require(try await failure { try await clone(world) })
        #expect(lost.kind == .connectionLost)
        #expect(lost.requestMayHaveReachedServer)
        #expect(world.simulator.iModels().count == 1)
        #expect(world.count(named: "Copy") == 0)
        #expect(try await clone(world).status == 202)
        #expect(world.count(named: "Copy") == 1)
    }

    @Test func connectionLostAfterServerActsChangesTheState() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/clone")
        let lost = try #require(try await failure { try await clone(world) })
        #expect(lost.kind == .connectionLost)
        #expect(lost.requestMayHaveReachedServer)
        #expect(world.count(named: "Copy") == 1)
        // The server did act: the same request again finds the name taken.
        let again = try await clone(world)
        #expect(again.status == 409)
        #expect(try again.errorCode() == "iModelExists")
    }

    @Test func connectionLostAfterServerActsOnADeleteDeletes() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionLostAfterServerActs, on: .delete, "/imodels/*")
        #expect(try await failure { try await world.send(.delete, "/imodels/\(world.source)") } != nil)
        #expect(world.simulator.iModel(world.source) == nil)
    }

    @Test func connectionRefusedDidNotReachTheServer() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionRefused, on: .post, "/imodels/*/clone")
        let refused = try #require(try await failure { try await clone(world) })
        #expect(refused.kind == .cannotConnect)
        #expect(!refused.requestMayHaveReachedServer)
        #expect(world.count(named: "Copy") == 0)
    }

    @Test func aTimeoutMayHaveReachedTheServer() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.timeout(), on: .post, "/imodels/*/clone")
        let before = try #require(try await failure { try await clone(world) })
        #expect(before.kind == .timedOut)
        #expect(before.requestMayHaveReachedServer)
        #expect(world.count(named: "Copy") == 0)

        world.simulator.inject(.timeout(afterServerActs: true), on: .post, "/imodels/*/clone")
        let after = try #require(try await failure { try await clone(world) })
        #expect(after.kind == .timedOut)
        #expect(after.requestMayHaveReachedServer)
        #expect(world.count(named: "Copy") == 1)
    }

    @Test func theFailureNamesTheOperationOfTheRequest() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionRefused, on: .get, "/imodels/*")
        let request = HTTPRequest(
            method: .get, url: URL(string: "\(productionOrigin)/imodels/\(world.source)")!,
            headers: ["Authorization": "Bearer \(simulatorToken)", "Accept": iModelsAccept], operation: "getIModel")
        do {
            _ = try await world.simulator.send(request)
            Issue.record("expected a failure")
        } catch let failure as TransportFailure {
            #expect(failure.operation == "getIModel")
        }
    }

    @Test func truncatedBodyCutsTheNormalAnswerInHalf() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 2)
        let normal = try await world.send(.get, "/imodels/\(world.source)")
        world.simulator.inject(.truncatedBody, on: .get, "/imodels/*")
        let truncated = try await world.send(.get, "/imodels/\(world.source)")
        #expect(truncated.status == 200)
        #expect(truncated.body.count == normal.body.count / 2)
        #expect(truncated.body == normal.body.prefix(normal.body.count / 2))
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: truncated.body) }
    }

    @Test func truncatedAndMalformedBodiesStillLetTheServerAct() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.malformedBody, on: .post, "/imodels")
        let created = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty"}"#)
        #expect(created.status == 201)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: created.body) }
        #expect(world.count(named: "Empty") == 1)

        world.simulator.inject(.truncatedBody, on: .post, "/imodels/*/clone")
        let cloned = try await clone(world)
        #expect(cloned.status == 202)
        #expect(world.count(named: "Copy") == 1)
    }

    @Test func malformedBodyKeepsTheStatusButIsNotJSON() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.malformedBody, on: .get, "/imodels/*/operations/create")
        let response = try await world.send(.get, "/imodels/\(world.source)/operations/create")
        #expect(response.status == 200)
        #expect(!response.body.isEmpty)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: response.body) }
        // Also for an error answer: the status is the normal one.
        world.simulator.inject(.malformedBody, on: .get, "/imodels/*")
        let missing = try await world.send(.get, "/imodels/no-such-imodel")
        #expect(missing.status == 404)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: missing.body) }
    }

    @Test func htmlBadGatewayIsA502PageAndTheServerDoesNotAct() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.htmlBadGateway, on: .post, "/imodels/*/clone")
        let response = try await clone(world)
        #expect(response.status == 502)
        #expect(response.headers["Content-Type"] == "text/html")
        #expect(response.text.contains("<html>"))
        #expect(response.text.contains("502 Bad Gateway"))
        #expect(world.count(named: "Copy") == 0)
    }

    @Test func latencyDelaysTheAnswerOnTheClockAndTheAnswerIsAsOfItsEnd() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        world.simulator.inject(.latency(.seconds(5)), on: .get, "/imodels/*")
        let task = Task { try await world.send(.get, "/imodels/\(id)") }
        await world.clock.settle()
        #expect(world.clock.sleeperCount == 1)
        #expect(world.clock.nextDeadline == world.start.addingTimeInterval(5))
        world.clock.advance(by: .seconds(4))
        await world.clock.settle()
        #expect(world.clock.sleeperCount == 1)
        world.clock.advance(by: .seconds(1))
        let response = try await task.value
        #expect(response.status == 200)
        // Initialized at 4 s: the answer was computed at 5 s, not when the request arrived.
        #expect((try response.object()["iModel"] as? [String: Any])?["state"] as? String == "initialized")
        let entry = try #require(world.simulator.requestLog.last)
        #expect(entry.receivedAt == world.start)
        #expect(entry.status == 200)
        #expect(entry.fault == "latency 5.0 seconds")
    }

    @Test func aLatencyLongerThanTheRequestTimeoutTimesOutAtTheTimeoutBeforeTheServerActs() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.latency(.seconds(90)), on: .post, "/imodels/*/clone")
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://api.bentley.com/imodels/\(world.source)/clone")!,
            headers: [
                "Authorization": "Bearer \(simulatorToken)", "Accept": iModelsAccept,
                "Content-Type": "application/json",
            ],
            body: Data(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#.utf8), timeout: .seconds(60))
        let failure = await #expect(throws: TransportFailure.self) {
            try await world.clock.run { try await world.simulator.send(request) }
        }
        #expect(failure?.kind == .timedOut)
        #expect(failure?.requestMayHaveReachedServer == true)
        #expect(world.elapsed == .seconds(60))
        #expect(world.count(named: "Copy") == 0)
        #expect(world.simulator.requestLog.last?.status == nil)
        #expect(world.simulator.guaranteesDeadlines)
    }

    @Test func latencyUnderRunFinishesAtOnceInVirtualTime() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.latency(.seconds(90)), on: .get, "/imodels/**", times: 2)
        let response = try await world.clock.run {
            _ = try await world.send(.get, "/imodels/\(world.source)")
            return try await world.send(.get, "/imodels/\(world.source)/changesets")
        }
        #expect(response.status == 200)
        #expect(world.elapsed == .seconds(180))
    }

    @Test func timesCountsMatchingRequestsOnly() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 500), on: .get, "/imodels/*/operations/create", times: 3)
        var statuses: [Int] = []
        for _ in 0..<2 {
            statuses.append(try await world.send(.get, "/imodels/\(world.source)/operations/create").status)
        }
        // Requests that do not match do not use the fault up.
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        #expect(try await world.send(.post, "/imodels/\(world.source)/operations/create", json: "{}").status == 404)
        for _ in 0..<3 {
            statuses.append(try await world.send(.get, "/imodels/\(world.source)/operations/create").status)
        }
        #expect(statuses == [500, 500, 500, 200, 200])
    }

    @Test func timesZeroInjectsNothing() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 500), on: .get, "/imodels/*", times: 0)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func pathPatternsMatchSegmentsStarsAndTheRest() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 418), on: .post, "/imodels/*/fork")
        #expect(try await clone(world).status == 202)
        #expect(try await world.copy(fork: true, #"{"iTwinId":"\#(world.iTwin)","name":"Fork"}"#).status == 418)

        world.simulator.inject(.respond(status: 418), on: .get, PathPattern("/imodels/\(world.source)"))
        #expect(try await world.send(.get, "/imodels/\(world.source)/changesets").status == 200)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 418)

        world.simulator.inject(.respond(status: 418), on: .get, "/imodels/**", times: 3)
        #expect(try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)]).status == 418)
        #expect(try await world.send(.get, "/imodels/\(world.source)/changesets/1").status == 418)
        #expect(try await world.send(.get, "/imodels/\(world.source)/operations/create").status == 418)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)

        world.simulator.inject(.respond(status: 418), on: .get, "/transformations/**")
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func theMethodMustMatch() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 418), on: .delete, "/imodels/*")
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        #expect(try await world.send(.delete, "/imodels/\(world.source)").status == 418)
        #expect(world.simulator.iModel(world.source) != nil)
    }

    @Test func faultsAreUsedInTheOrderTheyWereInjected() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.respond(status: 500), on: .get, "/imodels/*", times: 2)
        world.simulator.inject(.respond(status: 503), on: .get, "/imodels/**")
        let statuses = [
            try await world.send(.get, "/imodels/\(world.source)").status,
            try await world.send(.get, "/imodels/\(world.source)").status,
            try await world.send(.get, "/imodels/\(world.source)").status,
            try await world.send(.get, "/imodels/\(world.source)").status,
        ]
        #expect(statuses == [500, 500, 503, 200])
    }

    @Test func removeAllFaultsForgetsTheRest() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionRefused, on: .get, "/imodels/*", times: 10)
        #expect(try await failure { try await world.send(.get, "/imodels/\(world.source)") } != nil)
        world.simulator.removeAllFaults()
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func faultedExchangesAreLoggedWithTheFault() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/clone")
        world.simulator.inject(.respond(status: 503), on: .get, "/imodels/*")
        _ = try await failure { try await clone(world) }
        _ = try await world.send(.get, "/imodels/\(world.source)")
        let log = world.simulator.requestLog
        #expect(log.count == 2)
        #expect(log[0].status == nil)
        #expect(log[0].fault == "connection lost after acting")
        #expect(log[0].description == "POST /imodels/\(world.source)/clone → no answer [connection lost after acting]")
        #expect(log[1].status == 503)
        #expect(log[1].fault == "respond 503")
    }

    @Test func faultDescriptions() {
        #expect(SimulatorFault.connectionLostBeforeServerActs.description == "connection lost before acting")
        #expect(SimulatorFault.connectionRefused.description == "connection refused")
        #expect(SimulatorFault.timeout().description == "timeout")
        #expect(SimulatorFault.timeout(afterServerActs: true).description == "timeout after acting")
        #expect(SimulatorFault.truncatedBody.description == "truncated body")
        #expect(SimulatorFault.malformedBody.description == "malformed body")
        #expect(SimulatorFault.htmlBadGateway.description == "HTML 502")
        #expect(SimulatorFault.emptyBody.description == "empty body")
        #expect(SimulatorFault.oversizedBody(bytes: 1024).description == "oversized body (1024 bytes)")
        #expect(SimulatorFault.unknownEnumValues.description == "unknown enum values")
        #expect(SimulatorFault.missingOptionalFields.description == "missing optional fields")
        #expect(SimulatorFault.extraFields.description == "extra fields")
    }
}
