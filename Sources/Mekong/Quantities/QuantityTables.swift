import Foundation

/// Everything the recognizer looks up for one language, compiled once from the lexicon files
/// and from CLDR through ICU: number marks, scale words (`compact-long` patterns), currency
/// codes, symbols and names, unit and duration names (ICU's unit formatting), month names
/// and, for languages without a spelled-number grammar, the words ICU's spell-out rules use.
final class QuantityTables: Sendable {
    let language: String
    let lexicon: QuantityLexicon
    let decimalMark: Unicode.Scalar
    let groupMarks: Set<Unicode.Scalar>
    /// The language's own grouping mark (`.` in Vietnamese and German, `,` in English).
    let groupMark: Unicode.Scalar
    let dateOrder: QuantityLexicon.DateOrder

    let scales: PhraseTable<Double>
    let currencyScales: PhraseTable<Double>
    let fractions: PhraseTable<Double>
    let currencies: PhraseTable<String>
    /// Upper-case ISO 4217 codes, matched only as written (`ALL`, `TOP`, `CUP` are words too).
    let isoCodes: Set<String>
    let units: PhraseTable<String>
    let durations: PhraseTable<String>
    let approximate: PhraseTable<String>
    let rangeOpeners: PhraseTable<Set<String>>
    let rangeConnectors: PhraseTable<Bool>
    let currencyConnectors: PhraseTable<Bool>
    let notQuantityAfter: PhraseTable<Bool>
    let identifierParts: PhraseTable<Bool>
    let notNumberSigns: PhraseTable<Bool>
    let ordinalPrefixes: PhraseTable<Bool>
    let monthNames: PhraseTable<Int>
    /// Month names in full, which take no abbreviation period ("mars." ends a sentence).
    let wideMonthNames: Set<String>
    let dayMarkers: PhraseTable<Bool>
    let monthMarkers: PhraseTable<Bool>
    let yearMarkers: PhraseTable<Bool>
    let decadeMarkers: PhraseTable<Bool>
    let quarterMarkers: PhraseTable<Bool>
    let weekdays: PhraseTable<Bool>
    let timePrefixes: PhraseTable<Bool>
    let hourMarkers: PhraseTable<Bool>
    let minuteMarkers: PhraseTable<Bool>
    let dayPeriods: PhraseTable<String>
    let durationPrefixes: PhraseTable<String>
    let countNouns: PhraseTable<Bool>
    let notUnitWords: PhraseTable<Bool>
    let notHedges: PhraseTable<Bool>
    let weekdayBefore: PhraseTable<Bool>
    let weekdayBeforeComma: PhraseTable<Bool>
    let weekdayAfter: PhraseTable<Bool>
    let streetWords: PhraseTable<Bool>
    let multiplierPrefixes: PhraseTable<Bool>
    let multiplierWords: PhraseTable<Double>
    let countBefore: PhraseTable<Bool>
    let vagueScales: PhraseTable<Double>
    let countAfter: PhraseTable<Bool>
    let allOf: PhraseTable<Bool>
    /// "rưỡi", "and a half": half of the unit more.
    let halves: PhraseTable<Bool>
    let dayContext: PhraseTable<Bool>
    let timeDurationContext: PhraseTable<Bool>
    let ordinalRankNouns: PhraseTable<Bool>
    let ordinalWordRankNouns: PhraseTable<Bool>
    let ordinalNounsBeforePrefix: PhraseTable<Bool>
    /// The vocabulary numbers of "-" and "–", which the hot loops compare tokens with.
    let hyphenID: Int32
    let dashID: Int32
    let idioms: PhraseTable<Bool>
    let multiplierAlone: PhraseTable<Double>
    let multiplierSuffixes: PhraseTable<Bool>
    let multiplierComparisons: PhraseTable<Bool>
    let agesAfter: PhraseTable<Bool>
    let agesHedgedAfter: PhraseTable<Bool>
    let valuesAfter: PhraseTable<Bool>
    let decadeAgesAfter: PhraseTable<Bool>
    let currencySubunits: PhraseTable<QuantityLexicon.Subunit>
    let countOf: PhraseTable<Bool>
    let standaloneTens: PhraseTable<Double>
    let dayOrdinalsAfter: PhraseTable<Bool>
    let ageWords: PhraseTable<Double>
    /// Words of ICU's spell-out rules for the language (when the lexicon has no grammar).
    let spellOutWords: [String: String]
    /// The words a spelled-out number can begin with (its digits, tens, hundreds and articles):
    /// any other word is none at one lookup, not ten (the reader is tried at nearly every word).
    let spelledOpeners: Set<String>
    /// Vocabulary numbers of the first tokens of every phrase that can begin a quantity: the
    /// scan tries a position only when its token is a digit or one of these.
    let starterIDs: Set<Int32>
    let vocabulary: QuantityVocabulary

    init(language: String, lexicon: QuantityLexicon) {
        self.language = language
        self.lexicon = lexicon
        var vocabulary = QuantityVocabulary()
        let decimal = CLDR.symbol(.decimal, locale: language)?.unicodeScalars.first ?? "."
        decimalMark = decimal
        var groups: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}"]
        let group = CLDR.symbol(.grouping, locale: language)?.unicodeScalars.first ?? ","
        groups.insert(group)
        groupMark = group
        groupMarks = groups
        dateOrder = lexicon.dateOrder ?? .dmy

        // Scale words from CLDR's compact-long patterns ("2 milliards", "2 Milliarden"), and the
        // short ones when they are at least two letters ("Md", "Mrd.", "Tr").
        var scaleWords: [String: Double] = [:]
        for exponent in [3, 6, 9, 12] {
            let scale = Double(sign: .plus, exponent: 0, significand: 1) * pow10(exponent)
            for count in [1.0, 2.0, 5.0] {
                if let word = Self.strippingNumber(CLDR.format(count * scale, skeleton: "compact-long", locale: language)) { scaleWords[word] = scale }
                if let word = Self.strippingNumber(CLDR.format(count * scale, skeleton: "compact-short", locale: language)),
                   word.unicodeScalars.filter(\.properties.isAlphabetic).count >= 2 { scaleWords[word] = scale }
            }
        }
        scaleWords.merge(lexicon.scales) { $1 }
        scales = PhraseTable(scaleWords, vocabulary: &vocabulary)
        currencyScales = PhraseTable(lexicon.currencyScales, vocabulary: &vocabulary)
        fractions = PhraseTable(lexicon.fractions, vocabulary: &vocabulary)

        // Currencies: ISO codes, CLDR symbols and names in this language, then the lexicon's.
        var currencyNames: [String: String] = [:]
        var codes: Set<String> = []
        for code in CLDR.currencyCodes {
            codes.insert(code)
            for style in [CLDR.CurrencyStyle.symbol, .longName, .pluralOne, .pluralOther] {
                guard let name = CLDR.currencyName(code, style: style, locale: language) else { continue }
                let key = QuantityLexicon.key(name)
                // A symbol that is just the code again, or a one-letter symbol, says nothing new.
                if key == code.lowercased() || (style == .symbol && key.count < 2 && key.unicodeScalars.allSatisfy(\.properties.isAlphabetic)) { continue }
                if currencyNames[key] == nil { currencyNames[key] = code }
            }
        }
        currencyNames.merge(lexicon.currencies) { $1 }
        currencies = PhraseTable(currencyNames, vocabulary: &vocabulary)
        isoCodes = codes

        // Units: CLDR's long and short names for each defined unit, then the lexicon's.
        var unitNames: [String: String] = [:]
        for (symbol, definition) in lexicon.unitDefinitions.sorted(by: { $0.key < $1.key }) {
            guard let icu = definition.icu else { continue }
            for width in ["unit-width-full-name", "unit-width-short"] {
                for count in [1.0, 2.0, 5.0] {
                    if let name = Self.strippingNumber(CLDR.format(count, skeleton: "measure-unit/\(icu) \(width)", locale: language)),
                       unitNames[name] == nil { unitNames[name] = symbol }
                }
            }
        }
        unitNames.merge(lexicon.units) { $1 }
        units = PhraseTable(unitNames, vocabulary: &vocabulary)

        var durationNames: [String: String] = [:]
        for (icu, designator) in [("duration-year", "Y"), ("duration-month", "M"), ("duration-week", "W"), ("duration-day", "D"),
                                  ("duration-hour", "H"), ("duration-minute", "MIN"), ("duration-second", "S")] {
            for count in [1.0, 2.0, 5.0] {
                if let name = Self.strippingNumber(CLDR.format(count, skeleton: "measure-unit/\(icu) unit-width-full-name", locale: language)) {
                    durationNames[name] = designator
                }
            }
        }
        durationNames.merge(lexicon.durations) { $1 }
        durations = PhraseTable(durationNames, vocabulary: &vocabulary)

        // Month names from CLDR, wide and abbreviated (less the abbreviation's period: the
        // recognizer allows one after any month name).
        var months: [String: Int] = [:]
        var wide: Set<String> = []
        for month in 1...12 {
            for abbreviated in [false, true] {
                for standAlone in [false, true] {
                    guard var name = CLDR.monthName(month, abbreviated: abbreviated, standAlone: standAlone, locale: language) else { continue }
                    name = QuantityLexicon.key(name)
                    if name.hasSuffix(".") { name.removeLast() }
                    // Vietnamese months are "tháng 2": the month markers read those.
                    if name.isEmpty || name.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { continue }
                    months[name] = month
                    if !abbreviated { wide.insert(name) }
                }
            }
        }
        months.merge(lexicon.dates.monthNames) { $1 }
        monthNames = PhraseTable(months, vocabulary: &vocabulary)
        wideMonthNames = wide

        approximate = PhraseTable(lexicon.approximate, vocabulary: &vocabulary)
        rangeOpeners = PhraseTable(lexicon.rangeOpeners, vocabulary: &vocabulary)
        rangeConnectors = PhraseTable(set: lexicon.rangeConnectors, vocabulary: &vocabulary)
        currencyConnectors = PhraseTable(set: lexicon.currencyConnectors, vocabulary: &vocabulary)
        notQuantityAfter = PhraseTable(set: lexicon.notQuantityAfter, vocabulary: &vocabulary)
        identifierParts = PhraseTable(set: lexicon.identifierParts, vocabulary: &vocabulary)
        notNumberSigns = PhraseTable(set: lexicon.notNumberSigns, vocabulary: &vocabulary)
        ordinalPrefixes = PhraseTable(set: lexicon.ordinalPrefixes, vocabulary: &vocabulary)
        dayMarkers = PhraseTable(set: lexicon.dates.dayMarkers, vocabulary: &vocabulary)
        monthMarkers = PhraseTable(set: lexicon.dates.monthMarkers, vocabulary: &vocabulary)
        yearMarkers = PhraseTable(set: lexicon.dates.yearMarkers, vocabulary: &vocabulary)
        decadeMarkers = PhraseTable(set: lexicon.dates.decadeMarkers, vocabulary: &vocabulary)
        quarterMarkers = PhraseTable(set: lexicon.dates.quarterMarkers, vocabulary: &vocabulary)
        weekdays = PhraseTable(set: lexicon.dates.weekdays, vocabulary: &vocabulary)
        timePrefixes = PhraseTable(set: lexicon.times.prefixes, vocabulary: &vocabulary)
        hourMarkers = PhraseTable(set: lexicon.times.hourMarkers, vocabulary: &vocabulary)
        minuteMarkers = PhraseTable(set: lexicon.times.minuteMarkers, vocabulary: &vocabulary)
        dayPeriods = PhraseTable(lexicon.times.dayPeriods, vocabulary: &vocabulary)
        durationPrefixes = PhraseTable(lexicon.durationPrefixes, vocabulary: &vocabulary)
        countNouns = PhraseTable(set: lexicon.countNouns, vocabulary: &vocabulary)
        notUnitWords = PhraseTable(set: lexicon.notUnitWords, vocabulary: &vocabulary)
        notHedges = PhraseTable(set: lexicon.notHedges, vocabulary: &vocabulary)
        weekdayBefore = PhraseTable(set: lexicon.weekdayBefore, vocabulary: &vocabulary)
        weekdayBeforeComma = PhraseTable(set: lexicon.weekdayBeforeComma, vocabulary: &vocabulary)
        weekdayAfter = PhraseTable(set: lexicon.weekdayAfter, vocabulary: &vocabulary)
        streetWords = PhraseTable(set: lexicon.streetWords, vocabulary: &vocabulary)
        multiplierPrefixes = PhraseTable(set: lexicon.multiplierPrefixes, vocabulary: &vocabulary)
        multiplierWords = PhraseTable(lexicon.multiplierWords, vocabulary: &vocabulary)
        countBefore = PhraseTable(set: lexicon.countBefore, vocabulary: &vocabulary)
        vagueScales = PhraseTable(lexicon.vagueScales, vocabulary: &vocabulary)
        countAfter = PhraseTable(set: lexicon.countAfter, vocabulary: &vocabulary)
        allOf = PhraseTable(set: lexicon.allOf, vocabulary: &vocabulary)
        halves = PhraseTable(set: lexicon.numberWords?.half ?? [], vocabulary: &vocabulary)
        dayContext = PhraseTable(set: lexicon.dates.dayContext, vocabulary: &vocabulary)
        timeDurationContext = PhraseTable(set: lexicon.times.durationContext, vocabulary: &vocabulary)
        ordinalRankNouns = PhraseTable(set: lexicon.ordinalRankNouns, vocabulary: &vocabulary)
        ordinalWordRankNouns = PhraseTable(set: lexicon.ordinalWordRankNouns, vocabulary: &vocabulary)
        ordinalNounsBeforePrefix = PhraseTable(set: lexicon.ordinalNounsBeforePrefix, vocabulary: &vocabulary)
        idioms = PhraseTable(set: lexicon.idioms, vocabulary: &vocabulary)
        multiplierAlone = PhraseTable(lexicon.multiplierAlone, vocabulary: &vocabulary)
        multiplierSuffixes = PhraseTable(set: lexicon.multiplierSuffixes, vocabulary: &vocabulary)
        multiplierComparisons = PhraseTable(set: lexicon.multiplierComparisons, vocabulary: &vocabulary)
        agesAfter = PhraseTable(set: lexicon.ages.after, vocabulary: &vocabulary)
        agesHedgedAfter = PhraseTable(set: lexicon.ages.hedgedAfter, vocabulary: &vocabulary)
        valuesAfter = PhraseTable(set: lexicon.valuesAfter, vocabulary: &vocabulary)
        decadeAgesAfter = PhraseTable(set: lexicon.ages.decadesAfter, vocabulary: &vocabulary)
        currencySubunits = PhraseTable(lexicon.currencySubunits, vocabulary: &vocabulary)
        countOf = PhraseTable(set: lexicon.countOf, vocabulary: &vocabulary)
        standaloneTens = PhraseTable(lexicon.standaloneTens, vocabulary: &vocabulary)
        dayOrdinalsAfter = PhraseTable(set: lexicon.dayOrdinalsAfter, vocabulary: &vocabulary)
        ageWords = PhraseTable(lexicon.ageWords, vocabulary: &vocabulary)

        // ICU's spell-out vocabulary: the words it writes for 0–999 and the scales, as matched
        // (lower case, no soft hyphens) → as ICU writes them, which is what its parser reads
        // back ("fünf\u{AD}und\u{AD}zwanzig", "Millionen").
        var spellOut: [String: String] = [:]
        if lexicon.numberWords == nil {
            var values = Array(0...999).map(Double.init)
            values += [1e3, 2e3, 1e6, 2e6, 1e9, 2e9, 1e12]
            for v in values {
                guard let spelled = CLDR.spellOut(v, locale: language) else { continue }
                for word in spelled.split(whereSeparator: { $0 == " " || $0 == "-" }) {
                    let plain = word.lowercased().replacingOccurrences(of: "\u{00AD}", with: "")
                    if spellOut[plain] == nil { spellOut[plain] = String(word) }
                }
            }
        }
        spellOutWords = spellOut

        var first: Set<String> = []
        func addFirsts<T>(_ table: PhraseTable<T>) { first.formUnion(table.firstTokens) }
        addFirsts(scales); addFirsts(fractions); addFirsts(currencies); addFirsts(approximate); addFirsts(rangeOpeners)
        addFirsts(notQuantityAfter); addFirsts(ordinalPrefixes); addFirsts(monthNames); addFirsts(dayMarkers)
        addFirsts(monthMarkers); addFirsts(yearMarkers); addFirsts(decadeMarkers); addFirsts(quarterMarkers); addFirsts(timePrefixes)
        addFirsts(durationPrefixes); addFirsts(multiplierPrefixes); addFirsts(vagueScales); addFirsts(idioms); addFirsts(multiplierAlone)
        addFirsts(standaloneTens); addFirsts(ageWords)
        if let w = lexicon.numberWords {
            first.formUnion(w.digits.keys); first.formUnion(w.tens.keys); first.formUnion(w.hundred); first.formUnion(w.article)
            spelledOpeners = Set(w.digits.keys).union(w.tens.keys).union(w.hundred).union(w.article)
        } else {
            spelledOpeners = []
        }
        first.formUnion(lexicon.ordinalWords.keys)
        first.formUnion(lexicon.dates.yearContext)
        first.formUnion(spellOut.keys)
        // Every word the recognizer compares (number words, markers, suffixes) gets a number,
        // so that a token outside the vocabulary is known to be nothing at one lookup.
        for word in first { vocabulary.intern(word) }
        for word in lexicon.ordinalSuffixes { vocabulary.intern(word) }
        for word in lexicon.dates.dayTerminators { vocabulary.intern(word) }
        for word in lexicon.times.half { vocabulary.intern(word) }
        for word in lexicon.dates.dayContext { vocabulary.intern(word) }
        for word in lexicon.ordinalDeterminers { vocabulary.intern(word) }
        for word in lexicon.fractionFollowers { vocabulary.intern(word) }
        for word in lexicon.times.markersLikeUnits { vocabulary.intern(word) }
        for phrase in lexicon.countAfter.union(lexicon.allOf) { for piece in QuantityTokenizer.pieces(of: phrase) { vocabulary.intern(piece) } }
        if let w = lexicon.numberWords {
            for word in Array(w.digitsAfterTens.keys) + Array(w.tensMultiplier) + Array(w.link) + Array(w.half) + Array(w.point) { vocabulary.intern(word) }
        }
        for closers in lexicon.rangeOpeners.values { for c in closers { for piece in QuantityTokenizer.pieces(of: c) { vocabulary.intern(piece) } } }
        for word in ["s", "-", "–", ",", ".", "/", ":"] { vocabulary.intern(word) }
        hyphenID = vocabulary.id(of: "-")
        dashID = vocabulary.id(of: "–")
        starterIDs = Set(first.map { vocabulary.id(of: $0) })
        self.vocabulary = vocabulary
    }

    /// The words of a formatted number with the number taken out ("2 milliards" → "milliards").
    static func strippingNumber(_ formatted: String?) -> String? {
        guard let formatted else { return nil }
        let kept = formatted.unicodeScalars.filter { s in
            !(s.properties.numericType != nil || s == "." || s == "," || s == "\u{00A0}" || s == "\u{202F}" || s == "\u{200F}" || s == "\u{061C}")
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: kept)
        let key = QuantityLexicon.key(String(v))
        return key.isEmpty ? nil : key
    }
}

@inline(__always)
func pow10(_ exponent: Int) -> Double {
    var v = 1.0
    for _ in 0..<exponent { v *= 10 }
    return v
}

/// Phrases (lower-cased, single spaces) to values, as a trie over vocabulary numbers: a match
/// walks the tokens with one integer-keyed lookup per token.
struct PhraseTable<Value: Sendable>: Sendable {
    /// The phrases as written in the lexicon (for the few checks that read a phrase whole).
    let entries: [String: Value]
    private let edges: [UInt64: Int32]
    private let values: [Value?]
    /// Whether a phrase starts with the word of each vocabulary number (indexed by it): most
    /// tokens start none, and this answers without hashing. Numbers the vocabulary gave out
    /// after the table was built start none.
    private let starts: [Bool]
    /// The most tokens any phrase spans.
    let maxTokens: Int
    let firstTokens: Set<String>

    init(_ entries: [String: Value], vocabulary: inout QuantityVocabulary) {
        self.entries = entries
        var edges: [UInt64: Int32] = [:]
        var values: [Value?] = [nil]
        var most = 1
        var firsts: Set<String> = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let pieces = QuantityTokenizer.pieces(of: key)
            guard !pieces.isEmpty else { continue }
            most = max(most, pieces.count)
            firsts.insert(pieces[0])
            var node: Int32 = 0
            for piece in pieces {
                let edge = UInt64(UInt32(node)) << 32 | UInt64(UInt32(vocabulary.intern(piece)))
                if let next = edges[edge] { node = next; continue }
                values.append(nil)
                node = Int32(values.count - 1)
                edges[edge] = node
            }
            if values[Int(node)] == nil { values[Int(node)] = value }
        }
        self.edges = edges
        self.values = values
        maxTokens = most
        firstTokens = firsts
        var starts = [Bool](repeating: false, count: vocabulary.count)
        for first in firsts { let id = vocabulary.id(of: first); if id >= 0 { starts[Int(id)] = true } }
        self.starts = starts
    }

    init(set: Set<String>, vocabulary: inout QuantityVocabulary) where Value == Bool {
        self.init(Dictionary(uniqueKeysWithValues: set.map { ($0, true) }), vocabulary: &vocabulary)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The longest phrase over `tokens` from `k`: its value and the token after it.
    @inline(__always)
    func longest(_ tokens: [QuantityToken], at k: Int) -> (Value, Int)? {
        let first = Int(tokens[k].id)
        guard first >= 0, first < starts.count, starts[first] else { return nil }
        var node: Int32 = 0
        var best: (Value, Int)?
        var j = k
        while j < tokens.count, j - k < maxTokens {
            let id = tokens[j].id
            guard id >= 0, let next = edges[UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))] else { break }
            node = next
            j += 1
            if let v = values[Int(node)] { best = (v, j) }
        }
        return best
    }

    /// The value of a one-token phrase.
    @inline(__always)
    func single(_ id: Int32) -> Value? {
        guard id >= 0, let node = edges[UInt64(UInt32(id))] else { return nil }
        return values[Int(node)]
    }
}
