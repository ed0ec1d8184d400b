/// A local rate-limit class: the requests that share one cooldown after a `429` and one proactive limit.
///
/// The iTwin Platform gives Clone iModel and Fork iModel their own, lower limit (5 or 20 calls a minute by tier);
/// every other operation only counts against the platform-wide limit. The SDK therefore keeps two classes: a `429`
/// on a clone holds back further clones and forks, but not the reads that poll their progress.
public enum RateLimitClass: String, Sendable, Hashable, CaseIterable {
    /// Clone iModel and Fork iModel, which share one lower server-side limit.
    case cloneAndFork
    /// Every other call of the iModels and Transformations APIs.
    case general
}
