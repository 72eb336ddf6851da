import CMekongICU

/// Word- and sentence-break classes (UAX #29) of the Basic Multilingual Plane, read from
/// ICU's character properties once, so that Mekong's own breakers look a class up with one
/// array read. Code points above the BMP are asked of ICU one by one (they are rare).
struct BreakClasses: @unchecked Sendable {
    // Filled once and never changed nor freed: read through plain pointers in hot loops.
    private let wordTable: UnsafePointer<UInt8>
    private let sentenceTable: UnsafePointer<UInt8>

    static let shared: BreakClasses = {
        let word = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        let sentence = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        mk_break_class_tables(word, sentence)
        return BreakClasses(wordTable: word, sentenceTable: sentence)
    }()

    @inline(__always)
    func word(_ s: Unicode.Scalar) -> UInt8 {
        s.value < 0x10000 ? wordTable[Int(s.value)] : mk_word_class_of(s.value)
    }

    @inline(__always)
    func sentence(_ s: Unicode.Scalar) -> UInt8 {
        s.value < 0x10000 ? sentenceTable[Int(s.value)] : mk_sentence_class_of(s.value)
    }
}

/// The language subtag of an ICU locale or BCP 47 tag, lower-cased (`sv` of `sv_SE`, `el` of
/// `el-GR`): the breakers ask it whether ICU has rules of its own for the locale.
func localeLanguage(_ locale: String) -> String {
    // An ASCII tag by its bytes (each document's stages ask): the same parts as by characters.
    if locale.utf8.allSatisfy({ $0 < 0x80 }) {
        func separates(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "@") }
        let u = locale.utf8
        guard let start = u.firstIndex(where: { !separates($0) }) else { return "" }
        let end = u[start...].firstIndex(where: separates) ?? u.endIndex
        let part = locale[start..<end]
        return part.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? part.lowercased() : String(part)
    }
    return locale.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "@" }).first.map { $0.lowercased() } ?? ""
}

/// Word-break classes as `BreakClasses.word` gives them (the C enum's values).
enum WordClass {
    static let other = UInt8(MK_WB_OTHER.rawValue)
    static let cr = UInt8(MK_WB_CR.rawValue)
    static let lf = UInt8(MK_WB_LF.rawValue)
    static let newline = UInt8(MK_WB_NEWLINE.rawValue)
    static let extend = UInt8(MK_WB_EXTEND.rawValue)
    static let aLetter = UInt8(MK_WB_ALETTER.rawValue)
    static let numeric = UInt8(MK_WB_NUMERIC.rawValue)
    static let midLetter = UInt8(MK_WB_MIDLETTER.rawValue)
    static let midNum = UInt8(MK_WB_MIDNUM.rawValue)
    static let midNumLet = UInt8(MK_WB_MIDNUMLET.rawValue)
    static let extendNumLet = UInt8(MK_WB_EXTENDNUMLET.rawValue)
    static let wSegSpace = UInt8(MK_WB_WSEGSPACE.rawValue)
    static let complex = UInt8(MK_WB_COMPLEX.rawValue)
    /// No character yet (start of a segment).
    static let none: UInt8 = 0xFF
}

/// Sentence-break classes as `BreakClasses.sentence` gives them.
enum SentenceClass {
    static let other = UInt8(MK_SB_OTHER.rawValue)
    static let aTerm = UInt8(MK_SB_ATERM.rawValue)
    static let close = UInt8(MK_SB_CLOSE.rawValue)
    static let format = UInt8(MK_SB_FORMAT.rawValue)
    static let lower = UInt8(MK_SB_LOWER.rawValue)
    static let numeric = UInt8(MK_SB_NUMERIC.rawValue)
    static let oLetter = UInt8(MK_SB_OLETTER.rawValue)
    static let sep = UInt8(MK_SB_SEP.rawValue)
    static let sp = UInt8(MK_SB_SP.rawValue)
    static let sTerm = UInt8(MK_SB_STERM.rawValue)
    static let upper = UInt8(MK_SB_UPPER.rawValue)
    static let cr = UInt8(MK_SB_CR.rawValue)
    static let extend = UInt8(MK_SB_EXTEND.rawValue)
    static let lf = UInt8(MK_SB_LF.rawValue)
    static let sContinue = UInt8(MK_SB_SCONTINUE.rawValue)
}
