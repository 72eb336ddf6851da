/// Vietnamese syllables: their letters, and where the tone mark belongs.
///
/// The tone mark goes on the vowel that carries the syllable's main vowel:
/// 1. a vowel with a shape mark (ă â ê ô ơ ư) takes it — the last one if there are two
///    (`người`, `thuở`, `khuyến`, `cứu`);
/// 2. else, of three vowels, the middle one (`hoài`, `khuỷu`, `ngoáy`);
/// 3. else, of two vowels before a final consonant, the second (`hoàn`, `huýt`);
/// 4. else, of two vowels ending the syllable, the first (`mía`, `múa`, `cái`) — except
///    `oa`, `oe`, `uy`, where the two spellings in use differ: `modern` puts it on the first
///    (`hóa`, `hòe`, `thủy`), `traditional` on the second (`hoá`, `hoè`, `thuỷ`);
/// 5. a lone vowel takes it.
/// The `u` of `qu` and the `i` of `gi` before another vowel belong to the consonant
/// (`quý`, `giữa`). Only words that parse as one Vietnamese syllable are touched.
public enum VietnameseToneStyle: String, Sendable, CaseIterable {
    case modern
    case traditional
}

enum VietnameseVowel: Int, CaseIterable {
    case a, aBreve, aCircumflex, e, eCircumflex, i, o, oCircumflex, oHorn, u, uHorn, y

    var base: Unicode.Scalar {
        switch self {
        case .a, .aBreve, .aCircumflex: return "a"
        case .e, .eCircumflex: return "e"
        case .i: return "i"
        case .o, .oCircumflex, .oHorn: return "o"
        case .u, .uHorn: return "u"
        case .y: return "y"
        }
    }

    var hasShapeMark: Bool { self == .aBreve || self == .aCircumflex || self == .eCircumflex || self == .oCircumflex || self == .oHorn || self == .uHorn }

    /// The combining shape mark, if any.
    var shapeMark: Unicode.Scalar? {
        switch self {
        case .aBreve: return "\u{0306}"
        case .aCircumflex, .eCircumflex, .oCircumflex: return "\u{0302}"
        case .oHorn, .uHorn: return "\u{031B}"
        default: return nil
        }
    }

    /// A letter for nucleus spelling ("ươ", "oa", …).
    var spelling: Character {
        ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"][rawValue]
    }

    /// This vowel with a combining shape mark added, if that makes a Vietnamese vowel.
    func adding(_ mark: Unicode.Scalar) -> VietnameseVowel? {
        switch (self, mark) {
        case (.a, "\u{0306}"): return .aBreve
        case (.a, "\u{0302}"): return .aCircumflex
        case (.e, "\u{0302}"): return .eCircumflex
        case (.o, "\u{0302}"): return .oCircumflex
        case (.o, "\u{031B}"): return .oHorn
        case (.u, "\u{031B}"): return .uHorn
        default: return nil
        }
    }
}

enum VietnameseTone: Int, CaseIterable {
    case none, grave, acute, hook, tilde, dot

    var mark: Unicode.Scalar? {
        switch self {
        case .none: return nil
        case .grave: return "\u{0300}"
        case .acute: return "\u{0301}"
        case .hook: return "\u{0309}"
        case .tilde: return "\u{0303}"
        case .dot: return "\u{0323}"
        }
    }

    init?(mark: Unicode.Scalar) {
        switch mark {
        case "\u{0300}": self = .grave
        case "\u{0301}": self = .acute
        case "\u{0309}": self = .hook
        case "\u{0303}": self = .tilde
        case "\u{0323}": self = .dot
        default: return nil
        }
    }
}

/// Precomposed Vietnamese vowels, both ways: (vowel, tone, upper case) ↔ scalar.
struct VietnameseLetterTable: Sendable {
    private var composed: [Unicode.Scalar]
    /// For scalars below U+1F00: 0, or 1 + the index into `composed`.
    private var lookup: [UInt8]

    static let shared = VietnameseLetterTable()

    private init() {
        composed = []
        lookup = [UInt8](repeating: 0, count: 0x1F00)
        for upper in [false, true] {
            for v in VietnameseVowel.allCases {
                for t in VietnameseTone.allCases {
                    var s = String.UnicodeScalarView()
                    let base = upper ? Unicode.Scalar(v.base.value - 32)! : v.base
                    s.append(base)
                    if let m = v.shapeMark { s.append(m) }
                    if let m = t.mark { s.append(m) }
                    // ICU composes each Vietnamese vowel into one precomposed scalar.
                    let nfc = (try? ICU.normalize(String(s), .nfc)) ?? String(s)
                    let scalar = nfc.unicodeScalars.count == 1 ? nfc.unicodeScalars.first! : base
                    composed.append(scalar)
                    if scalar.value < 0x1F00 { lookup[Int(scalar.value)] = UInt8(composed.count) }
                }
            }
        }
    }

    func scalar(_ v: VietnameseVowel, _ t: VietnameseTone, upper: Bool) -> Unicode.Scalar {
        composed[(upper ? 72 : 0) + v.rawValue * 6 + t.rawValue]
    }

    @inline(__always)
    func parts(of scalar: Unicode.Scalar) -> (vowel: VietnameseVowel, tone: VietnameseTone, upper: Bool)? {
        guard scalar.value < 0x1F00 else { return nil }
        let k = Int(lookup[Int(scalar.value)])
        guard k > 0 else { return nil }
        let i = (k - 1) % 72
        return (VietnameseVowel(rawValue: i / 6)!, VietnameseTone(rawValue: i % 6)!, k - 1 >= 72)
    }
}

/// One written Vietnamese syllable, parsed without allocating: letters live inline.
struct VietnameseSyllable {
    struct Letter {
        /// As written, for consonants (case kept).
        var scalar: Unicode.Scalar
        /// The vowel's raw value, or -1 for a consonant.
        var vowel: Int8
        var tone: UInt8
        var upper: Bool
        var isVowel: Bool { vowel >= 0 }
    }

    static let maximumLetters = 8
    private var letters = InlineArray<8, Letter>(repeating: Letter(scalar: " ", vowel: -1, tone: 0, upper: false))
    private(set) var count = 0
    /// The nucleus: letters `nucleusStart..<nucleusEnd` (after `qu`/`gi`).
    private(set) var nucleusStart = 0
    private(set) var nucleusEnd = 0
    private(set) var hasFinal = false
    /// The syllable's tone, wherever it is written, and the letter that carries it (-1: none).
    private(set) var tone: VietnameseTone = .none
    private(set) var toneLetter = -1

    static let initials: Set<String> = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
                                        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    static let finals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê",
        "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
    ]

    /// Consonant spellings as codes of five bits a letter (`a`–`z` 1–26, `đ` 27), so that
    /// checking a syllable is a table read, with no hashing and no allocation.
    static func code<S: Sequence<Unicode.Scalar>>(_ letters: S) -> Int {
        letters.reduce(0) { $0 << 5 | letterCode($1) }
    }
    @inline(__always)
    static func letterCode(_ s: Unicode.Scalar) -> Int { s == "đ" ? 27 : Int(s.value) - 0x60 }

    /// Everything a parse consults, in one value read once per syllable.
    struct Tables: Sendable {
        let letters = VietnameseLetterTable.shared
        /// Indexed by the code of up to three letters.
        let validInitial: [Bool] = {
            var t = [Bool](repeating: false, count: 1 << 15)
            for i in VietnameseSyllable.initials { t[VietnameseSyllable.code(i.unicodeScalars)] = true }
            return t
        }()
        let validFinal: [Bool] = {
            var t = [Bool](repeating: false, count: 1 << 10)
            for f in VietnameseSyllable.finals { t[VietnameseSyllable.code(f.unicodeScalars)] = true }
            return t
        }()
        /// Valid nuclei as a table indexed by their code: up to three vowels, four bits each.
        let validNucleus: [Bool] = {
            var t = [Bool](repeating: false, count: 1 << 12)
            for n in VietnameseSyllable.nuclei {
                let code = n.map { c in VietnameseVowel.allCases.firstIndex { $0.spelling == c }! + 1 }.reduce(0) { $0 * 16 + $1 }
                t[code] = true
            }
            return t
        }()
    }
    static let tables = Tables()
    // q, g, qu, gi (constants, so that reading them costs nothing; a test checks them).
    static let codeQ = 17, codeG = 7
    static let codeQU = 17 << 5 | 21, codeGI = 7 << 5 | 9

    @inline(__always)
    static func isConsonant(_ s: Unicode.Scalar) -> Bool {
        switch s.asciiLowercased {
        case "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "đ", "Đ": return true
        default: return false
        }
    }

    @inline(__always)
    static func lowered(_ s: Unicode.Scalar) -> Unicode.Scalar { s == "Đ" ? "đ" : s.asciiLowercased }

    /// Parses a word (precomposed, decomposed or mixed) as one Vietnamese syllable.
    init?<C: Collection<Unicode.Scalar>>(_ scalars: C) {
        let tables = Self.tables
        let table = tables.letters
        var toneCount = 0
        for s in scalars {
            if let t = VietnameseTone(mark: s) {
                guard count > 0, letters[count - 1].isVowel, letters[count - 1].tone == 0 else { return nil }
                letters[count - 1].tone = UInt8(t.rawValue)
                toneCount += 1
            } else if s == "\u{0306}" || s == "\u{0302}" || s == "\u{031B}" {
                guard count > 0, letters[count - 1].isVowel,
                    let shaped = VietnameseVowel(rawValue: Int(letters[count - 1].vowel))!.adding(s) else { return nil }
                letters[count - 1].vowel = Int8(shaped.rawValue)
            } else {
                guard count < Self.maximumLetters else { return nil }
                if let p = table.parts(of: s) {
                    letters[count] = Letter(scalar: s, vowel: Int8(p.vowel.rawValue), tone: UInt8(p.tone.rawValue), upper: p.upper)
                    if p.tone != .none { toneCount += 1 }
                } else {
                    guard Self.isConsonant(s) else { return nil }
                    letters[count] = Letter(scalar: s, vowel: -1, tone: 0, upper: false)
                }
                count += 1
            }
        }
        guard toneCount <= 1 else { return nil }
        // Consonants, then vowels, then consonants.
        var i = 0
        var initial = 0
        var initialLength = 0
        while i < count, !letters[i].isVowel, initialLength < 3 {
            initial = initial << 5 | Self.letterCode(Self.lowered(letters[i].scalar)); initialLength += 1; i += 1
        }
        let firstVowel = i
        while i < count, letters[i].isVowel { i += 1 }
        let vowelEnd = i
        var final = 0
        var finalLength = 0
        while i < count, !letters[i].isVowel, finalLength < 2 {
            final = final << 5 | Self.letterCode(Self.lowered(letters[i].scalar)); finalLength += 1; i += 1
        }
        guard i == count, vowelEnd > firstVowel else { return nil }
        // The u of qu, and the i of gi before another vowel, belong to the consonant.
        var start = firstVowel
        if initial == Self.codeQ, letters[firstVowel].vowel == Int8(VietnameseVowel.u.rawValue), vowelEnd - firstVowel >= 2 {
            initial = Self.codeQU; start += 1
        } else if initial == Self.codeG, letters[firstVowel].vowel == Int8(VietnameseVowel.i.rawValue), vowelEnd - firstVowel >= 2 {
            initial = Self.codeGI; start += 1
        }
        guard tables.validInitial[initial], tables.validFinal[final], vowelEnd - start <= 3 else { return nil }
        var code = 0
        for k in start..<vowelEnd { code = code * 16 + Int(letters[k].vowel + 1) }
        guard tables.validNucleus[code] else { return nil }
        nucleusStart = start
        nucleusEnd = vowelEnd
        hasFinal = final != 0
        for k in 0..<count where letters[k].isVowel && letters[k].tone != 0 {
            tone = VietnameseTone(rawValue: Int(letters[k].tone))!
            toneLetter = k
        }
    }

    /// Which vowel of the nucleus takes the tone mark, by the rules above.
    func toneIndex(style: VietnameseToneStyle) -> Int {
        let n = nucleusEnd - nucleusStart
        var shaped = -1
        for k in nucleusStart..<nucleusEnd where VietnameseVowel(rawValue: Int(letters[k].vowel))!.hasShapeMark { shaped = k - nucleusStart }
        if shaped >= 0 { return shaped }
        switch n {
        case 1: return 0
        case 2:
            if hasFinal { return 1 }
            let first = letters[nucleusStart].vowel, second = letters[nucleusStart + 1].vowel
            let o = Int8(VietnameseVowel.o.rawValue), u = Int8(VietnameseVowel.u.rawValue)
            let styled = (first == o && (second == Int8(VietnameseVowel.a.rawValue) || second == Int8(VietnameseVowel.e.rawValue)))
                || (first == u && second == Int8(VietnameseVowel.y.rawValue))
            return styled && style == .traditional ? 1 : 0
        default: return 1
        }
    }

    /// The letter that should carry the tone, or -1 when the syllable has none.
    func targetLetter(style: VietnameseToneStyle) -> Int {
        tone == .none ? -1 : nucleusStart + toneIndex(style: style)
    }

    /// Appends the syllable in precomposed (NFC) letters with the tone where `style` puts it.
    func write(style: VietnameseToneStyle, into out: inout [Unicode.Scalar]) {
        let table = VietnameseLetterTable.shared
        let target = targetLetter(style: style)
        for k in 0..<count {
            let l = letters[k]
            if l.isVowel {
                out.append(table.scalar(VietnameseVowel(rawValue: Int(l.vowel))!, k == target ? tone : .none, upper: l.upper))
            } else {
                out.append(l.scalar)
            }
        }
    }
}
