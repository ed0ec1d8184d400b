/// What ``IModelsAPI/waitUntilCreated(_:until:timeout:onUpdate:)`` waits for.
public enum CreationMilestone: Sendable, Hashable {
    /// The iModel's `state` is `initialized`: it can be used, while the server may still copy data that speeds up
    /// viewing and authoring.
    case initialized
    /// The create operation is `successful`: everything is copied.
    case completed
}
