/// Name lists the entity model reads as features — family and given names, provinces of both
/// administrative eras, countries, known organizations, titles and heads — as phrases of
/// syllables matched without regard to case or tone placement (`SyllableKey`). The model
/// keeps the lists it was trained with inside its file, so a model always reads the lists
/// its weights expect.
public struct NameLists: Sendable {
    /// The classes a phrase can belong to; a feature is a class, never a phrase.
    public static let classes = ["family", "given", "province", "district", "country", "place", "org", "person", "misc",
                                 "title", "orgHead", "locHead", "otherCue", "opener"]
    public static func classIndex(_ name: String) -> Int? { classes.firstIndex(of: name) }

    /// Phrases longer than this are not matched.
    public static let longestPhrase = 8
    private static let isPrefix: UInt32 = 1 << 31

    private var table = HashTable64<UInt32>(capacity: 16)
    /// The phrases by class, as given (what a model file stores).
    public private(set) var phrases: [(phrase: String, classIndex: Int)] = []

    public init() {}

    public init(_ phrases: [(phrase: String, classIndex: Int)]) {
        let keyed = phrases.map { (phrase: $0.phrase, classIndex: $0.classIndex, keys: Self.keys($0.phrase)) }
            .filter { !$0.keys.isEmpty && $0.keys.count <= Self.longestPhrase && $0.classIndex < 31 }
        table = HashTable64(capacity: keyed.reduce(0) { $0 + $1.keys.count } + 16)
        for p in keyed {
            self.phrases.append((p.phrase, p.classIndex))
            var h = Self.start
            for (n, k) in p.keys.enumerated() {
                h = SegmenterFeatures.mix(h, k)
                table.insert(h, n == p.keys.count - 1 ? 1 << UInt32(p.classIndex) : Self.isPrefix)
            }
        }
    }

    public var count: Int { phrases.count }

    static let start: UInt64 = 0x6E61_6D65

    /// The keys of a phrase's syllables, as the tokens stage would cut them.
    static func keys(_ phrase: String) -> [UInt64] {
        // Split at the space byte: splitting the String compares whole characters, which costs a
        // grapheme break per character over the model's many thousand phrases at every start.
        phrase.utf8.split(separator: 0x20).map { SyllableKey.of(Substring($0).unicodeScalars).hash }
    }

    /// Calls `found(length, classBits)` for each listed phrase that starts at key `i` of the
    /// `count` keys that `key` gives.
    @inline(__always)
    func matches(count: Int, from i: Int, key: (Int) -> UInt64, _ found: (Int, UInt32) -> Void) {
        var h = Self.start
        var n = i
        while n < count && n - i < Self.longestPhrase {
            h = SegmenterFeatures.mix(h, key(n))
            let v = table[h]
            if v & ~Self.isPrefix != 0 { found(n - i + 1, v & ~Self.isPrefix) }
            if v & Self.isPrefix == 0 { break }
            n += 1
        }
    }

    /// The class bits of the phrase made of all of `keys` (0 when it is not listed).
    func classes(ofPhrase keys: ArraySlice<UInt64>) -> UInt32 {
        var h = Self.start
        for k in keys { h = SegmenterFeatures.mix(h, k) }
        return table[h] & ~Self.isPrefix
    }
}
