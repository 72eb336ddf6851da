/// The words of a knowledge-base entity's names and description that the linker looks for in
/// a document: in an alias key, the runs of letters (`Character.isLetter`) three characters
/// long or more.
enum ContextWords {
    /// Appends the hashes (`DocumentWords.hash`) of the words of `key` (an alias key) to `out`.
    /// Keys made only of code points that are each a character of their own — below U+0300 (no
    /// combining marks there) and the precomposed Latin of U+1E00–U+1EFF, so all of Vietnamese
    /// — are read code point by code point, with no grapheme breaking; others go through
    /// `Character`. A test checks that both give the same words.
    static func hashes(of key: String, into out: inout [UInt64]) {
        if key.unicodeScalars.allSatisfy(isOwnCharacter) {
            let letters = letterTable
            var hash = FNV1a.seed, length = 0
            for s in key.unicodeScalars {
                if letters[index(s)] {
                    hash = FNV1a.mix(hash, s)
                    length += 1
                } else {
                    if length >= 3 { out.append(hash) }
                    hash = FNV1a.seed
                    length = 0
                }
            }
            if length >= 3 { out.append(hash) }
            return
        }
        for w in key.split(whereSeparator: { !$0.isLetter }) where w.count >= 3 { out.append(DocumentWords.hash(w)) }
    }

    /// Whether a code point is always a character of its own (no mark or joiner below U+0300 or
    /// in Latin Extended Additional extends a grapheme).
    @inline(__always)
    static func isOwnCharacter(_ s: Unicode.Scalar) -> Bool { s.value < 0x300 || (s.value >= 0x1E00 && s.value < 0x1F00) }

    @inline(__always)
    private static func index(_ s: Unicode.Scalar) -> Int { s.value < 0x300 ? Int(s.value) : Int(s.value) - 0x1E00 + 0x300 }

    /// `Character.isLetter` of each code point that `isOwnCharacter` admits, by `index`.
    static let letterTable: [Bool] = {
        let scalars = (0..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00..<0x1F00).compactMap(Unicode.Scalar.init)
        var table = [Bool](repeating: false, count: 0x400)
        for s in scalars { table[index(s)] = Character(s).isLetter }
        return table
    }()
}
