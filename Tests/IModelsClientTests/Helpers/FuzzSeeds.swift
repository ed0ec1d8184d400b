import Foundation

@testable import IModelsClient

/// The documented examples the decoder fuzzing starts from: the fixtures (the examples of the API pages), the error
/// examples read from the seed pages themselves (`shared/seeds`), and documents for shapes that the pages and
/// API.md show in tables and prose only (a fork's `forkedFrom`, every transform type of API.md §3.2, runs in every
/// status, list pages, the clone and fork requests and answers).
enum FuzzSeeds {
    private static let zero = "00000000-0000-0000-0000-000000000000"
    private static let iModelId = "5e19bee0-3aea-4355-a9f0-c6df9989ee7d"

    /// `{"iModel": …}` answers (Get iModel, Create iModel).
    static func iModel() throws -> [Data] {
        try [fixture("imodel-details-200.json")]
            + texts(
                #"""
                {"iModel":{"id":"\#(iModelId)","displayName":"Clone of Sun City","name":"Clone of Sun City",
                 "description":null,"state":"notInitialized","createdDateTime":"2024-03-05T14:51:33+00:00",
                 "lastChangesetPushDateTime":"2024-03-05T15:00:00.1Z","iTwinId":"\#(zero)","isSecured":true,
                 "extent":null,"containersEnabled":7,"dataCenterLocation":"West Europe",
                 "geographicCoordinateSystem":{"horizontalCRSId":"EPSG:4326"},
                 "_links":{"creator":null,"changesets":{"href":"https://api.bentley.com/imodels/\#(iModelId)/changesets"},
                  "upload":{"href":"https://storage.example/upload"},"complete":{"href":"https://api.bentley.com/imodels/\#(iModelId)/baselinefile"}}}}
                """#,
                #"{"iModel":{"id":"\#(iModelId)","displayName":"Only the display name"}}"#)
    }

    /// `{"createOperation": …}` answers (seed page 003 and the fork and failure states of its state table).
    static func createOperation() throws -> [Data] {
        try [fixture("create-operation-200.json")]
            + texts(
                #"""
                {"createOperation":{"state":"successful","clonedFrom":null,"forkedFrom":{"iModelId":"\#(iModelId)",
                 "changesetId":"13a61888798b687d41f7c748d7414b428766281f","relationshipId":"a1b2c3d4-0000-4000-8000-000000000001"}}}
                """#,
                #"{"createOperation":{"state":"mainIModelIsMissingFederationGuids","clonedFrom":null,"forkedFrom":{"iModelId":"\#(iModelId)","changesetId":""}}}"#,
                #"{"createOperation":{"state":"waitingForFile","clonedFrom":null,"forkedFrom":null}}"#,
                #"{"createOperation":{"state":"failed"}}"#)
    }

    /// One changeset in full (`{"changeset": …}`, the representation form) and in the minimal form.
    private static let minimalChangeset =
        #"{"id":"f7618612c572d7db8e3e6095d622d0d8aff22874","displayName":"1","index":1,"parentId":"","pushDateTime":"2020-10-20T10:51:33Z","state":"waitingForFile","_links":{"self":{"href":"https://api.bentley.com/imodels/\#(iModelId)/changesets/1"},"creator":null}}"#

    /// `{"changeset": …}` answers.
    static func changeset() throws -> [Data] {
        try [fixture("changeset-details-200.json")] + texts(#"{"changeset":\#(minimalChangeset)}"#)
    }

    /// `{"iModels": [minimal iModels], "_links": …}` pages.
    static func iModelsPage() throws -> [Data] {
        texts(
            #"""
            {"iModels":[{"id":"\#(iModelId)","displayName":"Sun City Renewable-energy Plant"},
             {"id":"\#(zero)","displayName":"Clone of Sun City"}],
             "_links":{"self":{"href":"https://api.bentley.com/imodels?iTwinId=\#(zero)&$top=2"},"prev":null,
              "next":{"href":"https://api.bentley.com/imodels?iTwinId=\#(zero)&$top=2&$continuationToken=abc"}}}
            """#,
            #"{"iModels":[],"_links":{"self":{"href":"https://api.bentley.com/imodels?iTwinId=\#(zero)"},"prev":null,"next":null}}"#
        )
    }

    /// `{"changesets": […], "_links": …}` pages.
    static func changesetsPage() throws -> [Data] {
        let full = try JSONSerialization.jsonObject(with: try fixture("changeset-details-200.json")) as? [String: Any]
        let changeset = try JSONSerialization.data(withJSONObject: full?["changeset"] ?? [:], options: [.sortedKeys])
        return texts(
            #"""
            {"changesets":[\#(String(decoding: changeset, as: UTF8.self)),\#(minimalChangeset)],
             "_links":{"self":{"href":"https://api.bentley.com/imodels/\#(iModelId)/changesets?$top=2"},"prev":null,
              "next":{"href":"https://api.bentley.com/imodels/\#(iModelId)/changesets?$top=2&$skip=2"}}}
            """#)
    }

    /// One configuration of every transform type of API.md §3.2, with the parameters it names.
    static let configurationsOfEveryType: [String] = [
        #"{"id":"\#(zero)","transformName":"Whole import","comment":null,"createdDateTime":"2021-08-02T14:51:33.6133333Z","modifiedDateTime":"2021-08-02T14:51:33.6133333Z","transformType":"ImportIModel","_links":{"sourceIModel":{"href":"https://api.bentley.com/imodels/\#(zero)"},"targetIModel":{"href":"https://api.bentley.com/imodels/\#(iModelId)"}}}"#,
        #"{"id":"\#(zero)","transformName":"Merge the fork","comment":"Merged.","createdDateTime":"2024-05-09T10:00:00Z","modifiedDateTime":"2024-05-09T10:00:00Z","transformType":"MergeIModel","_links":{"sourceIModel":{"href":"https://api.bentley.com/imodels/\#(iModelId)"},"targetIModel":{"href":"https://api.bentley.com/imodels/\#(zero)"},"sourceProject":{"href":"https://api.bentley.com/itwins/\#(zero)"},"targetProject":{"href":"https://api.bentley.com/itwins/\#(zero)"}}}"#,
        #"{"id":"\#(zero)","transformName":"Populate","comment":"","createdDateTime":"2024-04-10T10:00:00Z","modifiedDateTime":"2024-04-10T10:00:00Z","transformType":"PopulateFederationGuids","transformParameters":{},"_links":{"sourceIModel":{"href":"https://api.bentley.com/imodels/\#(zero)"},"targetIModel":{"href":"https://api.bentley.com/imodels/\#(zero)"}}}"#,
        #"{"id":"\#(zero)","transformName":"Filter","transformType":"FilterIModel","transformParameters":{"ecSql":"SELECT ECInstanceId FROM BisCore.Element","inclusive":false,"includeChildren":true}}"#,
        #"{"id":"\#(zero)","transformName":"Saved view","transformType":"FilterBySavedView","transformParameters":{"savedViewId":"AAAA","viewMode":"IncludeNewContent","_links":{"savedView":{"href":"https://api.bentley.com/savedviews/AAAA"}}}}"#,
        #"{"id":"\#(zero)","transformName":"Sub-categories","transformType":"FilterSubCategories","transformParameters":{"subCategoryIds":["0x20000000002"]}}"#,
        #"{"id":"\#(zero)","transformName":"Combine","transformType":"CombineIModels","transformParameters":{"iModels":[{"iModelId":"\#(iModelId)","projectId":"\#(zero)"}]}}"#,
        #"{"id":"\#(zero)","transformName":"Physical","transformType":"CombinePhysicalModels","transformParameters":{}}"#,
        #"{"id":"\#(zero)","transformName":"Physical v2","transformType":"CombinePhysicalModelsV2","transformParameters":{"modelGroups":[{"name":"A","modelIds":["0x1"]}],"groupUnselectedModels":true,"unselectedModelsGroupName":"Rest","simplifyGeometry":false}}"#,
        #"{"id":"\#(zero)","transformName":"Align","transformType":"AlignIModelData","transformParameters":{"schemaOptimizationOptions":{"removeUnusedClasses":true,"classMergingGroups":[{"sourceECClasses":[{"ecClassName":"Wall","ecSchemaName":"Arch"}],"targetECClass":"BisCore:PhysicalElement"}]},"dataRemappingOptions":{"additionalECSchemas":[{"ecSchemaName":"Arch","ecSchemaVersion":"1.0.0"}],"elementGroups":[{"targetECClass":"BisCore:PhysicalElement","elementPropertyQuery":"SELECT 1"}]}}}"#,
        #"{"id":"\#(zero)","transformName":"Fork (deprecated)","transformType":"CreateFork"}"#,
        #"{"id":"\#(zero)","transformName":"Merge fork (deprecated)","transformType":"MergeFork","transformParameters":{"configurationId":"\#(zero)"}}"#,
        #"{"id":"\#(zero)","transformName":"Group and map (removed)","transformType":"GroupAndMap","transformParameters":{"mappingId":"m1","groupOverrides":[],"additionalEcSchemas":[]}}"#,
    ]

    /// `{"configuration": …}` answers: seed page 004's 201, the fixture of an unmodelled type, and every type.
    static func configuration() throws -> [Data] {
        try [fixture("import-imodel-configuration-201.json"), fixture("configuration-filterbyviewdefinition.json")]
            + configurationsOfEveryType.map { Data(#"{"configuration":\#($0)}"#.utf8) }
    }

    /// `{"configurations": […], "_links": …}` pages, of two configurations each (the configuration case has every
    /// type; small pages keep the page decoder's share of the fuzzing time in proportion).
    static func configurationsPage() throws -> [Data] {
        let all = configurationsOfEveryType
        return texts(
            #"{"configurations":[\#(all[0]),\#(all[1])],"_links":{"self":{"href":"https://api.bentley.com/transformations/configurations?projectId=\#(zero)"},"next":{"href":"https://api.bentley.com/transformations/configurations?projectId=\#(zero)&$skip=2"}}}"#,
            #"{"configurations":[\#(all[2]),\#(all[6])],"_links":{"self":{"href":"https://api.bentley.com/transformations/configurations?projectId=\#(zero)&$skip=2"}}}"#
        )
    }

    /// Runs in every status of API.md §3.6, with `errorCode` as a number and as a string.
    static let runs: [String] = [
        #"{"id":"r1","status":"Created","errorMessage":"","processedElementCount":0,"totalElementCount":0,"createdDateTime":"2024-03-05T14:51:33.6133333Z","_links":{"configuration":{"href":"https://api.bentley.com/transformations/configurations/\#(zero)"}}}"#,
        #"{"id":"r2","status":"Initializing","createdDateTime":"2024-03-05T14:51:33Z","startedDateTime":null}"#,
        #"{"id":"r3","status":"Started","processedElementCount":25,"totalElementCount":100,"createdDateTime":"2024-03-05T14:51:33Z","startedDateTime":"2024-03-05T14:52:33Z","sourceChangeSetId":"13a61888798b687d41f7c748d7414b428766281f"}"#,
        #"{"id":"r4","status":"Succeeded","errorMessage":"","processedElementCount":100,"totalElementCount":100,"createdDateTime":"2024-03-05T14:51:33Z","startedDateTime":"2024-03-05T14:52:33Z","finishedDateTime":"2024-03-05T14:53:33Z","sourceChangeSetId":"13a61888798b687d41f7c748d7414b428766281f","lastTargetChangesetPushed":"1f2e04b666edce395e37a795e2231e995cbf8349"}"#,
        #"{"id":"r5","status":"Failed","errorMessage":"Conflicting ECSchemas.","errorCode":3,"finishedDateTime":"2024-03-05T14:53:33Z"}"#,
        #"{"id":"r6","status":"Failed","errorMessage":"Boom.","errorCode":"ConflictingSchemas"}"#,
    ]

    /// `{"transformation": …}` answers (Create, Get and Delete transformation).
    static func transformation() throws -> [Data] {
        try [fixture("transformation-aborted.json")] + runs.map { Data(#"{"transformation":\#($0)}"#.utf8) }
    }

    /// `{"transformations": […], "_links": …}` pages of two runs each.
    static func transformationsPage() throws -> [Data] {
        texts(
            #"{"transformations":[\#(runs[0]),\#(runs[4])],"_links":{"self":{"href":"https://api.bentley.com/transformations/?configurationId=\#(zero)"},"next":{"href":"https://api.bentley.com/transformations/?configurationId=\#(zero)&$skip=2"}}}"#,
            #"{"transformations":[\#(runs[3]),\#(runs[5])],"_links":{"self":{"href":"https://api.bentley.com/transformations/?configurationId=\#(zero)&$skip=2"},"next":null}}"#
        )
    }

    /// Stored ``IModelCreation`` values, as a process that waits after a restart reads them back.
    static func storedCreation() throws -> [Data] {
        let base = "https://api.bentley.com/imodels/\(iModelId)"
        return try [
            IModelCreation(
                iModelId: iModelId, iModelURL: URL(string: base),
                createOperationURL: URL(string: base + "/operations/create")),
            IModelCreation(iModelId: iModelId),
        ].map {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode($0)
        }
    }

    /// The headers of clone and fork answers (`Location` and `Create-iModel-Operation`), one per line.
    static let copyAnswers: [String] = [
        "https://api.bentley.com/imodels/\(iModelId)\nhttps://api.bentley.com/imodels/\(iModelId)/operations/create",
        "https://qa-api.bentley.com/iModels/\(zero)\n",
        "/imodels/\(iModelId)\nhttps://api.bentley.com/imodels/\(iModelId)/operations/create",
    ]

    /// The clone and fork request bodies (API.md §2.1, §2.2) and seed page 004's ImportIModel request: documents
    /// the client sends, used as material for splicing.
    static func requests() throws -> [Data] {
        try [fixture("import-imodel-request.json")]
            + texts(
                #"{"iTwinId":"\#(zero)","name":"Clone of Sun City","description":"A clone","changesetId":"13a61888798b687d41f7c748d7414b428766281f"}"#,
                #"{"iTwinId":"\#(zero)","changesetIndex":0,"preserveHistory":true}"#,
                #"{"configurationId":"\#(zero)"}"#)
    }

    /// Error answers: every error example of the seed pages, the detailed 422s and an unwrapped 401.
    static func errors() throws -> [Data] {
        try SeedErrorExample.all().map(\.body) + [
            fixture("error-detailed-422.json"), fixture("transformations-detailed-422.json"),
        ] + texts(#"{"code":"InvalidToken","message":"The token has expired."}"#)
    }

    /// `Retry-After` values of 429 and 503 answers: seconds and the three HTTP-date forms.
    static let retryAfterValues: [String] = [
        "120", "0", "Wed, 21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ]

    /// The Get iModel Named Version details example, and a version of the baseline in the minimal shape.
    static func namedVersion() throws -> [Data] {
        try [fixture("named-version-details-200.json")]
            + texts(#"{"namedVersion":{"id":"\#(zero)","displayName":"Start","changesetId":null,"changesetIndex":0}}"#)
    }

    /// `{"namedVersions": […], "_links": …}` pages: the documented version and a hidden one of the baseline.
    static func namedVersionsPage() throws -> [Data] {
        let full = try JSONSerialization.jsonObject(with: try fixture("named-version-details-200.json"))
        let version = try JSONSerialization.data(
            withJSONObject: (full as? [String: Any])?["namedVersion"] ?? [:], options: [.sortedKeys])
        return texts(
            #"""
            {"namedVersions":[\#(String(decoding: version, as: UTF8.self)),
             {"id":"\#(zero)","displayName":"Start","name":"Start","description":null,"changesetId":null,
              "changesetIndex":0,"createdDateTime":"2020-10-20T06:42:57Z","state":"hidden","application":null,
              "_links":{"creator":null,"changeset":null}}],
             "_links":{"self":{"href":"https://api.bentley.com/imodels/\#(iModelId)/namedversions?$top=2"},
              "next":{"href":"https://api.bentley.com/imodels/\#(iModelId)/namedversions?$top=2&$skip=2"}}}
            """#)
    }

    /// The v1 Get report example (a signed storage link) and an empty list.
    static func reports() -> [Data] {
        texts(
            #"""
            {"reports":[{"id":"4WVKWXTNlEevnPTTg3M381C93mAZEGZDK88I3YJMAJk","transformationId":"\#(zero)",
             "configurationId":"\#(zero)","targetIModelId":"\#(zero)",
             "_links":{"download":{"href":"https://example.com/\#(zero)/report?sv=2019-07-07&sr=b&sig=x&se=2021-07-30T11%3A13%3A09Z&sp=r"}}}]}
            """#, #"{"reports":[]}"#)
    }

    /// The Get iModel Permissions example, and one permission the SDK does not know.
    static func permissions() throws -> [Data] {
        try [fixture("imodel-permissions-200.json")]
            + texts(#"{"permissions":["imodels_webview","imodels_audit"]}"#)
    }

    private static func texts(_ documents: String...) -> [Data] { documents.map { Data($0.utf8) } }
}
