extension KeyedDecodingContainer {
    /// Decodes an optional value, giving `nil` when it is missing, null or of another shape: how every model reads
    /// the fields it can do without, so a surprising server value costs that field, not the whole answer.
    func decodeLeniently<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
