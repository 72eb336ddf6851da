/// Abbreviations that ICU's rules do not know, for Vietnamese first: titles that come
/// before a name (`TS.`, `PGS.`, `ThS.`, `TP.`) never end a sentence; `v.v.` and `etc.`
/// end one only when a capital follows.
public struct Abbreviations: Sendable {
    /// Come before a name: a period after them never ends a sentence.
    public var titles: Set<String>
    /// May end a sentence: they do when the next word is capitalized.
    public var trailing: Set<String>

    public static let titlesByDefault: Set<String> = [
        // Vietnamese: thành phố, thị xã, thị trấn, tiến sĩ, phó giáo sư, giáo sư, thạc sĩ,
        // bác sĩ, kỹ sư, luật sư, nghệ sĩ, cử nhân, quận, phường, nhà xuất bản.
        "TP.", "Tp.", "tp.", "TX.", "Tx.", "TT.", "TS.", "PGS.", "GS.", "ThS.", "Th.S.", "BS.", "KS.", "LS.", "NS.", "NSƯT.", "NSND.",
        "CN.", "Q.", "P.", "NXB.", "TSKH.", "PGS.TS.", "GS.TS.", "ThS.BS.",
        // English, French, German.
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Sr.", "Jr.", "Gen.", "Gov.", "Sen.", "Rep.", "Lt.", "Col.", "Capt.", "No.",
        "M.", "Mme.", "Mlle.", "Hr.", "Fr.", "Nr.", "vs.", "Vol.", "Fig.", "Art.",
    ]
    public static let trailingByDefault: Set<String> = ["v.v.", "v.v..", "etc.", "usw.", "z.B.", "e.g.", "i.e.", "tr.", "Inc.", "Co.", "Ltd.", "Corp."]

    /// Hashes of every listed abbreviation's code points, so a word is checked without
    /// building a string (most words with a period after them are not abbreviations).
    let titleHashes: Set<UInt64>
    let listedHashes: Set<UInt64>

    public init(extra: [String] = []) {
        titles = Self.titlesByDefault.union(extra)
        trailing = Self.trailingByDefault
        titleHashes = Set(titles.map { Self.hash($0.unicodeScalars) })
        listedHashes = titleHashes.union(trailing.map { Self.hash($0.unicodeScalars) })
    }

    /// FNV-1a over code points.
    static func hash<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> UInt64 {
        scalars.reduce(FNV1a.seed, FNV1a.mix)
    }

    /// Whether `scalars` is a listed abbreviation (with its final period): a title, or one
    /// of the trailing ones when `titlesOnly` is false.
    func isListed(_ scalars: ArraySlice<Unicode.Scalar>, titlesOnly: Bool = false) -> Bool {
        let h = Self.hash(scalars)
        guard (titlesOnly ? titleHashes : listedHashes).contains(h) else { return false }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        let word = String(v)
        return titles.contains(word) || (!titlesOnly && trailing.contains(word))
    }

    /// Whether the letter and period at `word` (in `text`) are a word that ends a sentence, not
    /// an initial: an accented Latin capital that is a word of its own, after a word in lower
    /// case (`châu Á.`, `sang Ý.`); `Đ.` and plain letters stay initials (`ông Nguyễn Văn H.`).
    static func isLetterWord(_ word: ArraySlice<Unicode.Scalar>, in text: [Unicode.Scalar]) -> Bool {
        guard word.count == 2, word.last == ".", let letter = word.first, letter.properties.isUppercase,
              (0xC0...0x24F).contains(letter.value) || (0x1E00...0x1EFF).contains(letter.value),
              !["Đ", "Ð", "Ø", "Æ", "Œ", "Þ"].contains(letter) else { return false }
        var b = word.startIndex
        guard b > 0, text[b - 1] == " " else { return false }
        b -= 1
        while b > 0 && text[b - 1] == " " { b -= 1 }
        return b > 0 && text[b - 1].properties.isLowercase
    }

    /// `J.`, `U.S.`, `e.g.` over code points: letters (with any marks) each followed by a period.
    static func isDotted(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard scalars.count >= 2, scalars.last == "." else { return false }
        var expectLetter = true
        for s in scalars {
            let c = s.characterClass
            if expectLetter {
                guard c.contains(.letter) else { return false }
                expectLetter = false
            } else if s == "." {
                expectLetter = true
            } else if !c.contains(.mark) {
                return false
            }
        }
        return expectLetter
    }
}
