/// One segment of a word-break pass: where it ends (a code-point offset) and ICU's rule
/// status for it (0 none, 100 number, 200 letter, 300 kana, 400 ideographic).
struct WordSegment: Sendable, Hashable {
    var end: Int
    var status: Int32
}

/// Word boundaries by the rules of UAX #29 as ICU's root rules apply them, computed here for
/// the scripts that separate words with spaces — a tight loop over code points instead of
/// ICU's state machine over UTF-16, about four times faster — and by ICU itself for every
/// line that holds a character this loop leaves to it (a dictionary script such as Thai or
/// Chinese, Hebrew, emoji sequences, regional indicators). Lines are independent under the
/// rules (they always break around line breaks), so the two never meet inside a line. A test
/// checks that both ways give the same segments and statuses.
struct WordBreaker: Sendable {
    enum Engine: Sendable { case native, icu }
    let engine: Engine

    init(engine: Engine = .native) { self.engine = engine }

    /// The segments of `scalars`, in order, the last ending at `scalars.count`.
    func segments(_ scalars: [Unicode.Scalar], locale: String) throws(ICU.Failure) -> [WordSegment] {
        if engine == .icu || Self.hasRulesOfItsOwn(locale) {
            var out = AppendBuffer<WordSegment>()
            try Self.appendICU(scalars, 0..<scalars.count, locale: locale, into: &out)
            return out.array()
        }
        return try scalars.withUnsafeBufferPointer { s throws(ICU.Failure) in try Self.native(s, locale: locale) }
    }

    /// Locales whose word rules in ICU are not the root ones: Swedish and Finnish (a colon
    /// joins letters, `k:a`), the POSIX locale, and any locale with keywords.
    static func hasRulesOfItsOwn(_ locale: String) -> Bool {
        if locale.utf8.contains(UInt8(ascii: "@")) || locale.hasSuffix("POSIX") { return true }
        let language = localeLanguage(locale)
        return language == "sv" || language == "fi"
    }

    private static func native(_ s: UnsafeBufferPointer<Unicode.Scalar>, locale: String) throws(ICU.Failure) -> [WordSegment] {
        let classes = BreakClasses.shared
        let n = s.count
        var out = AppendBuffer<WordSegment>(capacity: n / 3)
        var last = WordClass.none  // the class of the last character of the open segment
        var beforeLast = WordClass.none  // and of the one before it, for the status
        var joinNext = false  // a middle character (`.` in `a.b`, `,` in `1,5`) was joined
        var lastExtended = false  // marks or format characters follow the last character
        var lineStart = 0
        var lineOutput = 0
        var i = 0
        while i < n {
            var c = classes.word(s[i])
            // A letter after a letter, a digit after a digit: most characters, settled first.
            if c == last && (c == WordClass.aLetter || c == WordClass.numeric) && !joinNext {
                beforeLast = c
                lastExtended = false
                i += 1
                // The rest of the run in a loop of its own, which keeps to a few registers.
                while i < n, classes.word(s[i]) == c { i += 1 }
                // Most runs end at one space before the next word, or at a comma or period
                // and one space: close the run, the mark and the space here, as the rules
                // below would (a mark joins only between letters or digits; nothing joins a
                // lone space), and go on with the next word's first character.
                var k = i
                if k + 2 < n, s[k] == "," || s[k] == ".", s[k + 1] == " " { k += 1 }
                if k + 1 < n, s[k] == " " {
                    let next = classes.word(s[k + 1])
                    if next == WordClass.aLetter || next == WordClass.numeric {
                        out.append(WordSegment(end: i, status: c == WordClass.aLetter ? 200 : 100))
                        if k > i { out.append(WordSegment(end: k, status: 0)) }
                        out.append(WordSegment(end: k + 1, status: 0))
                        last = next
                        beforeLast = WordClass.none
                        i = k + 2
                    }
                }
                continue
            }
            if c == WordClass.complex {
                // Hand the whole line to ICU: close the line break before it, drop what this
                // loop found in the line so far.
                if i == lineStart && last != WordClass.none {
                    out.append(WordSegment(end: i, status: 0))
                }
                out.removeLast(out.count - lineOutput)
                var e = i + 1
                while e < n {
                    let k = classes.word(s[e])
                    if k == WordClass.cr || k == WordClass.lf || k == WordClass.newline { break }
                    e += 1
                }
                try appendICU(Array(s[lineStart..<e]), 0..<(e - lineStart), locale: locale, offset: lineStart, into: &out)
                i = e
                last = WordClass.none
                beforeLast = WordClass.none
                joinNext = false
                continue
            }
            if c == WordClass.extend {
                // Marks and format characters belong to the character before them (WB4), but
                // not to a line break or the start of the text.
                if last != WordClass.none && last != WordClass.cr && last != WordClass.lf && last != WordClass.newline {
                    lastExtended = true
                    i += 1
                    continue
                }
                c = WordClass.other
            }
            if last != WordClass.none {
                let join: Bool
                if joinNext {
                    join = true
                    joinNext = false
                } else if c == WordClass.midLetter || c == WordClass.midNumLet || c == WordClass.midNum {
                    // WB6/7 and WB11/12: a letter-middle between letters, a number-middle
                    // between digits.
                    var j = i + 1
                    while j < n, classes.word(s[j]) == WordClass.extend { j += 1 }
                    let next = j < n ? classes.word(s[j]) : WordClass.none
                    join = (last == WordClass.aLetter && c != WordClass.midNum && next == WordClass.aLetter)
                        || (last == WordClass.numeric && c != WordClass.midLetter && next == WordClass.numeric)
                    joinNext = join
                } else if last == WordClass.wSegSpace && c == WordClass.wSegSpace {
                    join = !lastExtended  // ICU's WB3d does not look through marks
                } else {
                    join = Self.joins(last, c)
                }
                if !join {
                    out.append(WordSegment(end: i, status: Self.status(last, beforeLast, lastExtended)))
                    beforeLast = WordClass.none
                    last = WordClass.none
                }
            }
            if c == WordClass.cr || c == WordClass.lf || c == WordClass.newline {
                // The next line starts after this break, once its segment is closed.
                lineStart = i + 1
                lineOutput = out.count + 1
            }
            beforeLast = last
            last = c
            lastExtended = false
            i += 1
        }
        if last != WordClass.none { out.append(WordSegment(end: n, status: Self.status(last, beforeLast, lastExtended))) }
        return out.array()
    }

    /// Whether two adjacent characters stay in one segment (the pair rules of UAX #29).
    @inline(__always)
    private static func joins(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (a, b) {
        case (WordClass.aLetter, WordClass.aLetter), (WordClass.aLetter, WordClass.numeric),
             (WordClass.numeric, WordClass.numeric), (WordClass.numeric, WordClass.aLetter):
            return true  // WB5, WB8, WB9, WB10
        case (WordClass.aLetter, WordClass.extendNumLet), (WordClass.numeric, WordClass.extendNumLet),
             (WordClass.extendNumLet, WordClass.extendNumLet), (WordClass.extendNumLet, WordClass.aLetter),
             (WordClass.extendNumLet, WordClass.numeric):
            return true  // WB13a, WB13b
        case (WordClass.cr, WordClass.lf):
            return true  // WB3
        default:
            return false
        }
    }

    /// ICU's rule status of a segment: the tag of the rule that matched its last two
    /// characters (`a1` is a number, `1a` a word, `1_` a number, `a_` and `__` words; a
    /// connector with a mark after it, none).
    @inline(__always)
    private static func status(_ last: UInt8, _ beforeLast: UInt8, _ extended: Bool) -> Int32 {
        switch last {
        case WordClass.aLetter: return 200
        case WordClass.numeric: return 100
        case WordClass.extendNumLet:
            if extended { return 0 }
            if beforeLast == WordClass.aLetter || beforeLast == WordClass.extendNumLet { return 200 }
            return beforeLast == WordClass.numeric ? 100 : 0
        default: return 0
        }
    }

    /// ICU's segments of `scalars[range]`, shifted by `offset`, appended to `out`.
    private static func appendICU(_ scalars: [Unicode.Scalar], _ range: Range<Int>, locale: String, offset: Int = 0,
                                  into out: inout AppendBuffer<WordSegment>) throws(ICU.Failure) {
        let utf16 = utf16Units(scalars[range])
        var cursor = UTF16ToScalarCursor(utf16)
        for b in try ICU.boundaries(.word, locale: locale, utf16: utf16) {
            out.append(WordSegment(end: offset + range.lowerBound + cursor.scalarOffset(b.utf16Offset), status: b.status))
        }
    }
}
