/// Splits the text into sentences by the sentence rules of UAX #29 (ICU's root rules).
/// A paragraph break (a blank line, or the end of a `paragraphs` span) always ends a
/// sentence; white space around sentences is left out of their spans.
public struct SentencesStage: DeclaredStage {
    let locale: String?
    let abbreviations: Abbreviations
    let breaker: SentenceBreaker
    let splitter: LongSentenceSplitter

    /// The longest sentence in words unless the pipeline says otherwise (option `maxWords`).
    public static let defaultMaxWords = LongSentenceSplitter.defaultMaxWords

    /// `maxWords`: a longer sentence is cut into pieces (see `LongSentenceSplitter`).
    public init(locale: String? = nil, abbreviations: Abbreviations = Abbreviations(), maxWords: Int = SentencesStage.defaultMaxWords) {
        self.init(locale: locale, abbreviations: abbreviations, engine: .native, maxWords: maxWords)
    }

    /// With a chosen sentence breaker: the differential test runs both.
    init(locale: String? = nil, abbreviations: Abbreviations = Abbreviations(), engine: SentenceBreaker.Engine,
         maxWords: Int = LongSentenceSplitter.defaultMaxWords) {
        self.locale = locale
        self.abbreviations = abbreviations
        self.breaker = SentenceBreaker(engine: engine)
        self.splitter = LongSentenceSplitter(maxWords: max(2, maxWords))
    }

    public static let descriptor = StageDescriptor(
        name: "sentences",
        summary: "Sentence boundaries from ICU's rules for the document's language, with abbreviations ICU lacks (TS., PGS., TP., v.v.); paragraph breaks always end a sentence.",
        options: [
            OptionSpec("locale", .string, help: "ICU locale for the rules; by default the document's language."),
            OptionSpec("abbreviations", .stringList, default: [], help: "More abbreviations (with their period) after which a sentence never ends, e.g. [\"UBND.\", \"Đ/c.\"]."),
            OptionSpec("maxWords", .integer, default: .integer(LongSentenceSplitter.defaultMaxWords), minimum: 10,
                       help: "Longest sentence in words (runs of non-space; and 16 code points a word): a longer one, as in text without punctuation, is cut after a comma, before a conjunction or at a space, with a note in the record."),
        ],
        needs: [.text], adds: [.sentences],
        example: ["abbreviations": ["Đ/c.", "HLV."]],
        make: { options in
            try SentencesStage(locale: options.locale("locale"), abbreviations: Abbreviations(extra: options.strings("abbreviations")!),
                               maxWords: options.int("maxWords")!)
        })

    public func process(_ document: inout Document) throws {
        let view = document.view
        let locale = self.locale ?? document.language ?? "und"
        // One pass of the sentence rules over the whole text; paragraphs then cut it further.
        let allEnds: [Int]
        do { allEnds = try breaker.boundaries(view.scalars, locale: locale) } catch {
            throw StageError(stage: name, reason: "\(error)")
        }
        var sentences = SpanLayer()
        var cut = 0, pieces = 0
        var k = 0
        // Kept from block to block: most documents have many short paragraphs.
        var ends: [Int] = []
        var refined: [Int] = []
        for block in TextBlocks.paragraphs(of: document, view: view) {
            ends.removeAll(keepingCapacity: true)
            while k < allEnds.count, allEnds[k] <= block.lowerBound { k += 1 }
            while k < allEnds.count, allEnds[k] < block.upperBound { ends.append(allEnds[k]); k += 1 }
            ends.append(block.upperBound)
            var start = block.lowerBound
            refine(ends, in: view, block: block, into: &refined)
            for end in refined {
                if let span = TextBlocks.trimmed(start..<end, in: view) {
                    // At least a space and a letter a word: shorter spans cannot hold too many.
                    if span.count > splitter.maxWords * 2 - 1 {
                        let parts = splitter.split(span, in: view.scalars)
                        if parts.count > 1 { cut += 1; pieces += parts.count }
                        for p in parts { sentences.append(start: p.lowerBound, end: p.upperBound, labelNumber: 0) }
                    } else {
                        sentences.append(start: span.lowerBound, end: span.upperBound, labelNumber: 0)
                    }
                }
                start = end
            }
        }
        if cut > 0 {
            document.warn(stage: name, "\(cut) sentence\(cut == 1 ? "" : "s") longer than \(splitter.maxWords) words (or \(splitter.maxLength) code points) cut into \(pieces) pieces, after commas, before conjunctions or at spaces")
        }
        document.layers.set(.sentences, sentences)
    }

    /// ICU's sentence ends, corrected: no end after a title abbreviation or an initial, nor
    /// after `v.v.` when a lower-case word follows; an end after an ellipsis followed by a
    /// capital. Works on code points: a word is looked up by a hash of them, not as a string.
    /// The ends go into `result`, emptied first (a buffer the caller keeps between blocks).
    func refine(_ ends: [Int], in view: TextView, block: Range<Int>, into result: inout [Int]) {
        let s = view.scalars
        let classes = CharacterClass.lookup
        result.removeAll(keepingCapacity: true)
        for (k, end) in ends.enumerated() {
            let isLast = k == ends.count - 1
            if !isLast {
                // The last word before the end, and the first letter after it.
                var e = end
                while e > block.lowerBound, classes.of(s[e - 1]).contains(.whitespace) { e -= 1 }
                var b = e
                while b > block.lowerBound, !classes.of(s[b - 1]).contains(.whitespace) { b -= 1 }
                let word = s[b..<e]
                if word.last == ".", keepsSentenceOpen(word, next: end, in: s, block: block, classes: classes) { continue }
            }
            splitAfterEllipses(from: result.last ?? block.lowerBound, to: end, in: view, into: &result)
            result.append(end)
        }
        if result.last != block.upperBound { result.append(block.upperBound) }
    }

    /// Whether a word ending in a period leaves the sentence open: a title (`TS.`), an
    /// initial (`J.`), or another abbreviation (`v.v.`, `U.S.`) before a lower-case word or a
    /// digit.
    private func keepsSentenceOpen(_ word: ArraySlice<Unicode.Scalar>, next end: Int, in s: [Unicode.Scalar], block: Range<Int>,
                                   classes: CharacterClass.Lookup) -> Bool {
        if abbreviations.isListed(word, titlesOnly: true) { return true }
        // An initial: a capital (with any marks) and its period.
        if classes.of(word.first!).contains(.uppercase), word.dropFirst().dropLast().allSatisfy({ classes.of($0).contains(.mark) }),
           word.count >= 2 { return !Abbreviations.isLetterWord(word, in: s) }
        guard abbreviations.isListed(word) || Abbreviations.isDotted(word) else { return false }
        var n = end
        while n < block.upperBound, classes.of(s[n]).contains(.whitespace) || Self.isOpening(s[n]) { n += 1 }
        guard n < block.upperBound else { return false }
        let next = classes.of(s[n])
        return next.contains(.lowercase) || next.contains(.numeric)
    }

    @inline(__always)
    private static func isOpening(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "“", "”", "‘", "’", "«", "»", "(", "[": return true
        default: return false
        }
    }

    @inline(__always)
    private static func isClosing(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "”", "’", "»", ")", "]": return true
        default: return false
        }
    }

    /// ICU does not end a sentence at "…" or "..."; end it there when a capital follows.
    private func splitAfterEllipses(from start: Int, to end: Int, in view: TextView, into result: inout [Int]) {
        guard start < end else { return }
        view.scalars.withUnsafeBufferPointer { s in
            var i = start
            while let period = ScalarSearch.next(".", or: "\u{2026}", in: s, i..<end) {
                i = period
                let isEllipsis = s[i] == "\u{2026}" || (i + 2 < end && s[i] == "." && s[i + 1] == "." && s[i + 2] == ".")
                guard isEllipsis else { i += 1; continue }
                var j = i + (s[i] == "\u{2026}" ? 1 : 3)
                while j < end, s[j] == "." { j += 1 }
                while j < end, Self.isClosing(s[j]) { j += 1 }
                var n = j
                while n < end, s[n].isSpace { n += 1 }
                if n > j, n < end, s[n].characterClass.contains(.uppercase) { result.append(j) }
                i = j
            }
        }
    }
}

/// Paragraph-sized pieces of a text, for stages that work a block at a time.
enum TextBlocks {
    /// The `paragraphs` layer when there is one, else the text split at blank lines.
    static func paragraphs(of document: Document, view: TextView) -> [Range<Int>] {
        if let layer = document.layers.spanLayer(.paragraphs), !layer.isEmpty {
            return layer.map(\.range)
        }
        var blocks: [Range<Int>] = []
        var start = 0
        let s = view.scalars
        s.withUnsafeBufferPointer { s in
            var i = 0
            while let newline = ScalarSearch.next("\n", in: s, i..<s.count) {
                var j = newline + 1
                var newlines = 1
                while j < s.count, s[j].isSpace {
                    if s[j] == "\n" { newlines += 1 }
                    j += 1
                }
                if newlines >= 2 {
                    blocks.append(start..<newline)
                    start = j
                }
                i = j
            }
        }
        if start < s.count { blocks.append(start..<s.count) }
        return blocks.filter { !$0.isEmpty }
    }

    /// The range without leading and trailing white space, or nil when nothing is left.
    static func trimmed(_ range: Range<Int>, in view: TextView) -> Range<Int>? {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, view.scalars[lo].isSpace { lo += 1 }
        while hi > lo, view.scalars[hi - 1].isSpace { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }
}
