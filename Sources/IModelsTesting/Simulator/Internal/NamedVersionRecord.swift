import Foundation

/// One named version of a simulated iModel.
struct NamedVersionRecord {
    var id: String
    var name: String
    var description: String?
    /// The changeset it names; `nil` for the baseline.
    var changesetId: String?
    /// 0 for the baseline.
    var changesetIndex: Int
    var state: String
    var createdAt: Date
    /// The application that created it (the full representation's `application`).
    var application: (id: String, name: String) = SimulatorState.seedApplication
}
