/// The distinct words of a document, which the linker weighs a candidate's context words
/// against: runs of letters (an alphabetic code point with the marks that follow it) in lower
/// case, as `split(whereSeparator: { !$0.isLetter })` gives them from an alias key. Kept as
/// hashes of their code points, so reading a document builds no string per word.
struct DocumentWords {
    /// Each word's hash, stored as 1.
    private var hashes: HashTable64<UInt8>

    init(_ text: String) { self.init(text.unicodeScalars, bytes: text.utf8.count) }

    /// The words of a document's code points (decoded once for the stages).
    init(scalars: [Unicode.Scalar]) { self.init(scalars, bytes: scalars.count * 2) }

    private init(_ scalars: some Sequence<Unicode.Scalar>, bytes: Int) {
        // Room for a word every six bytes, up to a long article's (the table grows past that).
        hashes = HashTable64(capacity: min(bytes / 6, 1 << 14))
        let classes = CharacterClass.lookup
        let lower = KeyScalars.lower
        var hash = FNV1a.seed
        var inWord = false
        func add(_ s: Unicode.Scalar) {
            let c = classes.of(s)
            if c.contains(.alphabetic) || (inWord && c.contains(.mark)) {
                hash = FNV1a.mix(hash, s)
                inWord = true
            } else if inWord {
                hashes.insert(hash, 1)
                hash = FNV1a.seed
                inWord = false
            }
        }
        for s in scalars {
            if s.value < KeyScalars.limit, case let l = lower[Int(s.value)], l != KeyScalars.general {
                add(Unicode.Scalar(l).unsafelyUnwrapped)
            } else {
                for m in s.properties.lowercaseMapping.unicodeScalars { add(m) }
            }
        }
        if inWord { hashes.insert(hash, 1) }
    }

    var count: Int { hashes.count }

    /// Whether the document has `word` (a word of an alias key: lower case already).
    func contains(_ word: some StringProtocol) -> Bool {
        hashes[Self.hash(word)] != 0
    }

    /// Whether the document has the word of this hash (`hash(_:)`).
    func contains(hash: UInt64) -> Bool { hashes[hash] != 0 }

    /// A word's hash, as the document's words are kept.
    static func hash(_ word: some StringProtocol) -> UInt64 { word.unicodeScalars.reduce(FNV1a.seed, FNV1a.mix) }
}
