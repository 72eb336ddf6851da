/// The words of a text as a bag, for comparing texts by the words they share: a page's title
/// with its headings, a block's text with the article's. A word is a lower-cased run of
/// letters, digits and combining marks, kept as a hash of its code points (words are only
/// compared, never shown).
struct WordBag {
    /// A word: a hash of its lower-cased code points.
    typealias Word = UInt64

    private(set) var counts: [Word: Int] = [:]
    /// The number of words, repeats included.
    private(set) var size = 0

    init(_ words: [Word] = []) { add(words) }
    init(text: String) { add(Self.words(text)) }

    mutating func add(_ words: [Word]) {
        for w in words { counts[w, default: 0] += 1 }
        size += words.count
    }

    /// The share of `reference`'s words the bag holds, each word of the bag matched once (1
    /// for a reference without words).
    func recall(of reference: [Word]) -> Double {
        guard !reference.isEmpty else { return 1 }
        return Double(shared(with: reference)) / Double(reference.count)
    }

    /// Dice's overlap with a candidate's words, or 0 when their lengths alone keep it
    /// below `minimum` (most of a page's titled elements are teasers of other lengths).
    func similarity(to candidate: [Word], atLeast minimum: Double) -> Double {
        guard size > 0, !candidate.isEmpty, 2 * Double(min(size, candidate.count)) >= minimum * Double(size + candidate.count) else { return 0 }
        return 2 * Double(shared(with: candidate)) / Double(size + candidate.count)
    }

    /// How many of `words` the bag holds, each word of the bag matched once.
    private func shared(with words: [Word]) -> Int {
        var left = counts
        var shared = 0
        for w in words { if let n = left[w], n > 0 { shared += 1; left[w] = n - 1 } }
        return shared
    }


    /// Lower-cased runs of letters, digits and combining marks (a decomposed `ệ` stays in its
    /// word), read scalar by scalar: grapheme breaking costs more and tells nothing more here.
    static func words(_ text: String) -> [Word] {
        var text = text
        return text.withUTF8(words(utf8:))
    }

    /// The words of UTF-8 bytes (a text node's content, read in place); a byte that is not
    /// UTF-8 separates words.
    static func words(utf8: UnsafeBufferPointer<UInt8>) -> [Word] {
        var result: [Word] = []
        var hash = FNV1a.seed
        var inWord = false
        @inline(__always) func add(_ s: Unicode.Scalar, letter: Bool) {
            if letter {
                hash = FNV1a.mix(inWord ? hash : FNV1a.seed, s)
                inWord = true
            } else if inWord {
                result.append(hash)
                inWord = false
            }
        }
        let table = Self.lowered
        var bytes = utf8.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let s):
                if s.value < 0x80 {
                    let l = s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(UInt8(s.value) + 0x20) : s
                    add(l, letter: isLetter(l))
                } else if s.value < UInt32(table.count), table[Int(s.value)] & Self.unlisted == 0 {
                    let entry = table[Int(s.value)]
                    add(Unicode.Scalar(entry & Self.scalarBits)!, letter: entry & Self.letterBit != 0)
                } else {
                    let lower = s.properties.changesWhenLowercased ? Array(s.properties.lowercaseMapping.unicodeScalars) : [s]
                    for l in lower { add(l, letter: isLetter(l)) }
                }
            case .error: add(" ", letter: false)
            case .emptyInput: break decoding
            }
        }
        if inWord { result.append(hash) }
        return result
    }

    /// Whether a code point belongs in a word: a letter, a digit or a combining mark.
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39) }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    /// For the code points below U+2000 (Latin, Vietnamese, Greek, Cyrillic, the combining
    /// marks …): the one code point it lower-cases to, and whether that one belongs in a word —
    /// read from the Unicode properties once, since asking them for every character of a page
    /// cost more than the rest of the word reading. `unlisted` where lower-casing gives more
    /// than one code point (`İ`): those are asked every time.
    private static let lowered: [UInt32] = (0..<0x2000).map { v -> UInt32 in
        guard let s = Unicode.Scalar(UInt32(v)) else { return unlisted }
        let lower = s.properties.changesWhenLowercased ? Array(s.properties.lowercaseMapping.unicodeScalars) : [s]
        guard lower.count == 1 else { return unlisted }
        return lower[0].value | (isLetter(lower[0]) ? letterBit : 0)
    }
    private static let scalarBits: UInt32 = 0x1F_FFFF
    private static let letterBit: UInt32 = 1 << 30
    private static let unlisted: UInt32 = 1 << 31
}
