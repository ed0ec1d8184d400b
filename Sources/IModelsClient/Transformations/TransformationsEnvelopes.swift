/// The single-entity wrappers of Transformations API answers.
enum TransformationsEnvelopes {
    /// `{"configuration": {…}}`.
    struct ConfigurationBody: Decodable { var configuration: TransformationConfiguration }
    /// `{"transformation": {…}}`.
    struct TransformationBody: Decodable { var transformation: Transformation }
}

extension TransformationsEnvelopes {
    /// `{"reports": […]}` (a missing or malformed list reads as none).
    struct ReportsBody: Decodable {
        var reports: [TransformationReport]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            reports = container.decodeLeniently([TransformationReport].self, forKey: .reports) ?? []
        }

        private enum CodingKeys: String, CodingKey { case reports }
    }
}
