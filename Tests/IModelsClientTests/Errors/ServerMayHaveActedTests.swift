import Foundation
import Testing

@testable import IModelsClient

/// The one rule for "the server may have acted", which retry, waiting and duplicate safety share.
@Suite struct ServerMayHaveActedTests {
    @Test func answersTheServerRefusedWithoutActing() {
        for status in [400, 401, 403, 404, 408, 409, 422, 429, 501, 505] {
            #expect(!ServerMayHaveActed.after(status: status, retryAfter: nil), "\(status)")
        }
        #expect(!ServerMayHaveActed.after(status: 503, retryAfter: .seconds(5)))
    }

    @Test func answersThatMayFollowWork() {
        for status in [200, 201, 202, 500, 502, 503, 504, 599] {
            #expect(ServerMayHaveActed.after(status: status, retryAfter: nil), "\(status)")
        }
        #expect(ServerMayHaveActed.after(status: 500, retryAfter: .seconds(5)))
    }

    @Test func aTransportFailureSaysItself() {
        #expect(ITwinClientError.transport(connectionLost).serverMayHaveActed)
        #expect(!ITwinClientError.transport(connectionRefused).serverMayHaveActed)
        #expect(!ITwinClientError.invalidRequest("x").serverMayHaveActed)
    }

    @Test func transientErrorsAreTheOnesALaterTryMayFix() {
        func api(_ status: Int) -> ITwinClientError {
            .api(APIError(operation: "op", status: status, correlationId: ""))
        }
        for status in [408, 429, 500, 502, 503, 504] { #expect(api(status).isTransient, "\(status)") }
        for status in [400, 404, 409, 501, 505] { #expect(!api(status).isTransient, "\(status)") }
        #expect(ITwinClientError.transport(connectionRefused).isTransient)
    }
}
