/// Every alias key of a knowledge base, and every word prefix of one, as 64-bit hashes held in
/// memory. The recognizer tries each capitalized word of a text, and the words after it, as a
/// name: most of those lookups find nothing, and the index answers them without a query. A hit
/// still goes to SQLite, so a hash that collides costs a query, never a wrong answer.
struct AliasKeyIndex: Sendable {
    private var keys = Set<UInt64>()
    private var prefixes = Set<UInt64>()

    /// Keys beyond which the index is not built (a world-scale base answers from SQLite alone).
    static let maximumKeys = 2_000_000

    /// Reads the keys (bytes as SQLite compares them); nil when there are more than `maximumKeys`.
    init?(keys all: some Sequence<String>) {
        for key in all {
            if keys.count >= Self.maximumKeys { return nil }
            var key = key
            key.withUTF8 { bytes in
                var h = FNV1a.seed
                for b in bytes {
                    // "a b c" is a key: "a" and "a b" are word prefixes of it.
                    if b == 0x20 { prefixes.insert(h) }
                    h = FNV1a.mix(h, b)
                }
                keys.insert(h)
            }
        }
    }

    /// False when no alias has exactly this key.
    func mayHave(key: String) -> Bool { keys.contains(Self.hash(key)) }

    /// False when no alias key starts with `prefix` and a space.
    func mayHave(prefix: String) -> Bool { prefixes.contains(Self.hash(prefix)) }

    private static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { $0.reduce(FNV1a.seed, FNV1a.mix) }
    }
}
