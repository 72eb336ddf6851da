/// Repairs Vietnamese text typed in the legacy font encodings TCVN3 (ABC, the `.Vn…` fonts of
/// TCVN 5712:1993) and VNI (the `VNI-…` fonts), which reach us as mojibake: the font's bytes
/// read as Windows-1252/Latin-1 (`Hµ Néi` for TCVN3, `Haø Noäi` for VNI, both "Hà Nội").
///
/// Detection is per document and conservative: a document that already has proper Vietnamese
/// letters (ơ, ư, đ, ă, ĩ, ũ or any of U+1EA0–U+1EF9) is never touched, and a conversion is
/// taken only when it turns most words with non-ASCII letters into valid Vietnamese syllables.
public enum LegacyVietnameseEncoding: String, Sendable, CaseIterable {
    case tcvn3
    case vni

    /// TCVN3 bytes 0xA1–0xFF → Unicode. TCVN3 places its letters where TCVN 5712 VN1 does;
    /// the combining tone marks at 0xB0–0xB4 are part of VN1 only and rarely seen in fonts.
    static let tcvn3High: [UInt32] = [
        0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103,
        0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, 0x0300,
        0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, 0x00E1,
        0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE,
        0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9,
        0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9,
        0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9,
        0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, 0x1ED4,
        0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1,
        0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, 0x1ED6,
        0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9,
        0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
    ]

    /// VNI marks that follow a base vowel, as the Latin-1 letters they show up as:
    /// (shape mark or nil, tone). Lower- and upper-case forms mean the same.
    static let vniMarks: [UInt32: (shape: Unicode.Scalar?, tone: VietnameseTone)] = {
        var m: [UInt32: (Unicode.Scalar?, VietnameseTone)] = [:]
        func both(_ lower: UInt32, _ shape: Unicode.Scalar?, _ tone: VietnameseTone) {
            m[lower] = (shape, tone)
            m[lower - 0x20] = (shape, tone)
        }
        both(0xF9, nil, .acute); both(0xF8, nil, .grave); both(0xFB, nil, .hook); both(0xF5, nil, .tilde); both(0xEF, nil, .dot)
        let circumflex: Unicode.Scalar = "\u{0302}", breve: Unicode.Scalar = "\u{0306}"
        both(0xE2, circumflex, .none); both(0xE1, circumflex, .acute); both(0xE0, circumflex, .grave)
        both(0xE5, circumflex, .hook); both(0xE3, circumflex, .tilde); both(0xE4, circumflex, .dot)
        both(0xEA, breve, .none); both(0xE9, breve, .acute); both(0xE8, breve, .grave)
        both(0xFA, breve, .hook); both(0xFC, breve, .tilde); both(0xEB, breve, .dot)
        return m
    }()

    /// VNI letters that stand alone: ơ ư (then optionally a tone mark), i and y with tones, đ.
    static let vniLetters: [UInt32: (vowel: VietnameseVowel?, tone: VietnameseTone, upper: Bool, consonant: Unicode.Scalar?)] = [
        0xF4: (.oHorn, .none, false, nil), 0xD4: (.oHorn, .none, true, nil),
        0xF6: (.uHorn, .none, false, nil), 0xD6: (.uHorn, .none, true, nil),
        0xE6: (.i, .hook, false, nil), 0xC6: (.i, .hook, true, nil),
        0xF3: (.i, .tilde, false, nil), 0xD3: (.i, .tilde, true, nil),
        0xF2: (.i, .dot, false, nil), 0xD2: (.i, .dot, true, nil),
        0xEE: (.y, .dot, false, nil), 0xCE: (.y, .dot, true, nil),
        0xF1: (nil, .none, false, "đ"), 0xD1: (nil, .none, true, "Đ"),
    ]

    /// Converts mojibake in this encoding. Returns the text and the map back to the input.
    func convert(_ input: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], map: OffsetMap) {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.count)
        var b = OffsetMap.Builder()
        switch self {
        case .tcvn3:
            for s in input {
                if s.value >= 0xA1 && s.value <= 0xFF, let u = Unicode.Scalar(Self.tcvn3High[Int(s.value - 0xA1)]) {
                    out.append(u)
                } else {
                    out.append(s)
                }
            }
            // One letter for one letter: offsets do not move.
            b.copy(input.count)
        case .vni:
            let table = VietnameseLetterTable.shared
            var i = 0
            while i < input.count {
                let s = input[i]
                let next = i + 1 < input.count ? input[i + 1] : nil
                let lower = s.asciiLowercased
                let upper = lower != s
                if "aeouy".unicodeScalars.contains(lower), let n = next, let mark = Self.vniMarks[n.value],
                    var vowel = VietnameseVowel.allCases.first(where: { $0.base == lower && $0.shapeMark == nil })
                {
                    if let shape = mark.shape {
                        guard let shaped = vowel.adding(shape) else { out.append(s); b.copy(1); i += 1; continue }
                        vowel = shaped
                    }
                    out.append(table.scalar(vowel, mark.tone, upper: upper))
                    b.replace(old: 2, new: 1)
                    i += 2
                } else if let letter = Self.vniLetters[s.value] {
                    if let c = letter.consonant {
                        out.append(c); b.copy(1); i += 1
                    } else if let vowel = letter.vowel, letter.tone == .none, let n = next, let mark = Self.vniMarks[n.value], mark.shape == nil {
                        out.append(table.scalar(vowel, mark.tone, upper: letter.upper))
                        b.replace(old: 2, new: 1)
                        i += 2
                    } else {
                        out.append(table.scalar(letter.vowel!, letter.tone, upper: letter.upper))
                        b.copy(1)
                        i += 1
                    }
                } else {
                    out.append(s); b.copy(1); i += 1
                }
            }
        }
        return (out, b.build())
    }

    /// Letters only proper Unicode Vietnamese has; their presence rules out mojibake.
    static func isProperVietnamese(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1EA0...0x1EF9, 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0: return true
        default: return false
        }
    }

    /// The legacy encoding a text is written in, if it is clearly one.
    public static func detect(_ scalars: [Unicode.Scalar]) -> LegacyVietnameseEncoding? {
        var nonASCIIWords = 0
        var properWords = 0
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for i in 0...scalars.count where i == scalars.count || scalars[i].isSpace {
            var lo = start, hi = i
            while lo < hi, scalars[lo].isASCII, !scalars[lo].characterClass.contains(.alphabetic) { lo += 1 }
            while hi > lo, scalars[hi - 1].isASCII, !scalars[hi - 1].characterClass.contains(.alphabetic) { hi -= 1 }
            start = i + 1
            guard lo < hi else { continue }
            let w = scalars[lo..<hi]
            if w.allSatisfy(\.isASCII) { continue }
            // One character is too little to vote: a lone sign before digits ("£650", "¥3") is a
            // currency, and three of them once read as TCVN3 "Ê".
            if w.count == 1 { continue }
            nonASCIIWords += 1
            if w.contains(where: isProperVietnamese) { properWords += 1 }
            if words.count < 2_000 { words.append(w) }
        }
        guard nonASCIIWords >= 3, properWords * 50 < nonASCIIWords else { return nil }
        func validRatio(_ ws: [ArraySlice<Unicode.Scalar>]) -> Double {
            let valid = ws.filter { VietnameseSyllable($0) != nil }.count
            return Double(valid) / Double(max(1, ws.count))
        }
        let before = validRatio(words)
        var best: (LegacyVietnameseEncoding, Double)?
        for encoding in allCases {
            let converted = words.map { encoding.convert(Array($0)).scalars[...] }
            let after = validRatio(converted)
            if after >= 0.8, after >= before + 0.3, after > (best?.1 ?? 0) { best = (encoding, after) }
        }
        return best?.0
    }
}
