/// What the normalizer's main pass needs to know of a code point, one byte for each code
/// point of the Basic Multilingual Plane, so that the pass over text that needs no change
/// — nearly all of it — is a table read per character.
struct NormalizerFlags: Sendable {
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

    let table: [UInt8]

    static let shared = NormalizerFlags()

    private init() {
        var t = [UInt8](repeating: 0, count: 0x10000)
        for v in 0..<0x10000 {
            if let s = Unicode.Scalar(UInt32(v)) { t[v] = Self.compute(s) }
        }
        table = t
    }

    @inline(__always)
    func of(_ s: Unicode.Scalar) -> UInt8 {
        s.value < 0x10000 ? table.withUnsafeBufferPointer { $0[Int(s.value)] } : Self.compute(s)
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
