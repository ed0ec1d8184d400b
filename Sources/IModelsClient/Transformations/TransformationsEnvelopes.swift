/// The single-entity wrappers of Transformations API answers.
enum TransformationsEnvelopes {
    /// `{"configuration": {…}}`.
    struct ConfigurationBody: Decodable { var configuration: TransformationConfiguration }
    /// `{"transformation": {…}}`.
    struct TransformationBody: Decodable { var transformation: Transformation }
}
