/// The single-entity wrappers of iModels API answers.
enum IModelsEnvelopes {
    /// `{"iModel": {…}}`.
    struct IModelBody: Decodable { var iModel: IModel }
    /// `{"createOperation": {…}}`.
    struct CreateOperationBody: Decodable { var createOperation: CreateOperation }
    /// `{"changeset": {…}}`.
    struct ChangesetBody: Decodable { var changeset: Changeset }
}
