/// Finds the spans that must stay one token whatever ICU's word rules say: URLs, e-mail
/// addresses, hashtags, @mentions, numbers with separators (`112,6`, `1.000.000`, `9/2`,
/// `1/8/2014`, `30-50`, `8:30`), abbreviations with their periods (`TP.`, `v.v.`, `U.S.`)
/// and ellipses written as periods (`...`).
struct SpecialTokens {
    let abbreviations: Abbreviations
    let classes = CharacterClass.lookup

    struct Span {
        var range: Range<Int>
        var label: String
    }

    /// The special spans of a text, in order.
    ///
    /// Every special shape holds one of a few marks (`.` `,` `:` `/` `-` `–` `+` `@` `#`) and
    /// starts either at that mark or at the start of the word that ends right before it, so
    /// the text is searched for the marks — a test per character, no table read — and the
    /// word-at-a-time scan runs only around them.
    func scan(_ s: [Unicode.Scalar]) -> [Span] {
        var spans: [Span] = []
        let n = s.count
        s.withUnsafeBufferPointer { b in
            var t = 0  // everything before this has been scanned
            while let mark = ScalarSearch.next(in: b, t..<n, where: Self.mark) {
                // A comma before a space (most marks of running text) ends the word before it
                // and starts nothing: a number needs a digit after its comma, and no other
                // shape holds one or is told by one.
                if b[mark] == ",", mark + 1 < n, b[mark + 1] == " " {
                    t = mark + 1
                    continue
                }
                var start = mark
                while start > t, isWord(b[start - 1]) { start -= 1 }
                t = scan(s, from: start, through: mark, into: &spans)
            }
        }
        return spans
    }

    /// 1 for one of the marks every special shape holds (`#` `+` `,` `-` `.` `/` `:` `@`
    /// `–`), else 0 — computed without a branch: letters and spaces alternate in no pattern a
    /// branch predictor learns, and a mispredicted branch per word costs more than the test.
    @inline(__always)
    static func mark(_ c: Unicode.Scalar) -> UInt64 {
        let v = UInt64(c.value)
        let below64 = (v &- 64) >> 63  // 1 when v < 64 (the subtraction wraps)
        let low = (markMask >> (v & 63)) & below64
        return low | (v == 0x40 ? 1 : 0) | (v == 0x2013 ? 1 : 0)
    }

    /// `#` `+` `,` `-` `.` `/` `:` among code points 0–63.
    static let markMask: UInt64 = 1 << 0x23 | 1 << 0x2B | 1 << 0x2C | 1 << 0x2D | 1 << 0x2E | 1 << 0x2F | 1 << 0x3A

    /// The scan itself, from `i` (a word start, or a place the scan from the start of the
    /// text would reach: what decides is only whether the character before is a word
    /// character) until it has passed `last`; returns where it stopped.
    func scan(_ s: [Unicode.Scalar], from i: Int, through last: Int, into spans: inout [Span]) -> Int {
        var i = i
        let n = s.count
        var previousIsWord = i > 0 && isWord(s[i - 1])
        while i < n && i <= last {
            let c = s[i]
            let word = isWord(c)
            // Special shapes start where a word starts, or at `#`, `@` or `.` after a non-word
            // character; a period anywhere may start an ellipsis.
            var found: Span?
            if !previousIsWord && word && !Self.isDigit(c) {
                // A word: its end is found once, and what follows it decides.
                var e = i + 1
                while e < n, isWord(s[e]) { e += 1 }
                found = e < n ? afterWord(s, i, e) : nil
                if found == nil {
                    i = e
                    previousIsWord = true
                    continue
                }
            } else {
                found = !previousIsWord ? candidate(s, i) : c == "." ? ellipsis(s, i) : nil
            }
            if let span = found {
                spans.append(span)
                i = span.range.upperBound
                previousIsWord = isWord(s[i - 1])
                continue
            }
            i += 1
            if word {
                // Nothing starts inside the rest of a word.
                while i < n, isWord(s[i]) { i += 1 }
            }
            previousIsWord = word
        }
        return i
    }

    /// Tries the special shapes that can start at `i`, cheapest test first: most words are
    /// none of them and leave after one look at the character that ends them.
    func candidate(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        let c = s[i]
        if c == "#" || c == "@" { return tag(s, i) }
        if Self.isDigit(c) { return number(s, i) }
        if c == "." { return ellipsis(s, i) }
        guard isWord(c) else { return nil }
        var e = i
        while e < s.count, isWord(s[e]) { e += 1 }
        guard e < s.count else { return nil }
        return afterWord(s, i, e)
    }

    /// The special shape a word `s[i..<e]` starts, by the character after it.
    private func afterWord(_ s: [Unicode.Scalar], _ i: Int, _ e: Int) -> Span? {
        switch s[e] {
        case ".": return url(s, i) ?? email(s, i) ?? abbreviation(s, i)
        case "@", "-", "+": return email(s, i)
        case ":": return url(s, i)
        default: return nil
        }
    }

    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool { c.isWordPart }

    /// A letter, digit, mark or `_`. ASCII — most characters of most text — is told by two
    /// constant masks, not a table read: the scan asks this of nearly every character.
    @inline(__always)
    func isWord(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v < 64 ? Self.asciiWordLow >> UInt64(v) : Self.asciiWordHigh >> UInt64(v - 64)) & 1 != 0 }
        return !classes.of(c).isDisjoint(with: [.alphabetic, .numeric, .mark])
    }

    /// Which ASCII characters are word characters: digits (code points 0–63), letters and `_` (64–127).
    static let asciiWordLow: UInt64 = 0x03FF_0000_0000_0000
    static let asciiWordHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static let trailingPunctuation: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "\"", "»", "”", "’", "…"]

    private func hasPrefix(_ s: [Unicode.Scalar], _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count, s[k].asciiLowercased == p else { return false }
            k += 1
        }
        return true
    }

    /// Up to the next white space, less trailing punctuation.
    private func runEnd(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var e = i
        while e < s.count, !s[e].isSpace, s[e] != "<", s[e] != ">" { e += 1 }
        while e > i, Self.trailingPunctuation.contains(s[e - 1]) {
            // Keep a closing bracket that has its opening one inside the URL.
            if s[e - 1] == ")", s[i..<e].contains("(") { break }
            e -= 1
        }
        return e
    }

    func url(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        // Asked at every word before a period: most start with none of the schemes' letters.
        let first = s[i].asciiLowercased
        guard Self.schemeInitials.contains(first) else { return nil }
        guard let scheme = Self.schemes.first(where: { hasPrefix(s, i, $0) }) else { return nil }
        let e = runEnd(s, from: i)
        guard e > i + scheme.unicodeScalars.count + (scheme == "www." ? 2 : 0) else { return nil }
        return Span(range: i..<e, label: "url")
    }

    static let schemes = ["https://", "http://", "ftp://", "www."]
    static let schemeInitials = schemes.map { $0.unicodeScalars.first! }

    func email(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        func local(_ c: Unicode.Scalar) -> Bool { Self.isWordScalar(c) || c == "." || c == "+" || c == "-" }
        var at = i
        while at < s.count, local(s[at]) { at += 1 }
        guard at > i, at < s.count, s[at] == "@" else { return nil }
        var e = at + 1
        var dots = 0
        while e < s.count, Self.isWordScalar(s[e]) || s[e] == "-" || (s[e] == "." && e + 1 < s.count && Self.isWordScalar(s[e + 1])) {
            if s[e] == "." { dots += 1 }
            e += 1
        }
        guard dots >= 1, e > at + 3 else { return nil }
        return Span(range: i..<e, label: "email")
    }

    func tag(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        guard s[i] == "#" || s[i] == "@" else { return nil }
        var e = i + 1
        while e < s.count, Self.isWordScalar(s[e]) || (s[i] == "@" && s[e] == "." && e + 1 < s.count && Self.isWordScalar(s[e + 1])) { e += 1 }
        guard e > i + 1, !(s[i] == "#" && s[(i + 1)..<e].allSatisfy(Self.isDigit)) else { return nil }
        return Span(range: i..<e, label: s[i] == "#" ? "hashtag" : "mention")
    }

    /// Digits joined by separators, each separator between two digits: 112,6 · 1.000.000 ·
    /// 9/2 · 1/8/2014 · 30-50 · 8:30. A lone number is left to ICU.
    func number(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        guard Self.isDigit(s[i]) else { return nil }
        var e = i
        var separators = 0
        while e < s.count, Self.isDigit(s[e]) { e += 1 }
        while e + 1 < s.count, ".,/:-–".unicodeScalars.contains(s[e]), Self.isDigit(s[e + 1]) {
            e += 1
            while e < s.count, Self.isDigit(s[e]) { e += 1 }
            separators += 1
        }
        guard separators > 0 else { return nil }
        // "3.5km" is fine; "2024-abc" is not a number token.
        if e < s.count, s[e].characterClass.contains(.alphabetic), s[(i..<e)].contains("-") { return nil }
        return Span(range: i..<e, label: "number")
    }

    /// Two or more periods in a row (`...`, `..`): one punctuation mark, as `…` is, not a
    /// period per dot.
    func ellipsis(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        var e = i
        while e < s.count, s[e] == "." { e += 1 }
        return e - i >= 2 ? Span(range: i..<e, label: "punct") : nil
    }

    /// A listed abbreviation, or dotted letters (`U.S.`, `v.v.`, `J.`), with its periods.
    func abbreviation(_ s: [Unicode.Scalar], _ i: Int) -> Span? {
        guard s[i].characterClass.contains(.alphabetic) else { return nil }
        var e = i
        var sawPeriod = false
        while e < s.count, Self.isWordScalar(s[e]) || (s[e] == "." && e > i) {
            if s[e] == "." { sawPeriod = true }
            e += 1
        }
        guard sawPeriod else { return nil }
        // Longest prefix ending in a period that is an abbreviation: listed ones are checked
        // by a hash of their code points, extended one code point at a time.
        var longest: Int?
        var h = FNV1a.seed
        var k = i
        while k < e {
            h = FNV1a.mix(h, s[k])
            k += 1
            if s[k - 1] == ".",
               Abbreviations.isDotted(s[i..<k]) || (abbreviations.listedHashes.contains(h) && abbreviations.isListed(s[i..<k])) {
                longest = k
            }
        }
        guard let end = longest, !Abbreviations.isLetterWord(s[i..<end], in: s) else { return nil }
        // The word must end here: "TP.HCM" is one token that ICU already keeps.
        if end < s.count, Self.isWordScalar(s[end]) { return nil }
        return Span(range: i..<end, label: "abbreviation")
    }
}
