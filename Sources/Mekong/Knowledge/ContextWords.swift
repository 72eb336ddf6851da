/// The words of a knowledge-base entity's names and description that the linker looks for in
/// a document: in their alias keys, the runs of letters (`Character.isLetter`) three
/// characters long or more.
enum ContextWords {
    /// Appends the hashes (`DocumentWords.hash`) of the words of `text`'s alias key
    /// (`AliasKey.exact`) to `out`. When every code point of the normalized text, and its lower
    /// case, is a character of its own — below U+0300 (no combining marks there) or the
    /// precomposed Latin of U+1E00–U+1EFF, so all of Vietnamese — the words are read code point
    /// by code point, without the key's string or grapheme breaking: the white space the key
    /// would tidy is no letter, so it only ever separates words. Other text goes through the
    /// key and `Character`. A test checks that both give the same words.
    static func hashes(ofName text: String, into out: inout [UInt64]) {
        // Printable ASCII (most English names and descriptions) is its own normal form: no marks
        // to compose or move, no quotes or dashes to fold, no control to drop.
        let printableASCII = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let normalized = printableASCII ? text : (try? TextNormalizer.normalize(text, options: AliasKey.options).text) ?? text
        if !appendByCodePoint(normalized, into: &out) {
            for w in AliasKey.exact(text).split(whereSeparator: { !$0.isLetter }) where w.count >= 3 { out.append(DocumentWords.hash(w)) }
        }
    }

    /// The words of `normalized` in lower case read code point by code point, or false (and
    /// nothing appended) when a code point is not a character of its own.
    private static func appendByCodePoint(_ normalized: String, into out: inout [UInt64]) -> Bool {
        let letters = letterTable, lower = KeyScalars.lower
        let before = out.count
        var hash = FNV1a.seed, length = 0
        for s in normalized.unicodeScalars {
            guard isOwnCharacter(s), case let l = lower[Int(s.value)], l != KeyScalars.general,
                  let c = Unicode.Scalar(l), isOwnCharacter(c) else {
                out.removeLast(out.count - before)
                return false
            }
            if letters[index(c)] {
                hash = FNV1a.mix(hash, c)
                length += 1
            } else {
                if length >= 3 { out.append(hash) }
                hash = FNV1a.seed
                length = 0
            }
        }
        if length >= 3 { out.append(hash) }
        return true
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
