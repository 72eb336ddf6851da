/// One sentence as the entity model reads it: for each token (a syllable, a number, a
/// punctuation mark) its key and shape, the word the segmenter put it in, the name lists'
/// view of it and what the whole document says about its case. Built once per sentence; the
/// features (`EntityFeatures`) only combine these numbers.
struct EntitySentence {
    var keys: [UInt64] = []
    var shapes: [UInt8] = []
    /// The last three letters, lower-cased (foreign names: `-son`, `-ski`, `-ova`).
    var suffixes: [UInt64] = []
    /// Letters in the token, capped at 7.
    var letters: [UInt8] = []
    /// The token opens the sentence, a quotation or a clause after `:` — where capitals say little.
    var starts: [Bool] = []
    /// The word the token belongs to (its syllables' keys), and the token's place in it:
    /// 0 alone, 1 first, 2 inside, 3 last.
    var words: [UInt64] = []
    var wordPlaces: [UInt8] = []
    var previousWords: [UInt64] = []
    var nextWords: [UInt64] = []
    /// Class bits of listed phrases that start at the token, that cover it past their start,
    /// and that end right before it.
    var listStarts: [UInt32] = []
    var listInside: [UInt32] = []
    var listBefore: [UInt32] = []
    /// `DocumentCase` flags of the token's key.
    var documentCase: [UInt8] = []

    var count: Int { keys.count }

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
    init(scalars: [Unicode.Scalar], tokens: [Range<Int>], wordOf: [Int], lists: NameLists, known: ArraySlice<(hash: UInt64, shape: UInt8)>? = nil) {
        let n = tokens.count
        keys.reserveCapacity(n)
        shapes.reserveCapacity(n)
        suffixes.reserveCapacity(n)
        letters.reserveCapacity(n)
        starts.reserveCapacity(n)
        var previous: Range<Int>?
        let classes = CharacterClass.lookup
        for (n, r) in tokens.enumerated() {
            let t = scalars[r]
            let (h, shape) = known.map { $0[$0.startIndex + n] } ?? SyllableKey.of(t)
            keys.append(h)
            shapes.append(shape)
            var tail: UInt64 = 0x7A11
            var count = 0
            for s in t.reversed() where classes.of(s).contains(.alphabetic) {
                if count < 3 { tail = SegmenterFeatures.mix(tail, UInt64(KeyScalars.lowerFirst(s))) }
                count += 1
            }
            suffixes.append(count >= 4 ? tail : 0)
            letters.append(UInt8(min(count, 7)))
            starts.append(previous.map { Self.opens(scalars[$0]) } ?? true)
            previous = r
        }
        // Words: the hash of their keys, placed on each of their tokens.
        words = [UInt64](repeating: 0, count: n)
        wordPlaces = [UInt8](repeating: 0, count: n)
        previousWords = [UInt64](repeating: SegmenterFeatures.outside, count: n)
        nextWords = [UInt64](repeating: SegmenterFeatures.end, count: n)
        var spans: [(Int, Int)] = []
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && wordOf[j] == wordOf[i] { j += 1 }
            spans.append((i, j))
            i = j
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(spans.count)
        for (a, b) in spans {
            let h = SegmenterFeatures.sequenceHash(keys[a..<b])
            hashes.append(h)
            for k in a..<b {
                words[k] = h
                wordPlaces[k] = b - a == 1 ? 0 : k == a ? 1 : k == b - 1 ? 3 : 2
            }
        }
        for (w, (a, b)) in spans.enumerated() {
            for k in a..<b {
                if w > 0 { previousWords[k] = hashes[w - 1] }
                if w + 1 < spans.count { nextWords[k] = hashes[w + 1] }
            }
        }
        listStarts = [UInt32](repeating: 0, count: n)
        listInside = [UInt32](repeating: 0, count: n)
        listBefore = [UInt32](repeating: 0, count: n + 1)
        for i in 0..<n {
            lists.matches(keys, from: i) { length, bits in
                listStarts[i] |= bits
                for k in (i + 1)..<(i + length) { listInside[k] |= bits }
                listBefore[i + length] |= bits
            }
        }
        listBefore.removeLast()
        documentCase = [UInt8](repeating: 0, count: n)
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

    /// Reads every token of the document (by sentence: a token opening one says nothing).
    init(scalars: [Unicode.Scalar], tokens: SpanLayer, sentences: [Range<Int>]) {
        var s = 0
        var previous: Range<Int>?
        keys.reserveCapacity(tokens.count)
        flags = HashTable64(capacity: min(tokens.count, 1 << 14))
        for t in tokens {
            while s < sentences.count && sentences[s].upperBound <= t.start { s += 1; previous = nil }
            let (key, shape) = SyllableKey.of(scalars[t.range])
            keys.append((key, shape))
            let opens = previous.map { EntitySentence.opens(scalars[$0]) } ?? true
            if shape == SyllableKey.Shape.upper && !opens { flags.insert(key, Self.capitalizedInside) }
            if shape == SyllableKey.Shape.lower { flags.insert(key, Self.lowerCase) }
            previous = t.range
        }
    }

    func fill(_ sentence: inout EntitySentence) {
        for k in 0..<sentence.count { sentence.documentCase[k] = flags[sentence.keys[k]] }
    }
}
