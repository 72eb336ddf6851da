/// What the normalizer's main pass needs to know of a code point, one byte for each code
/// point of the Basic Multilingual Plane, so that the pass over text that needs no change
/// — nearly all of it — is a table read per character.
struct NormalizerFlags: @unchecked Sendable {
    /// White space: separates units.
    static let separator: UInt8 = 1 << 0
    /// Zero-width and control characters the white-space clean-up drops.
    static let removable: UInt8 = 1 << 1
    static let mark: UInt8 = 1 << 2
    /// May change under NFC (see `CharacterClass.nfcStable`).
    static let notNFCStable: UInt8 = 1 << 3
    /// A Vietnamese vowel letter, either case, with or without marks.
    static let vowel: UInt8 = 1 << 4
    /// A Vietnamese vowel letter with a tone mark.
    static let toned: UInt8 = 1 << 5
    static let quote: UInt8 = 1 << 6
    static let dash: UInt8 = 1 << 7

    // Both tables are filled once and never changed nor freed: read through plain pointers.
    private let table: UnsafePointer<UInt8>
    /// For code points below U+1F00, what the tone check reads: a Vietnamese vowel as
    /// 1 + its `VietnameseVowel` number (low four bits) with `VowelCluster.shaped` and
    /// `.toned`, or `VowelCluster.consonant` for any other letter, or 0.
    private let vowels: UnsafePointer<UInt8>

    static let shared = NormalizerFlags()

    private init() {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        t.initialize(repeating: 0, count: 0x10000)
        for v in 0..<0x10000 {
            if let s = Unicode.Scalar(UInt32(v)) { t[v] = Self.compute(s) }
        }
        table = UnsafePointer(t)
        let v = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x1F00)
        v.initialize(repeating: 0, count: 0x1F00)
        let letters = VietnameseLetterTable.shared
        for k in 0..<0x1F00 {
            guard let s = Unicode.Scalar(UInt32(k)) else { continue }
            if let parts = letters.parts(of: s) {
                v[k] = UInt8(parts.vowel.rawValue + 1) | (parts.vowel.hasShapeMark ? VowelCluster.shaped : 0) | (parts.tone != .none ? VowelCluster.toned : 0)
            } else if CharacterClass.lookup.of(s).contains(.letter) {
                v[k] = VowelCluster.consonant
            }
        }
        vowels = UnsafePointer(v)
    }

    @inline(__always)
    func vowelInfo(_ s: Unicode.Scalar) -> UInt8 {
        if s.value < 0x1F00 { return vowels[Int(s.value)] }
        return CharacterClass.lookup.of(s).contains(.letter) ? VowelCluster.consonant : 0
    }

    @inline(__always)
    func of(_ s: Unicode.Scalar) -> UInt8 {
        s.value < 0x10000 ? table[Int(s.value)] : Self.compute(s)
    }

    static func compute(_ s: Unicode.Scalar) -> UInt8 {
        let c = CharacterClass.lookup.of(s)
        var f: UInt8 = 0
        if c.contains(.whitespace) { f |= separator }
        if c.contains(.removable) { f |= removable }
        if c.contains(.mark) { f |= mark }
        if !c.contains(.nfcStable) { f |= notNFCStable }
        if let parts = VietnameseLetterTable.shared.parts(of: s) {
            f |= vowel
            if parts.tone != .none { f |= toned }
        }
        if TextNormalizer.quoteMap[s.value] != nil { f |= quote }
        if TextNormalizer.dashMap.contains(s.value) { f |= dash }
        return f
    }
}

/// The vowels of one syllable as the normalizer's main pass meets them, to tell without
/// parsing the syllable whether its tone mark already sits where the rules put it (see
/// `VietnameseSyllable`): nearly every syllable with two or three vowels is settled here,
/// and only the rest are parsed.
struct VowelCluster {
    static let shaped: UInt8 = 0x10
    static let toned: UInt8 = 0x20
    static let consonant: UInt8 = 0x40

    private var vowels: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private(set) var count = 0
    private var toned = false

    /// Two vowels or more, one of them toned: only then can the tone sit on the wrong one
    /// (`settled` says true of anything else).
    var mayBeMisplaced: Bool { count > 1 && toned }
    /// Consonants right before the vowels, and the first of them (lower-cased if ASCII).
    private var consonants = 0
    private var firstConsonant: Unicode.Scalar = " "

    @inline(__always)
    mutating func add(_ info: UInt8) {
        if info & Self.toned != 0 { toned = true }
        switch count {
        case 0: vowels.0 = info
        case 1: vowels.1 = info
        case 2: vowels.2 = info
        default: vowels.3 = info
        }
        count += 1
    }

    /// A character that is not a vowel: it ends the cluster (the caller has judged it) and
    /// starts or continues the consonants before the next one.
    @inline(__always)
    mutating func consonant(_ s: Unicode.Scalar, isLetter: Bool) {
        if count > 0 || !isLetter { consonants = 0 }
        if isLetter {
            if consonants == 0 { firstConsonant = s.asciiLowercased }
            consonants += 1
        }
        count = 0
        toned = false
    }

    /// Whether the tone of the vowels seen sits where `style` puts it (or there is none).
    /// False sends the unit to the full parse, which decides.
    func settled(finalConsonant: Bool, style: VietnameseToneStyle) -> Bool {
        if count > 3 { return false }
        var (v0, v1, v2) = (vowels.0, vowels.1, vowels.2)
        var n = count
        // The u of qu and the i of gi belong to the consonant.
        let base0 = Int(v0 & 0x0F) - 1
        if n >= 2, consonants == 1,
           (firstConsonant == "q" && base0 == VietnameseVowel.u.rawValue) || (firstConsonant == "g" && base0 == VietnameseVowel.i.rawValue) {
            if v0 & Self.toned != 0 { return false }
            (v0, v1, v2) = (v1, v2, 0)
            n -= 1
        }
        let toned0 = v0 & Self.toned != 0, toned1 = n > 1 && v1 & Self.toned != 0, toned2 = n > 2 && v2 & Self.toned != 0
        let tonedCount = (toned0 ? 1 : 0) + (toned1 ? 1 : 0) + (toned2 ? 1 : 0)
        if tonedCount == 0 || n == 1 { return true }
        if tonedCount > 1 { return false }
        let tonedAt = toned0 ? 0 : toned1 ? 1 : 2
        let lastShaped = n > 2 && v2 & Self.shaped != 0 ? 2 : n > 1 && v1 & Self.shaped != 0 ? 1 : v0 & Self.shaped != 0 ? 0 : -1
        if lastShaped >= 0 { return tonedAt == lastShaped }
        if n == 3 || finalConsonant { return tonedAt == 1 }
        let first = Int(v0 & 0x0F) - 1, second = Int(v1 & 0x0F) - 1
        let styled = (first == VietnameseVowel.o.rawValue && (second == VietnameseVowel.a.rawValue || second == VietnameseVowel.e.rawValue))
            || (first == VietnameseVowel.u.rawValue && second == VietnameseVowel.y.rawValue)
        return tonedAt == (styled && style == .traditional ? 1 : 0)
    }
}
