/// A token as the quantity recognizer sees it: the tokens layer's tokens, with digits split
/// from letters glued to them (`109bn`, `8h30`, `21st`, `3km`) and French elisions split
/// (`d'euros`), because each half plays its own part in a quantity.
struct QuantityToken: Sendable {
    enum Kind: Sendable { case digits, numeral, word, other }
    var start: Int
    var end: Int
    var raw: String
    var lower: String
    var kind: Kind
    /// White space between the previous token and this one.
    var spaceBefore: Bool
    var capitalized: Bool
}

enum QuantityTokenizer {
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "’" }

    /// The quantity tokens of a text, from its tokens layer.
    static func tokens(_ scalars: [Unicode.Scalar], _ layer: [Annotation]) -> [QuantityToken] {
        var out: [QuantityToken] = []
        out.reserveCapacity(layer.count + layer.count / 8)
        var previousEnd = 0
        for t in layer {
            var pieces: [Range<Int>] = []
            // "°C." at a sentence end came as an abbreviation: the period is not part of the unit.
            if t.label == "abbreviation", t.end - t.start >= 2, scalars[t.end - 1] == ".",
               !scalars[t.start..<(t.end - 1)].contains(".") {
                split(scalars, t.start..<(t.end - 1), into: &pieces)
                pieces.append((t.end - 1)..<t.end)
            } else {
                split(scalars, t.start..<t.end, into: &pieces)
            }
            for r in pieces {
                let space = r.lowerBound > previousEnd && (previousEnd..<r.lowerBound).contains { scalars[$0].properties.isWhitespace }
                out.append(make(scalars, r, spaceBefore: space || (out.isEmpty && r.lowerBound > 0)))
                previousEnd = r.upperBound
            }
        }
        return out
    }

    private static func make(_ scalars: [Unicode.Scalar], _ r: Range<Int>, spaceBefore: Bool) -> QuantityToken {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[r])
        let raw = String(v)
        let first = scalars[r.lowerBound]
        let kind: QuantityToken.Kind
        if isDigit(first) {
            kind = scalars[r].allSatisfy(isDigit) ? .digits : .numeral
        } else if isLetter(first) {
            kind = .word
        } else {
            kind = .other
        }
        return QuantityToken(start: r.lowerBound, end: r.upperBound, raw: raw, lower: raw.lowercased(), kind: kind,
                             spaceBefore: spaceBefore, capitalized: first.properties.isUppercase)
    }

    /// Splits a token where digits meet letters, and after a one-letter elision.
    private static func split(_ s: [Unicode.Scalar], _ r: Range<Int>, into pieces: inout [Range<Int>]) {
        let first = s[r.lowerBound]
        if isDigit(first) {
            // Digits with their separators, then letters, then digits again …
            var i = r.lowerBound
            while i < r.upperBound {
                let start = i
                if isDigit(s[i]) {
                    while i < r.upperBound, isDigit(s[i]) || (!isLetter(s[i]) && i + 1 < r.upperBound && isDigit(s[i + 1])) { i += 1 }
                } else if isLetter(s[i]) {
                    while i < r.upperBound, isLetter(s[i]) { i += 1 }
                } else {
                    i += 1
                }
                pieces.append(start..<i)
            }
            return
        }
        if r.count > 2, isLetter(first), isApostrophe(s[r.lowerBound + 1]), isLetter(s[r.lowerBound + 2]),
           "dlDL".unicodeScalars.contains(first) {
            pieces.append(r.lowerBound..<(r.lowerBound + 2))
            pieces.append((r.lowerBound + 2)..<r.upperBound)
            return
        }
        pieces.append(r)
    }

    /// How a phrase of a lexicon falls into tokens, roughly as the tokens stage cuts it:
    /// letter runs (with inner apostrophes and hyphens kept apart), digit runs, and each other
    /// character alone. Used for a table's longest phrase and for the words that start one.
    static func pieces(of phrase: String) -> [String] {
        var out: [String] = []
        let s = Array(phrase.unicodeScalars)
        var i = 0
        func add(_ r: Range<Int>) {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: s[r])
            out.append(String(v))
        }
        while i < s.count {
            let start = i
            if s[i] == " " { i += 1; continue }
            if isLetter(s[i]) {
                while i < s.count, isLetter(s[i]) || (isApostrophe(s[i]) && i + 1 < s.count && isLetter(s[i + 1]) && i > start) { i += 1 }
            } else if isDigit(s[i]) {
                while i < s.count, isDigit(s[i]) { i += 1 }
            } else {
                i += 1
            }
            add(start..<i)
        }
        return out
    }
}
