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

/// One written Vietnamese syllable, parsed.
struct VietnameseSyllable {
    enum Letter {
        case consonant(Unicode.Scalar)   // as written (case kept)
        case vowel(VietnameseVowel, VietnameseTone, upper: Bool)
    }

    var letters: [Letter]
    /// Indices in `letters` of the vowels that form the nucleus (after `qu`/`gi`).
    var nucleus: [Int]
    var hasFinal: Bool

    /// Spellings packed into integers, so that checking a syllable allocates nothing.
    static func pack<S: Sequence<Unicode.Scalar>>(_ letters: S) -> UInt64 {
        var v: UInt64 = 0
        for s in letters { v = v << 21 | UInt64(s.value) }
        return v
    }
    static let packedInitials = Set(initials.map { pack($0.unicodeScalars) })
    static let packedFinals = Set(finals.map { pack($0.unicodeScalars) })
    static let packedNuclei = Set(nuclei.map { n in n.map { c in UInt64(VietnameseVowel.allCases.firstIndex { $0.spelling == c }! + 1) }.reduce(0) { $0 * 16 + $1 } })

    static let initials: Set<String> = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
                                        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    static let finals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê",
        "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
    ]
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
    init?(_ scalars: ArraySlice<Unicode.Scalar>) {
        let table = VietnameseLetterTable.shared
        var letters: [Letter] = []
        letters.reserveCapacity(scalars.count)
        var toneCount = 0
        for s in scalars {
            if let tone = VietnameseTone(mark: s) {
                guard case .vowel(let v, .none, let upper)? = letters.last else { return nil }
                letters[letters.count - 1] = .vowel(v, tone, upper: upper)
                toneCount += 1
            } else if s == "\u{0306}" || s == "\u{0302}" || s == "\u{031B}" {
                guard case .vowel(let v, let t, let upper)? = letters.last, let shaped = v.adding(s) else { return nil }
                letters[letters.count - 1] = .vowel(shaped, t, upper: upper)
            } else if let p = table.parts(of: s) {
                letters.append(.vowel(p.vowel, p.tone, upper: p.upper))
                if p.tone != .none { toneCount += 1 }
            } else {
                guard Self.isConsonant(s) else { return nil }
                letters.append(.consonant(s))
            }
        }
        guard toneCount <= 1 else { return nil }
        // Consonants, then vowels, then consonants.
        var i = 0
        var initial: UInt64 = 0
        var initialLength = 0
        while i < letters.count, case .consonant(let c) = letters[i] { initial = initial << 21 | UInt64(Self.lowered(c).value); initialLength += 1; i += 1 }
        let firstVowel = i
        while i < letters.count, case .vowel = letters[i] { i += 1 }
        var vowelEnd = i
        var final: UInt64 = 0
        while i < letters.count, case .consonant(let c) = letters[i] { final = final << 21 | UInt64(Self.lowered(c).value); i += 1 }
        guard i == letters.count, vowelEnd > firstVowel, initialLength <= 3 else { return nil }
        // The u of qu, and the i of gi before another vowel, belong to the consonant.
        func vowel(_ k: Int) -> VietnameseVowel { if case .vowel(let v, _, _) = letters[k] { return v }; return .a }
        var nucleusStart = firstVowel
        if initial == UInt64(("q" as Unicode.Scalar).value), vowel(firstVowel) == .u, vowelEnd - firstVowel >= 2 {
            initial = Self.pack("qu".unicodeScalars); nucleusStart += 1
        } else if initial == UInt64(("g" as Unicode.Scalar).value), vowel(firstVowel) == .i, vowelEnd - firstVowel >= 2 {
            initial = Self.pack("gi".unicodeScalars); nucleusStart += 1
        }
        guard Self.packedInitials.contains(initial), Self.packedFinals.contains(final), vowelEnd - nucleusStart <= 3 else { return nil }
        var nucleusCode: UInt64 = 0
        for k in nucleusStart..<vowelEnd { nucleusCode = nucleusCode * 16 + UInt64(vowel(k).rawValue + 1) }
        guard Self.packedNuclei.contains(nucleusCode) else { return nil }
        vowelEnd = max(vowelEnd, nucleusStart)
        self.letters = letters
        self.nucleus = Array(nucleusStart..<vowelEnd)
        self.hasFinal = final != 0
    }

    /// The syllable's tone, wherever it is written.
    var tone: VietnameseTone {
        for l in letters { if case .vowel(_, let t, _) = l, t != .none { return t } }
        return .none
    }

    /// Which vowel of the nucleus takes the tone mark, by the rules above.
    func toneIndex(style: VietnameseToneStyle) -> Int {
        let vowels: [VietnameseVowel] = nucleus.map { if case .vowel(let v, _, _) = letters[$0] { return v }; return .a }
        if let shaped = vowels.lastIndex(where: \.hasShapeMark) { return shaped }
        switch vowels.count {
        case 1: return 0
        case 2:
            if hasFinal { return 1 }
            let pair = (vowels[0], vowels[1])
            let styled = pair == (.o, .a) || pair == (.o, .e) || pair == (.u, .y)
            return styled && style == .traditional ? 1 : 0
        default: return 1
        }
    }

    /// The syllable in precomposed (NFC) letters with the tone mark where `style` puts it.
    func written(style: VietnameseToneStyle) -> [Unicode.Scalar] {
        let table = VietnameseLetterTable.shared
        let tone = self.tone
        let target = tone == .none ? -1 : nucleus[toneIndex(style: style)]
        return letters.enumerated().map { k, l in
            switch l {
            case .consonant(let c): return c
            case .vowel(let v, _, let upper): return table.scalar(v, k == target ? tone : .none, upper: upper)
            }
        }
    }
}
