/// A syllable's identity for the segmenter: one 64-bit hash that is the same for NFC and
/// NFD input, for old and new tone placement (`hoà`, `hòa`) and for upper and lower case.
///
/// Rather than normalizing the syllable (building a string, placing the tone by rule), the
/// key reads the letters once: each letter lower-cased, each Vietnamese vowel without its
/// tone (but with its shape: `ư`, `ơ`, `â` stay apart from `u`, `o`, `a`), and the tone
/// itself mixed in at the end. Where the tone mark sits, or whether it is a combining
/// mark, no longer matters. Also gives the syllable's shape for the features.
enum SyllableKey {
    /// U (capitalized), A (all capitals, two letters or more: `HCM`, `LBKT`), L (lower case),
    /// D (digits), P (anything else).
    enum Shape {
        static let upper = UInt8(ascii: "U"), allCaps = UInt8(ascii: "A"), lower = UInt8(ascii: "L")
        static let digit = UInt8(ascii: "D"), other = UInt8(ascii: "P")
    }

    /// Codes of toneless vowels, above every Unicode scalar so they meet no letter.
    private static let vowelBase: UInt32 = 0x20_0000

    @inline(__always)
    private static func fold(_ h: UInt64, _ code: UInt32) -> UInt64 {
        FNV1a.mix(h, UInt64(code))
    }

    /// The key and shape of every token of a document, made once for its text and tokens and
    /// shared by the stages that read them.
    static func ofTokens(_ document: Document) -> [(hash: UInt64, shape: UInt8)] {
        let tokens = document.layers.spans(.tokens)
        return document.tokenKeys(of: tokens) {
            let scalars = document.view.scalars
            return tokens.map { of(scalars[$0.start..<$0.end]) }
        }
    }

    /// The key hash and the shape of a syllable.
    static func of<C: Collection<Unicode.Scalar>>(_ scalars: C) -> (hash: UInt64, shape: UInt8) {
        let table = VietnameseLetterTable.shared
        let classes = CharacterClass.lookup
        var h = FNV1a.seed
        var tone = VietnameseTone.none
        // The last letter is held back: a combining shape mark after it may still change it.
        var pending: UInt32 = 0
        var letters = 0
        var sawLower = false
        var shape = Shape.other
        var first = true
        for s in scalars {
            if first {
                first = false
                let c = classes.of(s)
                shape = c.contains(.numeric) ? Shape.digit : c.contains(.uppercase) ? Shape.upper : c.contains(.letter) ? Shape.lower : Shape.other
            }
            let v = s.value
            if v < 0x80 {
                if pending != 0 { h = fold(h, pending) }
                let lower = v &- 65 < 26 ? v + 32 : v
                if v &- 97 < 26 { sawLower = true }
                if lower &- 97 < 26 { letters += 1 }
                // ASCII vowels take the vowel codes too, so `a` + a combining tone is `á`.
                if let parts = table.parts(of: s) { pending = vowelBase + UInt32(parts.vowel.rawValue) } else { pending = lower }
                continue
            }
            if let parts = table.parts(of: s) {
                if pending != 0 { h = fold(h, pending) }
                pending = vowelBase + UInt32(parts.vowel.rawValue)
                if parts.tone != .none { tone = parts.tone }
                if parts.upper { letters += 1 } else { sawLower = true; letters += 1 }
                continue
            }
            if let t = VietnameseTone(mark: s) {
                if tone == .none { tone = t; continue }
            } else if pending >= vowelBase, let vowel = VietnameseVowel(rawValue: Int(pending - vowelBase)), let shaped = vowel.adding(s) {
                pending = vowelBase + UInt32(shaped.rawValue)
                continue
            }
            if pending != 0 { h = fold(h, pending) }
            let c = classes.of(s)
            if c.contains(.letter) { letters += 1; if c.contains(.lowercase) { sawLower = true } }
            if c.contains(.uppercase), let lower = s.properties.lowercaseMapping.unicodeScalars.first {
                pending = lower.value
            } else {
                pending = v
            }
        }
        if pending != 0 { h = fold(h, pending) }
        if shape == Shape.upper && !sawLower && letters > 1 { shape = Shape.allCaps }
        return (SegmenterFeatures.mix(h, UInt64(tone.rawValue)), shape)
    }

    /// The key hash of a word: its syllables' keys in order (spaces between syllables).
    static func word<S: StringProtocol>(_ word: S) -> UInt64 {
        SegmenterFeatures.sequenceHash(word.split(separator: " ").map { of($0.unicodeScalars).hash }[...])
    }
}
