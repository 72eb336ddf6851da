/// One sentence as the entity model reads it: for each token (a syllable, a number, a
/// punctuation mark) its key and shape, the word the segmenter put it in, the name lists'
/// view of it and what the whole document says about its case. Built once per sentence; the
/// features (`EntityFeatures`) only combine these numbers.
struct EntitySentence {
    /// What the model reads of one token. One record a token (not an array a fact): a
    /// sentence costs one allocation, and a token's facts sit together for its features.
    struct Token {
        var key: UInt64
        /// The last three letters, lower-cased (foreign names: `-son`, `-ski`, `-ova`); 0 for a
        /// token of fewer than four letters.
        var suffix: UInt64
        /// The word the token belongs to (its syllables' keys), and the words around it.
        var word: UInt64 = 0
        var previousWord: UInt64 = SegmenterFeatures.outside
        var nextWord: UInt64 = SegmenterFeatures.end
        /// Class bits of listed phrases that start at the token, that cover it past their start,
        /// and that end right before it.
        var listStarts: UInt32 = 0
        var listInside: UInt32 = 0
        var listBefore: UInt32 = 0
        var shape: UInt8
        /// Letters in the token, capped at 7.
        var letters: UInt8
        /// The token's place in its word: 0 alone, 1 first, 2 inside, 3 last.
        var wordPlace: UInt8 = 0
        /// `DocumentCase` flags of the token's key.
        var documentCase: UInt8 = 0
        /// The token opens the sentence, a quotation or a clause after `:` — where capitals say little.
        var start: Bool
    }

    var tokens: [Token] = []

    var count: Int { tokens.count }

    /// Tokens after which a capital opens a phrase.
    static let openers: Set<String> = [".", "!", "?", ":", "\"", "“", "”", "…", "-", "–", "—", "(", "«", "'", ";"]
    static let openerScalars = Set(openers.map { $0.unicodeScalars.first! })

    /// Whether a token (code points) opens a phrase for the token after it.
    @inline(__always)
    static func opens(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        token.count == 1 && openerScalars.contains(token.first!)
    }

    /// - Parameters:
    ///   - scalars: the document's text.
    ///   - tokens: the sentence's tokens (code-point ranges), in order.
    ///   - wordOf: the index of the word each token belongs to (non-decreasing).
    ///   - lists: the name lists.
    /// The document's case (`documentCase`) is filled in later, once every sentence is read.
    ///   - known: each token's key and shape when already read (`DocumentCase` reads them).
    init(scalars: [Unicode.Scalar], tokens ranges: [Range<Int>], wordOf: [Int], lists: NameLists, known: ArraySlice<(hash: UInt64, shape: UInt8)>? = nil) {
        let n = ranges.count
        tokens.reserveCapacity(n)
        var previous: Range<Int>?
        let classes = CharacterClass.lookup
        for (n, r) in ranges.enumerated() {
            let t = scalars[r]
            let (h, shape) = known.map { $0[$0.startIndex + n] } ?? SyllableKey.of(t)
            var tail: UInt64 = 0x7A11
            var count = 0
            for s in t.reversed() where classes.of(s).contains(.alphabetic) {
                if count < 3 { tail = SegmenterFeatures.mix(tail, UInt64(KeyScalars.lowerFirst(s))) }
                count += 1
            }
            tokens.append(Token(key: h, suffix: count >= 4 ? tail : 0, shape: shape, letters: UInt8(min(count, 7)),
                                start: previous.map { Self.opens(scalars[$0]) } ?? true))
            previous = r
        }
        tokens.withUnsafeMutableBufferPointer { tokens in
            // Words: the hash of their keys, placed on each of their tokens, and on the tokens
            // of the words beside them.
            var i = 0
            var before = SegmenterFeatures.outside
            var previousStart = 0
            while i < n {
                var j = i + 1
                while j < n && wordOf[j] == wordOf[i] { j += 1 }
                let h = SegmenterFeatures.sequenceHash(tokens[i..<j].lazy.map(\.key))
                for k in i..<j {
                    tokens[k].word = h
                    tokens[k].wordPlace = j - i == 1 ? 0 : k == i ? 1 : k == j - 1 ? 3 : 2
                    tokens[k].previousWord = before
                }
                if i > 0 { for k in previousStart..<i { tokens[k].nextWord = h } }
                before = h
                previousStart = i
                i = j
            }
            for i in 0..<n {
                lists.matches(count: n, from: i, key: { tokens[$0].key }) { length, bits in
                    tokens[i].listStarts |= bits
                    for k in (i + 1)..<(i + length) { tokens[k].listInside |= bits }
                    if i + length < n { tokens[i + length].listBefore |= bits }
                }
            }
        }
    }
}

/// What a document says about each word's case: a token capitalized where a capital says
/// something (not opening a sentence) marks a name however its other mentions are written;
/// seen in lower case, it is also an ordinary word. Read over the whole document first, so
/// `Lan` opening a sentence is known as the `Lan` named mid-sentence elsewhere.
struct DocumentCase {
    static let capitalizedInside: UInt8 = 1, lowerCase: UInt8 = 2
    private var flags: HashTable64<UInt8>

    init() { flags = HashTable64(capacity: 8) }

    /// Each token's key and shape, in the order of the `tokens` layer.
    private(set) var keys: [(hash: UInt64, shape: UInt8)] = []

    /// Reads every token of the document (by sentence: a token opening one says nothing);
    /// `keys`: each token's key and shape (`SyllableKey.ofTokens`).
    init(scalars: [Unicode.Scalar], tokens: SpanLayer, keys: [(hash: UInt64, shape: UInt8)], sentences: [Range<Int>]) {
        var s = 0
        var previous: Range<Int>?
        self.keys = keys
        flags = HashTable64(capacity: min(tokens.count, 1 << 14))
        for (n, t) in tokens.enumerated() {
            while s < sentences.count && sentences[s].upperBound <= t.start { s += 1; previous = nil }
            let (key, shape) = keys[n]
            let opens = previous.map { EntitySentence.opens(scalars[$0]) } ?? true
            if shape == SyllableKey.Shape.upper && !opens { flags.insert(key, Self.capitalizedInside) }
            if shape == SyllableKey.Shape.lower { flags.insert(key, Self.lowerCase) }
            previous = t.range
        }
    }

    func fill(_ sentence: inout EntitySentence) {
        for k in 0..<sentence.count { sentence.tokens[k].documentCase = flags[sentence.tokens[k].key] }
    }
}
