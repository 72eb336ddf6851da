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
    /// The token's number in the language's quantity vocabulary, or -1 when no phrase has it.
    var id: Int32 = -1
}

/// The words and pieces of every phrase of a language's tables, numbered. A token is looked
/// up once, by a hash of its lower-cased code points (no string is built for it), and phrases
/// are then matched on numbers.
struct QuantityVocabulary: Sendable {
    private(set) var ids: [UInt64: Int32] = [:]

    @discardableResult
    mutating func intern(_ piece: String) -> Int32 {
        let h = Self.hash(piece.unicodeScalars)
        if let id = ids[h] { return id }
        let id = Int32(ids.count)
        ids[h] = id
        return id
    }

    func id(of piece: String) -> Int32 { ids[Self.hash(piece.unicodeScalars)] ?? -1 }

    /// How many numbers were given out.
    var count: Int { ids.count }

    /// FNV-1a over code points, lower-cased one by one.
    @inline(__always)
    static func hash<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
        var h = FNV1a.seed
        for s in scalars { h = FNV1a.mix(h, lower(s)) }
        return h
    }

    @inline(__always)
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 { return s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s }
        guard CharacterClass.lookup.of(s).contains(.uppercase) else { return s }
        let l = s.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? l.first! : s
    }
}

enum QuantityTokenizer {
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 97 && (s.value | 0x20) <= 122 }
        return !CharacterClass.lookup.of(s).isDisjoint(with: [.alphabetic, .mark])
    }
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "’" }

    /// The quantity tokens of a text, from its tokens layer.
    static func tokens(_ scalars: [Unicode.Scalar], _ layer: SpanLayer, vocabulary: QuantityVocabulary) -> [QuantityToken] {
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
                let space = r.lowerBound > previousEnd && (previousEnd..<r.lowerBound).contains { scalars[$0] == " " || CharacterClass.lookup.of(scalars[$0]).contains(.whitespace) }
                let id = vocabulary.ids[QuantityVocabulary.hash(scalars[r])] ?? -1
                out.append(make(scalars, r, id: id, spaceBefore: space || (out.isEmpty && r.lowerBound > 0)))
                previousEnd = r.upperBound
            }
        }
        return out
    }

    private static func make(_ scalars: [Unicode.Scalar], _ r: Range<Int>, id: Int32, spaceBefore: Bool) -> QuantityToken {
        let first = scalars[r.lowerBound]
        // The Vietnamese treebank writes brackets as the words LBKT and RBKT: they bracket here too.
        if r.count == 4, first == "L" || first == "R", scalars[r.lowerBound + 1] == "B", scalars[r.lowerBound + 2] == "K",
           scalars[r.lowerBound + 3] == "T" {
            let bracket = first == "L" ? "(" : ")"
            return QuantityToken(start: r.lowerBound, end: r.upperBound, raw: bracket, lower: bracket, kind: .other, spaceBefore: spaceBefore,
                                 capitalized: false, id: -1)
        }
        // Most words are in no phrase: they keep no string (a three-letter one may be a currency code).
        if id < 0, r.count != 3, isLetter(first) {
            return QuantityToken(start: r.lowerBound, end: r.upperBound, raw: "", lower: "", kind: .word, spaceBefore: spaceBefore,
                                 capitalized: CharacterClass.lookup.of(first).contains(.uppercase), id: id)
        }
        let raw = Self.string(scalars, r)
        let kind: QuantityToken.Kind
        if isDigit(first) {
            kind = scalars[r].allSatisfy(isDigit) ? .digits : .numeral
        } else if isLetter(first) {
            kind = .word
        } else {
            kind = .other
        }
        let upper = scalars[r].contains { $0.value < 0x80 ? ($0.value >= 65 && $0.value <= 90) : CharacterClass.lookup.of($0).contains(.uppercase) }
        return QuantityToken(start: r.lowerBound, end: r.upperBound, raw: raw, lower: upper ? raw.lowercased() : raw, kind: kind,
                             spaceBefore: spaceBefore, capitalized: upper && CharacterClass.lookup.of(first).contains(.uppercase), id: id)
    }

    /// The string of some code points, encoded straight to UTF-8 (a token fits a small string).
    static func string(_ scalars: [Unicode.Scalar], _ r: Range<Int>) -> String {
        var count = 0
        for i in r { count += UTF8.width(scalars[i]) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var n = 0
            for i in r {
                UTF8.encode(scalars[i]) { byte in buffer[n] = byte; n += 1 }
            }
            return n
        }
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
        // Letters then digits ("m2", "km2", "G7"): a unit with its power, or a name; cut where
        // the digits start so that phrases match piece by piece.
        if isLetter(first), let d = r.firstIndex(where: { isDigit(s[$0]) }), r[d...].allSatisfy({ isDigit(s[$0]) }) {
            pieces.append(r.lowerBound..<d)
            pieces.append(d..<r.upperBound)
            return
        }
        // Letters with periods ("a.m.", "U.S."): each letter run and period apart, as a
        // lexicon's phrases are cut.
        if isLetter(first), r.count > 2, r.contains(where: { s[$0] == "." }) {
            var i = r.lowerBound
            while i < r.upperBound {
                let start = i
                if isLetter(s[i]) { while i < r.upperBound, isLetter(s[i]) { i += 1 } } else { i += 1 }
                pieces.append(start..<i)
            }
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
                // An elided article keeps its apostrophe ("d'", "l'"), as the tokenizer cuts it.
                if i == start + 1, i < s.count, isApostrophe(s[i]), "dlDL".unicodeScalars.contains(s[start]) { i += 1 }
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
