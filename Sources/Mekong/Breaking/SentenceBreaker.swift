/// Sentence boundaries by the rules of UAX #29 (ICU's root sentence rules are exactly these),
/// computed over code points: no UTF-16 copy of the text and no ICU state machine. The rules
/// need no dictionary, so this covers every script; a test checks it against ICU.
struct SentenceBreaker: Sendable {
    enum Engine: Sendable { case native, icu }
    let engine: Engine

    init(engine: Engine = .native) { self.engine = engine }

    /// The boundaries after the start of `scalars`, ascending, the last at `scalars.count`.
    func boundaries(_ scalars: [Unicode.Scalar], locale: String) throws(ICU.Failure) -> [Int] {
        if scalars.isEmpty { return [] }
        if engine == .icu || Self.hasRulesOfItsOwn(locale) {
            let utf16 = utf16Units(scalars)
            var cursor = UTF16ToScalarCursor(utf16)
            return try ICU.boundaries(.sentence, locale: locale, utf16: utf16).map { cursor.scalarOffset($0.utf16Offset) }
        }
        return Self.native(scalars)
    }

    /// Locales whose sentence rules in ICU are not the root ones: Greek (`;` is its question
    /// mark), and any locale with keywords (`@ss=standard` asks for abbreviation suppressions).
    static func hasRulesOfItsOwn(_ locale: String) -> Bool {
        if locale.utf8.contains(UInt8(ascii: "@")) { return true }
        return localeLanguage(locale) == "el"
    }

    /// The rules need looking at only two places: after a paragraph separator, and after a
    /// terminator with the closing marks and spaces that follow it. Everything else is
    /// skipped at the cost of one class lookup per character.
    private static func native(_ s: [Unicode.Scalar]) -> [Int] {
        let classes = BreakClasses.shared
        typealias C = SentenceClass
        let n = s.count
        @inline(__always) func isParaSep(_ c: UInt8) -> Bool { c == C.sep || c == C.cr || c == C.lf }
        @inline(__always) func isSATerm(_ c: UInt8) -> Bool { c == C.aTerm || c == C.sTerm }
        @inline(__always) func isIgnored(_ c: UInt8) -> Bool { c == C.extend || c == C.format }
        /// The next position at or after `i` that is not a mark or format character (SB5).
        @inline(__always) func skipIgnored(_ i: Int) -> Int {
            var k = i
            while k < n, isIgnored(classes.sentence(s[k])) { k += 1 }
            return k
        }
        // The classes that end a paragraph or may end a sentence: anything else is passed.
        let stops = UInt64(1) << C.sep | UInt64(1) << C.cr | UInt64(1) << C.lf | UInt64(1) << C.aTerm | UInt64(1) << C.sTerm
        var out: [Int] = []
        var i = 0
        while i < n {
            guard let stop = s.withUnsafeBufferPointer({ b in
                ScalarSearch.next(in: b, i..<n) { stops &>> UInt64(classes.sentence($0)) & 1 }
            }) else { break }
            i = stop
            let c = classes.sentence(s[i])
            if isParaSep(c) {
                // SB3, SB4: a break after every separator, CR LF kept together.
                var end = i + 1
                if c == C.cr, end < n, classes.sentence(s[end]) == C.lf { end += 1 }
                if end < n { out.append(end) }
                i = end
                continue
            }
            guard isSATerm(c) else { i += 1; continue }
            // A terminator: across its marks, closing marks and spaces (SB9, SB10) to the
            // first place a break may go.
            var e = skipIgnored(i + 1)
            var closesOrSpaces = false
            while e < n, classes.sentence(s[e]) == C.close { e = skipIgnored(e + 1); closesOrSpaces = true }
            while e < n, classes.sentence(s[e]) == C.sp { e = skipIgnored(e + 1); closesOrSpaces = true }
            guard e < n else { break }
            let next = classes.sentence(s[e])
            if isParaSep(next) { i = e; continue }  // SB11 with the separator: it breaks after it
            var keep = next == C.sContinue || isSATerm(next)  // SB8a
            if c == C.aTerm && !keep {
                if !closesOrSpaces && next == C.numeric { keep = true }  // SB6
                if !closesOrSpaces && next == C.upper {  // SB7
                    var p = i - 1
                    while p >= 0, isIgnored(classes.sentence(s[p])) { p -= 1 }
                    if p >= 0, classes.sentence(s[p]) == C.upper || classes.sentence(s[p]) == C.lower { keep = true }
                }
                if !keep {  // SB8: a lower-case letter ahead, past anything but letters, separators, terminators
                    var m = e
                    while m < n {
                        let k = classes.sentence(s[m])
                        if k == C.oLetter || k == C.upper || k == C.lower || isParaSep(k) || isSATerm(k) {
                            keep = k == C.lower
                            break
                        }
                        m += 1
                    }
                }
            }
            if !keep { out.append(e) }  // SB11
            i = e
        }
        out.append(n)
        return out
    }
}
