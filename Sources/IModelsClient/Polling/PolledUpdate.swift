/// A value the SDK reports while it polls (a create operation, a run), and what counts as a change of it.
///
/// The one rule behind every `…Updates(of:)` sequence and every `onUpdate:` callback: a value is reported when its
/// ``changeKey`` differs from the last one reported, so both forms report the same values in the same order.
protocol PolledUpdate: Sendable {
    /// What must differ from the last reported value for this one to be reported.
    associatedtype ChangeKey: Equatable & Sendable
    /// This value's change key.
    var changeKey: ChangeKey { get }
    /// Whether nothing can follow (an update sequence finishes after yielding it).
    var isLastUpdate: Bool { get }
    /// The state named in ``ITwinClientError/timedOut(operation:resourceId:lastState:)``.
    var stateName: String { get }
}

extension CreateOperation: PolledUpdate {
    var changeKey: CreateOperationState { state }
    var isLastUpdate: Bool { state.isTerminal }
    var stateName: String { state.rawValue }
}

extension Transformation: PolledUpdate {
    /// What counts as a change of a run: its status or its processed-element count.
    struct RunProgress: Equatable, Sendable {
        var status: TransformationStatus
        var processed: Int?
    }

    var changeKey: RunProgress { RunProgress(status: status, processed: processedElementCount) }
    var isLastUpdate: Bool { status.isTerminal }
    var stateName: String { status.rawValue }
}

/// Passes on each value whose ``PolledUpdate/changeKey`` differs from the last one passed on.
struct UpdateReporter<Update: PolledUpdate> {
    private var last: Update.ChangeKey?
    private let report: ((Update) -> Void)?

    /// A reporter calling `report` (none: it reports nothing).
    init(_ report: ((Update) -> Void)?) { self.report = report }

    /// Reports `update` if it is a change.
    mutating func take(_ update: Update) {
        guard let report, last != update.changeKey else { return }
        last = update.changeKey
        report(update)
    }
}
