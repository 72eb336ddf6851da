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
        func add(_ s: Unicode.Scalar) {
            let letter: Bool
            if s.value < 0x80 {
                letter = (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
            } else {
                let p = s.properties
                letter = p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
            }
            if letter {
                hash = FNV1a.mix(inWord ? hash : FNV1a.seed, s)
                inWord = true
            } else if inWord {
                result.append(hash)
                inWord = false
            }
        }
        var bytes = utf8.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let s):
                if s.value < 0x80 {
                    add(s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(UInt8(s.value) + 0x20) : s)
                } else if s.properties.changesWhenLowercased {
                    for l in s.properties.lowercaseMapping.unicodeScalars { add(l) }
                } else {
                    add(s)
                }
            case .error: add(" ")
            case .emptyInput: break decoding
            }
        }
        if inWord { result.append(hash) }
        return result
    }
}
