/// Fast character classes for the hot loops of the text stages. Swift's
/// `Unicode.Scalar.Properties` answers by binary search on every call; this table answers
/// the Basic Multilingual Plane by one array read and falls back to the properties above it.
public struct CharacterClass: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let whitespace = CharacterClass(rawValue: 1 << 0)
    public static let alphabetic = CharacterClass(rawValue: 1 << 1)
    /// Nonspacing, spacing or enclosing mark.
    public static let mark = CharacterClass(rawValue: 1 << 2)
    /// Any numeric character.
    public static let numeric = CharacterClass(rawValue: 1 << 3)
    public static let uppercase = CharacterClass(rawValue: 1 << 4)
    public static let lowercase = CharacterClass(rawValue: 1 << 5)
    /// A letter (general category L*).
    public static let letter = CharacterClass(rawValue: 1 << 6)
    /// Left unchanged by NFC whatever surrounds it, unless a combining mark follows.
    public static let nfcStable = CharacterClass(rawValue: 1 << 7)
    /// Symbol (S*).
    public static let symbol = CharacterClass(rawValue: 1 << 8)
    /// C0/C1 control or an invisible format character that normalization drops.
    public static let removable = CharacterClass(rawValue: 1 << 9)

    /// The table itself, for hot loops: read it once into a local, then look up with
    /// `Lookup.of(_:)`, which skips the lazy-global check every static access pays.
    public struct Lookup: @unchecked Sendable {
        // A copy of the table that is never freed nor changed, read through a plain pointer.
        let table: UnsafePointer<UInt16>
        @inline(__always)
        public func of(_ s: Unicode.Scalar) -> CharacterClass {
            s.value < 0x10000 ? CharacterClass(rawValue: table[Int(s.value)]) : CharacterClass.compute(s)
        }
    }
    public static let lookup: Lookup = {
        let copy = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
        copy.initialize(from: table, count: 0x10000)
        return Lookup(table: copy)
    }()

    private static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 0x10000)
        var v = 0
        while v < 0x10000 {
            // Blocks whose code points share one class (but for being numerals) are filled from
            // their first: this table is built at every start, and property lookups for 65,536
            // code points cost milliseconds. A test checks the result against computing each.
            if let block = uniformBlocks.first(where: { $0.contains(v) }) {
                if let s = Unicode.Scalar(UInt32(v)) {
                    var c = compute(s)
                    c.remove(.numeric)
                    for u in block { t[u] = c.rawValue }
                    // Some ideographs are numerals (一, 二, 五): that one property is looked up.
                    if block.lowerBound < 0xA000 {
                        for u in block where Unicode.Scalar(UInt32(u))?.properties.numericType != nil {
                            t[u] |= CharacterClass.numeric.rawValue
                        }
                    }
                }
                v = block.upperBound + 1
                continue
            }
            if let s = Unicode.Scalar(UInt32(v)) { t[v] = compute(s).rawValue }
            v += 1
        }
        return t
    }()

    /// CJK ideographs (extension A and unified), Hangul syllables, surrogates, private use.
    static let uniformBlocks: [ClosedRange<Int>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xD800...0xDFFF, 0xE000...0xF8FF]

    /// The table as computed code point by code point, for the test of the fast fill.
    static func slowTable() -> [UInt16] {
        (0..<0x10000).map { v in Unicode.Scalar(UInt32(v)).map { compute($0).rawValue } ?? 0 }
    }

    static var fastTable: [UInt16] { table }

    static func compute(_ s: Unicode.Scalar) -> CharacterClass {
        let p = s.properties
        var c: CharacterClass = []
        if p.isWhitespace { c.insert(.whitespace) }
        if p.isAlphabetic { c.insert(.alphabetic) }
        if p.isUppercase { c.insert(.uppercase) }
        if p.isLowercase { c.insert(.lowercase) }
        if p.numericType != nil { c.insert(.numeric) }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: c.insert(.mark)
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: c.insert(.letter)
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: c.insert(.symbol)
        default: break
        }
        switch s.value {
        case 0x0000...0x02FF, 0x0400...0x0482, 0x048A...0x04FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E,
             0x20A0...0x20BF, 0x3040...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0x1F300...0x1FAFF:
            c.insert(.nfcStable)
        default: break
        }
        switch s.value {
        case 0x200B, 0x2060, 0xFEFF, 0x00AD: c.insert(.removable)
        case 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85: break
        case 0x00...0x1F, 0x7F...0x9F: c.insert(.removable)
        default: break
        }
        return c
    }

    @inline(__always)
    public static func of(_ s: Unicode.Scalar) -> CharacterClass {
        s.value < 0x10000 ? CharacterClass(rawValue: table[Int(s.value)]) : compute(s)
    }
}

extension Unicode.Scalar {
    /// This scalar's `CharacterClass`.
    @inline(__always) public var characterClass: CharacterClass { CharacterClass.of(self) }
    @inline(__always) var isSpace: Bool { characterClass.contains(.whitespace) }
    /// A letter, digit, underscore or mark: part of a word.
    @inline(__always) var isWordPart: Bool {
        self == "_" || !characterClass.isDisjoint(with: [.alphabetic, .numeric, .mark])
    }
    /// ASCII lower case; other scalars unchanged.
    @inline(__always) var asciiLowercased: Unicode.Scalar {
        value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 32)! : self
    }
}
