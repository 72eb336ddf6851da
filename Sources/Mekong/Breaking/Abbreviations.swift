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

    public init(extra: [String] = []) {
        titles = Self.titlesByDefault.union(extra)
        trailing = Self.trailingByDefault
    }

    /// Whether `word` (with its final period) is an abbreviation: a listed one, or an
    /// initial (`J.`), or dotted letters (`U.S.`, `v.v.`).
    func isAbbreviation(_ word: Substring) -> Bool {
        let w = String(word)
        if titles.contains(w) || trailing.contains(w) { return true }
        return Self.isDotted(word)
    }

    /// `J.`, `U.S.`, `e.g.`: letters each followed by a period.
    static func isDotted(_ word: Substring) -> Bool {
        guard word.count >= 2, word.last == "." else { return false }
        var expectLetter = true
        for c in word {
            if expectLetter { guard c.isLetter else { return false } } else { guard c == "." else { return false } }
            expectLetter.toggle()
        }
        return expectLetter
    }
}
