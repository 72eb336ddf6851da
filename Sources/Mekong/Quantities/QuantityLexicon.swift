import Foundation

/// The words of quantities in one language — spelled numbers, scales, currencies, units,
/// qualifiers, date and time words — as written in a data file (`Resources/quantities/*.json`
/// or a user's own). Files merge: a user file adds to or overrides the shipped ones. Every
/// key is checked on load; a mistake names the file, the JSON path and what was expected.
///
/// Phrases are matched case-insensitively against the text with runs of white space as one
/// space, so keys are stored lower-cased.
public struct QuantityLexicon: Sendable {
    public enum DateOrder: String, Sendable { case dmy, mdy, ymd }

    /// Spelled-number grammar. Languages without one fall back to ICU's spell-out parser.
    public struct NumberWords: Sendable {
        public var digits: [String: Int] = [:]
        /// Units digits allowed only after a tens word (`mốt`, `tư`, `lăm` in Vietnamese).
        public var digitsAfterTens: [String: Int] = [:]
        /// Whole words worth 10–99 (`mười`, `twenty`, `eleven`).
        public var tens: [String: Int] = [:]
        /// Words that multiply the digit before them by ten (`mươi`).
        public var tensMultiplier: Set<String> = []
        public var hundred: Set<String> = []
        /// Connectors read as nothing between parts (`linh`, `lẻ`, `and`).
        public var link: Set<String> = []
        /// "and a half" of the last unit (`rưỡi`).
        public var half: Set<String> = []
        /// Decimal point said in words (`phẩy`, `point`).
        public var point: Set<String> = []
        /// Worth one, but only before hundred, a scale or a fraction (`a`, `an`).
        public var article: Set<String> = []
        /// Digit words that never follow a tens word (`năm` after `mươi` is "years": 55 is `năm mươi lăm`).
        public var notAfterTens: Set<String> = []
        /// Number words that are not a number on their own (`một` as an article, `năm` = year).
        public var notAlone: Set<String> = []
        /// Number words that are never a number by themselves, not even before a unit or in a list of
        /// counts (`không` alone is "not": `không ký` is "did not sign", not zero kilograms).
        public var neverAlone: Set<String> = []
        /// Two number words side by side that make a range though they are not neighbours
        /// (`năm bảy`, "five or seven": a handful); neighbours (`ba bốn`) always do.
        public var rangePairs: Set<String> = []
    }

    public struct DateWords: Sendable {
        public var dayMarkers: Set<String> = []
        public var monthMarkers: Set<String> = []
        public var yearMarkers: Set<String> = []
        public var decadeMarkers: Set<String> = []
        /// Words for a quarter of a year before its number and the year (`quý I/2009`): the
        /// whole is a date in that year, the quarter no month.
        public var quarterMarkers: Set<String> = []
        /// Words that make a bare four-digit number a year without being part of it (`in 1998`).
        public var yearContext: Set<String> = []
        public var weekdays: Set<String> = []
        public var monthNames: [String: Int] = [:]
        /// What may follow a day number before the month name (`9. Februar`).
        public var dayTerminators: Set<String> = []
        /// Words right before a day and month written with a dash that make them a date, not a
        /// range (`sáng 29 - 10`, `hôm 23-3`).
        public var dayContext: Set<String> = []
        /// Day markers after which a spelled day needs no month (`mồng ba`); after the others a
        /// spelled number is a date only with its month (`ngày một` is "increasingly").
        public var spelledDayMarkers: Set<String> = []
        /// Words that join the dates of one list (`22 và 23 - 3`, `3 and 4 July`): the dates
        /// before one share the month and year it writes out. A comma always joins.
        public var listConnectors: Set<String> = []
        /// Whether a day over 12 and a month joined by a dash are a date with no word before
        /// them (`22 và 23 - 3`): Vietnamese writes dates so; English writes scores (`won 23-3`).
        public var dashedDaysAlone = false
    }

    public struct TimeWords: Sendable {
        public var hourMarkers: Set<String> = []
        public var minuteMarkers: Set<String> = []
        public var prefixes: Set<String> = []
        public var half: Set<String> = []
        public var dayPeriods: [String: String] = [:]
        /// Hour markers that are also unit symbols (`g`, gram): a clock time only where the
        /// words around say so (`lúc 9 g`, `9 g ,`, `khoảng 10 g mới về`), else the unit.
        public var markersLikeUnits: Set<String> = []
        /// Words before an hour and minutes that make them a duration (`trong 2 giờ 35 phút`).
        public var durationContext: Set<String> = []
    }

    public struct UnitDefinition: Sendable, Hashable {
        public var dimension: String
        /// The CLDR unit identifier ICU formats (`length-kilometer`), when it has one.
        public var icu: String?
        /// A unit given in another: `tạ` is 100 `kg`, so `2 tạ` comes out as 200 kg.
        public var to: String?
        public var factor: Double?
    }

    public var language: String?
    public var dateOrder: DateOrder?
    public var numberWords: NumberWords?
    public var scales: [String: Double] = [:]
    /// Scale words allowed only right after a currency symbol's amount (`$5m`).
    public var currencyScales: [String: Double] = [:]
    public var fractions: [String: Double] = [:]
    public var ordinalPrefixes: Set<String> = []
    public var ordinalWords: [String: Int] = [:]
    public var ordinalSuffixes: Set<String> = []
    /// Ordinal words that are usually something else (`second`; `tư` of `tư tưởng`), kept only
    /// in a date, after a determiner or (with a prefix) after `thứ`.
    public var ordinalAmbiguous: Set<String> = []
    /// Determiners after which an ambiguous ordinal ranks (`the second time`, not `a second`).
    public var ordinalDeterminers: Set<String> = []
    /// Words after `a third` that keep it a fraction (`a third of`, `a third more`); before any
    /// other word an article and an ordinal rank it (`a third daily flight`, `a second heart attack`).
    public var fractionFollowers: Set<String> = []
    /// Phrases holding number words that are no quantity (`at first`, `no one`, `một mình`).
    public var idioms: Set<String> = []
    /// Multiplier words that stand alone (`twice`) …
    public var multiplierAlone: [String: Double] = [:]
    /// … and the word after an amount that makes it one (`three times`) before a comparison (`as`, `more`).
    public var multiplierSuffixes: Set<String> = []
    public var multiplierComparisons: Set<String> = []
    /// Prize and rank nouns after which an ordinal word or a digit word ranks (`giải nhì`, `hạng ba`).
    public var ordinalRankNouns: Set<String> = []
    /// Words after which only an ordinal word ranks, not a digit word (`về nhất`, `về nhì`:
    /// came first, second; `về ba tỉnh` goes to three provinces).
    public var ordinalWordRankNouns: Set<String> = []
    /// Nouns after which a prefixed ordinal ranks though it reads like a weekday (`con thứ tư`,
    /// the fourth child; `năm thứ ba`, the third year of study).
    public var ordinalNounsBeforePrefix: Set<String> = []
    /// Qualifier phrase → what it says of the amount (`about`, `over`, `under`, `at least`, …).
    public var approximate: [String: String] = [:]
    /// Qualifiers that may stand before a scale word with no number (`hàng tỷ`).
    public var bareScaleQualifiers: Set<String> = []
    public var rangeConnectors: Set<String> = []
    /// Range opener → the connectors that close it (`từ … đến …`, `between … and …`).
    public var rangeOpeners: [String: Set<String>] = [:]
    /// Openers whose closing word gives two amounts, not one range (`từ 5 đến 7%`, `from 5 to
    /// 7 percent`: the guidelines' two mentions); a dash still makes one (`từ 35 - 52 tấn`).
    public var splitOpeners: Set<String> = []
    /// Currency phrase → ISO 4217 code.
    public var currencies: [String: String] = [:]
    /// Words between a scale and a currency (`109 milliards d'euros`).
    public var currencyConnectors: Set<String> = []
    /// Unit phrase → unit symbol (defined in `unitDefinitions`).
    public var units: [String: String] = [:]
    public var unitDefinitions: [String: UnitDefinition] = [:]
    /// Duration word → designator (`Y`, `M`, `W`, `D`, `H`, `MIN`, `S`, `DECADE`, `CENTURY`).
    public var durations: [String: String] = [:]
    public var dates = DateWords()
    public var times = TimeWords()
    /// Phrases after which a number is a name or an identifier, not a quantity (`quốc lộ 1`).
    public var notQuantityAfter: Set<String> = []
    /// Words after an identifier's number that name a part of what it identifies, not what the
    /// number counts or measures (`đoạn` in `quốc lộ 91 đoạn qua Châu Đốc`).
    public var identifierParts: Set<String> = []
    /// Duration words written before their amount → designator (`tuổi 35`, an age in years).
    public var durationPrefixes: [String: String] = [:]
    /// What a lone spelled number may count, which vouches that it is one (`ba đứa trẻ`,
    /// `năm người`); a lone word worth one stays the article (`một người`).
    public var countNouns: Set<String> = []
    /// Ordinary words that begin with a unit or currency word: no unit there (`hai đồng đội`,
    /// `một bảng giá`).
    public var notUnitWords: Set<String> = []
    /// Words that end in a hedge but hedge nothing (`nhiệt độ 40`, `tốc độ 80 km`).
    public var notHedges: Set<String> = []
    /// Words before a weekday (`sáng thứ hai`, `vào thứ bảy`) and after it (`thứ tư hằng tuần`)
    /// that make `thứ` + a number the day of the week, not an ordinal.
    public var weekdayBefore: Set<String> = []
    public var weekdayAfter: Set<String> = []
    /// Words after which an ordinal that reads as a weekday, then a comma, names the day (`là thứ hai ,`);
    /// after any other word in lower case it ranks what that word names (`trận đấu thứ hai ,`).
    public var weekdayBeforeComma: Set<String> = []
    /// Street words after a number and before a capitalized name that make the number a house
    /// number (`số 12 đường Lê Lợi`, `45 phố Hàng Bài`).
    public var streetWords: Set<String> = []
    /// Words for "number" before an identifier's digits (`số`): after an identifier's head or a
    /// name (`xe buýt số 19`, `Trung tâm số 2`) they name, they do not count.
    public var numberSigns: Set<String> = []
    /// Phrases that end in a number sign but make it part of a noun, so the number after counts:
    /// `trong số` (among), `tổng số` (the total of), `con số` (the figure).
    public var notNumberSigns: Set<String> = []
    /// Nouns counted in fractions (`điểm`: `29 , 5 điểm`), which vouch for a decimal mark
    /// written apart before them.
    public var fractionalNouns: Set<String> = []
    /// Words before an amount that make it a multiplier (`gấp ba`) …
    public var multiplierPrefixes: Set<String> = []
    /// … and words worth a factor after them (`gấp đôi` = 2, `gấp rưỡi` = 1.5).
    public var multiplierWords: [String: Double] = [:]
    /// Qualifiers that hedge only a scale word with no number (`cả trăm`, but `cả hai` is "both").
    public var bareScaleOnlyQualifiers: Set<String> = []
    /// Words right before a lone spelled number that make it a count, `một` included (`chỉ một`) …
    public var countAfter: Set<String> = []
    /// … and words shortly after it (`một bàn tay duy nhất`).
    public var countBefore: Set<String> = []
    /// Words right before a lone spelled number of two or more that make it all of a group
    /// (`cả ba`, `cả chín đều`), unless the number word names a unit too (`cả năm`: all year).
    public var allOf: Set<String> = []
    /// Vague multiples written as the amount → the scale's value (`hundreds`, `tens of thousands`).
    public var vagueScales: [String: Double] = [:]
    /// Words of one that make a time unit beside an amount its rate (`7,5% một năm`: a year).
    public var rateWords: Set<String> = []
    /// Ages written with no unit: words after which a lone number is an age in years (`aged
    /// 60`, `bà cụ 70`), possessives before a decade (`in his 60s`), and whether a number set
    /// off by commas after a word is one (`The striker, 29, scored`).
    public var ages = AgeWords()
    /// Coins of a currency written after the amount → the currency and the part of it they
    /// are (`5p` = 0.05 GBP, `50 cents` = 0.50 USD).
    public var currencySubunits: [String: Subunit] = [:]
    /// Words right after a lone number that make it a count of a whole (`một trong những`,
    /// `one of the three`); with `countOfNeedsTotal` only when an amount follows them.
    public var countOf: Set<String> = []
    public var countOfNeedsTotal = false
    /// Whether a four-digit number from 1800 to 2100 with nothing after it is a year where no
    /// word says so (`its 2008 peak`): where thousands are grouped, an amount would be written
    /// `2,008`.
    public var yearsAlone = false
    /// Tens said with no number before them → their value (`chục mét`, `mươi bước`): an amount
    /// before a unit or a counted noun, and an age after `tuổi` (`tuổi đôi mươi`).
    public var standaloneTens: [String: Double] = [:]
    /// Hedges that are also prepositions (`trên hai bờ`, on; `ngoài hai người`, besides): a
    /// hedge only on an amount in digits, with a unit, or of ten or more.
    public var weakHedges: Set<String> = []
    /// Hedges that qualify only some kinds of amount → those kinds; before another they are a
    /// preposition outside the span (`over £425,000` is hedged, `over three years` is "across").
    public var hedgesOnlyFor: [String: Set<String>] = [:]
    /// Whether a bare number in digits between a word and punctuation is a label, not an
    /// amount (`km 95 .`, `đoàn 375 ,`, `học kỳ 1 ,`): Vietnamese puts a count before its noun,
    /// so a number after a noun with nothing after it names (on the labelled development
    /// sentences: 16 such, none an amount).
    public var labelsAfterWords = false
    /// Words after which a bare number before punctuation is a value, not a label: a copula
    /// (`Điểm chuẩn là 26 ,`).
    public var valuesAfter: Set<String> = []
    /// A word that cannot be a Vietnamese syllable (`stadium`, `cienco`), written before a
    /// bare number, names something with it (`stadium 7`): for text in a syllabic script whose
    /// own words all fit one syllable shape.
    public var foreignWordNames = false
    /// Words that are an age by themselves → years (`ngũ tuần`, fifty: `ngoại ngũ tuần`).
    public var ageWords: [String: Double] = [:]
    /// Words before a day written as an ordinal that make it a date (`on the 21st`).
    public var dayOrdinalsAfter: Set<String> = []

    public struct AgeWords: Sendable {
        public var after: Set<String> = []
        public var decadesAfter: Set<String> = []
        /// Words before an amount hedged upwards that make it an age (`đã ngoài 70`).
        public var hedgedAfter: Set<String> = []
        /// Hedges upwards after which round tens spelled out are an age (`ngoại bảy mươi`).
        public var overTens: Set<String> = []
        public var appositive = false
    }

    public struct Subunit: Sendable, Hashable {
        public var code: String
        public var factor: Double
    }

    public init() {}

    static let durationDesignators: Set<String> = ["Y", "M", "W", "D", "H", "MIN", "S", "DECADE", "CENTURY"]

    /// Folds a phrase the way text is matched: lower case, white space runs as one space.
    public static func key(_ phrase: String) -> String {
        phrase.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: Loading

    /// Reads a lexicon file; `name` is how errors refer to it.
    public static func load(path: String) throws(QuantityLexiconError) -> QuantityLexicon {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch {
            throw QuantityLexiconError(file: path, path: "$", message: "cannot read the file: \(error)")
        }
        return try parse(bytes, name: path)
    }

    public static func parse(_ bytes: [UInt8], name: String) throws(QuantityLexiconError) -> QuantityLexicon {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw QuantityLexiconError(file: name, path: "$", message: "not valid UTF-8")
        }
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw QuantityLexiconError(file: name, path: "$", message: "\(error)")
        }
        var reader = LexiconReader(file: name)
        return try reader.read(json)
    }

    /// Adds `other`'s words to these; where both define a phrase, `other` wins.
    public mutating func merge(_ other: QuantityLexicon) {
        language = other.language ?? language
        dateOrder = other.dateOrder ?? dateOrder
        if let words = other.numberWords {
            if var mine = numberWords {
                mine.digits.merge(words.digits) { $1 }
                mine.digitsAfterTens.merge(words.digitsAfterTens) { $1 }
                mine.tens.merge(words.tens) { $1 }
                mine.tensMultiplier.formUnion(words.tensMultiplier)
                mine.hundred.formUnion(words.hundred)
                mine.link.formUnion(words.link)
                mine.half.formUnion(words.half)
                mine.point.formUnion(words.point)
                mine.article.formUnion(words.article)
                mine.notAlone.formUnion(words.notAlone)
                mine.neverAlone.formUnion(words.neverAlone)
                mine.rangePairs.formUnion(words.rangePairs)
                mine.notAfterTens.formUnion(words.notAfterTens)
                numberWords = mine
            } else {
                numberWords = words
            }
        }
        scales.merge(other.scales) { $1 }
        currencyScales.merge(other.currencyScales) { $1 }
        fractions.merge(other.fractions) { $1 }
        ordinalPrefixes.formUnion(other.ordinalPrefixes)
        ordinalWords.merge(other.ordinalWords) { $1 }
        ordinalSuffixes.formUnion(other.ordinalSuffixes)
        ordinalAmbiguous.formUnion(other.ordinalAmbiguous)
        approximate.merge(other.approximate) { $1 }
        bareScaleQualifiers.formUnion(other.bareScaleQualifiers)
        rangeConnectors.formUnion(other.rangeConnectors)
        rangeOpeners.merge(other.rangeOpeners) { $0.union($1) }
        splitOpeners.formUnion(other.splitOpeners)
        currencies.merge(other.currencies) { $1 }
        currencyConnectors.formUnion(other.currencyConnectors)
        units.merge(other.units) { $1 }
        unitDefinitions.merge(other.unitDefinitions) { $1 }
        durations.merge(other.durations) { $1 }
        dates.dayMarkers.formUnion(other.dates.dayMarkers)
        dates.monthMarkers.formUnion(other.dates.monthMarkers)
        dates.yearMarkers.formUnion(other.dates.yearMarkers)
        dates.decadeMarkers.formUnion(other.dates.decadeMarkers)
        dates.quarterMarkers.formUnion(other.dates.quarterMarkers)
        dates.yearContext.formUnion(other.dates.yearContext)
        dates.weekdays.formUnion(other.dates.weekdays)
        dates.monthNames.merge(other.dates.monthNames) { $1 }
        dates.dayTerminators.formUnion(other.dates.dayTerminators)
        times.hourMarkers.formUnion(other.times.hourMarkers)
        times.minuteMarkers.formUnion(other.times.minuteMarkers)
        times.prefixes.formUnion(other.times.prefixes)
        times.half.formUnion(other.times.half)
        times.dayPeriods.merge(other.times.dayPeriods) { $1 }
        notQuantityAfter.formUnion(other.notQuantityAfter)
        identifierParts.formUnion(other.identifierParts)
        dates.dayContext.formUnion(other.dates.dayContext)
        dates.spelledDayMarkers.formUnion(other.dates.spelledDayMarkers)
        dates.listConnectors.formUnion(other.dates.listConnectors)
        dates.dashedDaysAlone = dates.dashedDaysAlone || other.dates.dashedDaysAlone
        ordinalRankNouns.formUnion(other.ordinalRankNouns)
        ordinalWordRankNouns.formUnion(other.ordinalWordRankNouns)
        ordinalNounsBeforePrefix.formUnion(other.ordinalNounsBeforePrefix)
        ordinalDeterminers.formUnion(other.ordinalDeterminers)
        fractionFollowers.formUnion(other.fractionFollowers)
        idioms.formUnion(other.idioms)
        multiplierAlone.merge(other.multiplierAlone) { $1 }
        multiplierSuffixes.formUnion(other.multiplierSuffixes)
        multiplierComparisons.formUnion(other.multiplierComparisons)
        durationPrefixes.merge(other.durationPrefixes) { $1 }
        countNouns.formUnion(other.countNouns)
        notUnitWords.formUnion(other.notUnitWords)
        notHedges.formUnion(other.notHedges)
        weekdayBefore.formUnion(other.weekdayBefore)
        weekdayBeforeComma.formUnion(other.weekdayBeforeComma)
        weekdayAfter.formUnion(other.weekdayAfter)
        streetWords.formUnion(other.streetWords)
        numberSigns.formUnion(other.numberSigns)
        notNumberSigns.formUnion(other.notNumberSigns)
        fractionalNouns.formUnion(other.fractionalNouns)
        allOf.formUnion(other.allOf)
        multiplierPrefixes.formUnion(other.multiplierPrefixes)
        multiplierWords.merge(other.multiplierWords) { $1 }
        bareScaleOnlyQualifiers.formUnion(other.bareScaleOnlyQualifiers)
        countAfter.formUnion(other.countAfter)
        countBefore.formUnion(other.countBefore)
        rateWords.formUnion(other.rateWords)
        vagueScales.merge(other.vagueScales) { $1 }
        ages.after.formUnion(other.ages.after)
        ages.decadesAfter.formUnion(other.ages.decadesAfter)
        ages.hedgedAfter.formUnion(other.ages.hedgedAfter)
        ages.overTens.formUnion(other.ages.overTens)
        ages.appositive = ages.appositive || other.ages.appositive
        currencySubunits.merge(other.currencySubunits) { $1 }
        countOf.formUnion(other.countOf)
        countOfNeedsTotal = countOfNeedsTotal || other.countOfNeedsTotal
        yearsAlone = yearsAlone || other.yearsAlone
        standaloneTens.merge(other.standaloneTens) { $1 }
        weakHedges.formUnion(other.weakHedges)
        hedgesOnlyFor.merge(other.hedgesOnlyFor) { $1 }
        dayOrdinalsAfter.formUnion(other.dayOrdinalsAfter)
        labelsAfterWords = labelsAfterWords || other.labelsAfterWords
        valuesAfter.formUnion(other.valuesAfter)
        foreignWordNames = foreignWordNames || other.foreignWordNames
        ageWords.merge(other.ageWords) { $1 }
        times.markersLikeUnits.formUnion(other.times.markersLikeUnits)
        times.durationContext.formUnion(other.times.durationContext)
    }

    /// Checks what only the merged whole can tell: every unit phrase names a defined unit.
    public func validateReferences(file: String) throws(QuantityLexiconError) {
        for (phrase, symbol) in units.sorted(by: { $0.key < $1.key }) where unitDefinitions[symbol] == nil {
            throw QuantityLexiconError(file: file, path: "$.units[\"\(phrase)\"]",
                                       message: "unit '\(symbol)' is not defined in any unitDefinitions")
        }
        for (symbol, d) in unitDefinitions.sorted(by: { $0.key < $1.key }) {
            if let to = d.to, unitDefinitions[to] == nil || unitDefinitions[to]?.to != nil {
                throw QuantityLexiconError(file: file, path: "$.unitDefinitions[\"\(symbol)\"].to",
                                           message: "unit '\(to)' is not a defined unit of its own")
            }
        }
    }

    // MARK: Shipped files

    /// The shipped lexicon for a language (common words plus the language's file, if any).
    public static func shipped(language: String) -> QuantityLexicon {
        var lexicon = shippedFile("common") ?? QuantityLexicon()
        if let own = shippedFile(language) { lexicon.merge(own) }
        lexicon.language = language
        return lexicon
    }

    /// Languages with a shipped file of their own.
    public static let shippedLanguages = ["vi", "en", "fr", "de"]

    private static func shippedFile(_ name: String) -> QuantityLexicon? {
        guard let bytes = MekongResources.bytes("quantities/\(name).json") else { return nil }
        // The shipped files are checked by the tests; a broken one is a build defect.
        return try? parse(bytes, name: "quantities/\(name).json")
    }
}

/// A mistake in a quantity lexicon file.
public struct QuantityLexiconError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String
    public var description: String { "\(file): \(path): \(message)" }
}

/// Reads the JSON of a lexicon file, checking each key and type.
private struct LexiconReader {
    let file: String

    func fail(_ path: String, _ message: String) -> QuantityLexiconError {
        QuantityLexiconError(file: file, path: path, message: message)
    }

    func object(_ v: JSONValue, _ path: String) throws(QuantityLexiconError) -> JSONObject {
        guard let o = v.objectValue else { throw fail(path, "expected an object, found \(v.typeName)") }
        return o
    }

    func checkKeys(_ o: JSONObject, _ path: String, _ allowed: [String]) throws(QuantityLexiconError) {
        for key in o.keys where !key.hasPrefix("_") && !allowed.contains(key) {
            let hint = Suggestion.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail(path, "unknown key '\(key)'\(hint); expected one of \(allowed.joined(separator: ", "))")
        }
    }

    func flag(_ v: JSONValue?, _ path: String) throws(QuantityLexiconError) -> Bool {
        guard let v else { return false }
        guard case .bool(let b) = v else { throw fail(path, "expected true or false, found \(v.typeName)") }
        return b
    }

    func phrases(_ v: JSONValue?, _ path: String) throws(QuantityLexiconError) -> Set<String> {
        guard let v else { return [] }
        guard let a = v.arrayValue else { throw fail(path, "expected a list of phrases, found \(v.typeName)") }
        var out: Set<String> = []
        for (i, e) in a.enumerated() {
            guard let s = e.stringValue, !QuantityLexicon.key(s).isEmpty else { throw fail("\(path)[\(i)]", "expected a non-empty string, found \(e.typeName)") }
            out.insert(QuantityLexicon.key(s))
        }
        return out
    }

    func map<T>(_ v: JSONValue?, _ path: String, _ what: String, _ convert: (JSONValue) -> T?) throws(QuantityLexiconError) -> [String: T] {
        guard let v else { return [:] }
        let o = try object(v, path)
        var out: [String: T] = [:]
        for m in o where !m.key.hasPrefix("_") {
            let key = QuantityLexicon.key(m.key)
            guard !key.isEmpty else { throw fail(path, "an empty phrase") }
            guard let value = convert(m.value) else { throw fail("\(path)[\"\(m.key)\"]", "expected \(what), found \(m.value.typeName) \(m.value)") }
            out[key] = value
        }
        return out
    }

    func numbers(_ v: JSONValue?, _ path: String) throws(QuantityLexiconError) -> [String: Double] {
        try map(v, path, "a positive number") { $0.doubleValue.flatMap { $0 > 0 ? $0 : nil } }
    }

    func integers(_ v: JSONValue?, _ path: String, _ range: ClosedRange<Int>) throws(QuantityLexiconError) -> [String: Int] {
        try map(v, path, "an integer in \(range.lowerBound)…\(range.upperBound)") { $0.intValue.flatMap { range.contains($0) ? $0 : nil } }
    }

    mutating func read(_ json: JSONValue) throws(QuantityLexiconError) -> QuantityLexicon {
        let root = try object(json, "$")
        try checkKeys(root, "$", ["language", "dateOrder", "numberWords", "scales", "currencyScales", "fractions", "ordinals",
                                  "approximate", "bareScaleQualifiers", "rangeConnectors", "rangeOpeners", "currencies",
                                  "currencyConnectors", "units", "unitDefinitions", "durations", "dates", "times", "notQuantityAfter", "identifierParts",
                                  "durationPrefixes", "countNouns", "notUnitWords", "notHedges", "weekdayBefore", "weekdayBeforeComma", "weekdayAfter", "streetWords", "numberSigns", "notNumberSigns", "fractionalNouns", "multipliers", "bareScaleOnlyQualifiers", "countAfter", "countBefore", "allOf", "rateWords", "splitOpeners", "vagueScales", "idioms",
                                  "ages", "currencySubunits", "countOf", "countOfNeedsTotal", "yearsAlone",
                                  "standaloneTens", "weakHedges", "hedgesOnlyFor", "dayOrdinalsAfter", "labelsAfterWords", "valuesAfter", "foreignWordNames", "ageWords"])
        var lx = QuantityLexicon()
        if let v = root["language"] {
            guard let s = v.stringValue, !s.isEmpty else { throw fail("$.language", "expected a language code such as \"vi\"") }
            do { lx.language = try LanguageTag(parsing: s).description } catch { throw fail("$.language", error.description) }
        }
        if let v = root["dateOrder"] {
            guard let s = v.stringValue, let order = QuantityLexicon.DateOrder(rawValue: s) else {
                throw fail("$.dateOrder", "expected \"dmy\", \"mdy\" or \"ymd\"")
            }
            lx.dateOrder = order
        }
        if let v = root["numberWords"] {
            let o = try object(v, "$.numberWords")
            try checkKeys(o, "$.numberWords", ["digits", "digitsAfterTens", "tens", "tensMultiplier", "hundred", "link", "half", "point", "article", "notAfterTens", "notAlone", "neverAlone", "rangePairs"])
            var w = QuantityLexicon.NumberWords()
            w.digits = try integers(o["digits"], "$.numberWords.digits", 0...9)
            w.digitsAfterTens = try integers(o["digitsAfterTens"], "$.numberWords.digitsAfterTens", 0...9)
            w.tens = try integers(o["tens"], "$.numberWords.tens", 10...99)
            w.tensMultiplier = try phrases(o["tensMultiplier"], "$.numberWords.tensMultiplier")
            w.hundred = try phrases(o["hundred"], "$.numberWords.hundred")
            w.link = try phrases(o["link"], "$.numberWords.link")
            w.half = try phrases(o["half"], "$.numberWords.half")
            w.point = try phrases(o["point"], "$.numberWords.point")
            w.article = try phrases(o["article"], "$.numberWords.article")
            w.notAlone = try phrases(o["notAlone"], "$.numberWords.notAlone")
            w.neverAlone = try phrases(o["neverAlone"], "$.numberWords.neverAlone")
            w.rangePairs = try phrases(o["rangePairs"], "$.numberWords.rangePairs")
            w.notAfterTens = try phrases(o["notAfterTens"], "$.numberWords.notAfterTens")
            lx.numberWords = w
        }
        lx.scales = try numbers(root["scales"], "$.scales")
        lx.currencyScales = try numbers(root["currencyScales"], "$.currencyScales")
        lx.fractions = try numbers(root["fractions"], "$.fractions")
        if let v = root["ordinals"] {
            let o = try object(v, "$.ordinals")
            try checkKeys(o, "$.ordinals", ["prefixes", "words", "suffixes", "ambiguous", "rankNouns", "wordRankNouns", "nounsBeforePrefix", "determiners", "fractionFollowers"])
            lx.ordinalDeterminers = try phrases(o["determiners"], "$.ordinals.determiners")
            lx.ordinalRankNouns = try phrases(o["rankNouns"], "$.ordinals.rankNouns")
            lx.ordinalWordRankNouns = try phrases(o["wordRankNouns"], "$.ordinals.wordRankNouns")
            lx.ordinalNounsBeforePrefix = try phrases(o["nounsBeforePrefix"], "$.ordinals.nounsBeforePrefix")
            lx.ordinalPrefixes = try phrases(o["prefixes"], "$.ordinals.prefixes")
            lx.ordinalWords = try integers(o["words"], "$.ordinals.words", 1...1_000_000)
            lx.ordinalSuffixes = try phrases(o["suffixes"], "$.ordinals.suffixes")
            lx.fractionFollowers = try phrases(o["fractionFollowers"], "$.ordinals.fractionFollowers")
            lx.ordinalAmbiguous = try phrases(o["ambiguous"], "$.ordinals.ambiguous")
        }
        lx.approximate = try map(root["approximate"], "$.approximate", "a qualifier such as \"about\"") { $0.stringValue }
        lx.bareScaleQualifiers = try phrases(root["bareScaleQualifiers"], "$.bareScaleQualifiers")
        lx.rangeConnectors = try phrases(root["rangeConnectors"], "$.rangeConnectors")
        if let v = root["rangeOpeners"] {
            let o = try object(v, "$.rangeOpeners")
            for m in o where !m.key.hasPrefix("_") {
                lx.rangeOpeners[QuantityLexicon.key(m.key)] = try phrases(m.value, "$.rangeOpeners[\"\(m.key)\"]")
            }
        }
        lx.currencies = try map(root["currencies"], "$.currencies", "an ISO 4217 code such as \"USD\"") { v in
            guard let s = v.stringValue, s.utf8.count == 3, s.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
            return s
        }
        lx.currencyConnectors = try phrases(root["currencyConnectors"], "$.currencyConnectors")
        lx.units = try map(root["units"], "$.units", "a unit symbol") { $0.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        if let v = root["unitDefinitions"] {
            let o = try object(v, "$.unitDefinitions")
            for m in o where !m.key.hasPrefix("_") {
                let path = "$.unitDefinitions[\"\(m.key)\"]"
                let d = try object(m.value, path)
                try checkKeys(d, path, ["dimension", "icu", "to", "factor"])
                guard let dimension = d["dimension"]?.stringValue else { throw fail(path, "expected a \"dimension\" (length, mass, …)") }
                if let icu = d["icu"], icu.stringValue == nil { throw fail("\(path).icu", "expected a CLDR unit identifier such as \"length-kilometer\"") }
                let to = d["to"]?.stringValue
                let factor = d["factor"]?.doubleValue
                if (to == nil) != (factor == nil) || factor.map({ $0 <= 0 }) == true {
                    throw fail(path, "\"to\" (a unit symbol) and \"factor\" (a positive number) go together")
                }
                lx.unitDefinitions[m.key] = QuantityLexicon.UnitDefinition(dimension: dimension, icu: d["icu"]?.stringValue, to: to, factor: factor)
            }
        }
        lx.durations = try map(root["durations"], "$.durations", "one of \(QuantityLexicon.durationDesignators.sorted().joined(separator: ", "))") { v in
            v.stringValue.flatMap { QuantityLexicon.durationDesignators.contains($0) ? $0 : nil }
        }
        lx.durationPrefixes = try map(root["durationPrefixes"], "$.durationPrefixes", "one of \(QuantityLexicon.durationDesignators.sorted().joined(separator: ", "))") { v in
            v.stringValue.flatMap { QuantityLexicon.durationDesignators.contains($0) ? $0 : nil }
        }
        lx.countNouns = try phrases(root["countNouns"], "$.countNouns")
        lx.notUnitWords = try phrases(root["notUnitWords"], "$.notUnitWords")
        lx.notHedges = try phrases(root["notHedges"], "$.notHedges")
        lx.weekdayBefore = try phrases(root["weekdayBefore"], "$.weekdayBefore")
        lx.weekdayBeforeComma = try phrases(root["weekdayBeforeComma"], "$.weekdayBeforeComma")
        lx.weekdayAfter = try phrases(root["weekdayAfter"], "$.weekdayAfter")
        lx.streetWords = try phrases(root["streetWords"], "$.streetWords")
        lx.numberSigns = try phrases(root["numberSigns"], "$.numberSigns")
        lx.notNumberSigns = try phrases(root["notNumberSigns"], "$.notNumberSigns")
        lx.fractionalNouns = try phrases(root["fractionalNouns"], "$.fractionalNouns")
        lx.allOf = try phrases(root["allOf"], "$.allOf")
        if let v = root["multipliers"] {
            let o = try object(v, "$.multipliers")
            try checkKeys(o, "$.multipliers", ["prefixes", "words", "alone", "suffixes", "comparisons"])
            lx.multiplierAlone = try numbers(o["alone"], "$.multipliers.alone")
            lx.multiplierSuffixes = try phrases(o["suffixes"], "$.multipliers.suffixes")
            lx.multiplierComparisons = try phrases(o["comparisons"], "$.multipliers.comparisons")
            lx.multiplierPrefixes = try phrases(o["prefixes"], "$.multipliers.prefixes")
            lx.multiplierWords = try numbers(o["words"], "$.multipliers.words")
        }
        lx.bareScaleOnlyQualifiers = try phrases(root["bareScaleOnlyQualifiers"], "$.bareScaleOnlyQualifiers")
        if let v = root["ages"] {
            let o = try object(v, "$.ages")
            try checkKeys(o, "$.ages", ["after", "decadesAfter", "hedgedAfter", "overTens", "appositive"])
            lx.ages.after = try phrases(o["after"], "$.ages.after")
            lx.ages.decadesAfter = try phrases(o["decadesAfter"], "$.ages.decadesAfter")
            lx.ages.hedgedAfter = try phrases(o["hedgedAfter"], "$.ages.hedgedAfter")
            lx.ages.overTens = try phrases(o["overTens"], "$.ages.overTens")
            lx.ages.appositive = try flag(o["appositive"], "$.ages.appositive")
        }
        lx.currencySubunits = try map(root["currencySubunits"], "$.currencySubunits", "an object {\"code\": ISO 4217, \"factor\": number}") { v in
            guard let o = v.objectValue, let code = o["code"]?.stringValue, code.count == 3, let factor = o["factor"]?.doubleValue, factor > 0 else { return nil }
            return QuantityLexicon.Subunit(code: code, factor: factor)
        }
        lx.countOf = try phrases(root["countOf"], "$.countOf")
        lx.countOfNeedsTotal = try flag(root["countOfNeedsTotal"], "$.countOfNeedsTotal")
        lx.yearsAlone = try flag(root["yearsAlone"], "$.yearsAlone")
        lx.standaloneTens = try numbers(root["standaloneTens"], "$.standaloneTens")
        lx.weakHedges = try phrases(root["weakHedges"], "$.weakHedges")
        let kinds = Set(Quantity.Kind.allCases.map(\.rawValue))
        for (phrase, v) in try map(root["hedgesOnlyFor"], "$.hedgesOnlyFor", "a list of kinds (\(kinds.sorted().joined(separator: ", ")))", { v -> Set<String>? in
            guard let a = v.arrayValue else { return nil }
            let names = a.compactMap(\.stringValue)
            return names.count == a.count && names.allSatisfy(kinds.contains) ? Set(names) : nil
        }) {
            lx.hedgesOnlyFor[QuantityLexicon.key(phrase)] = v
        }
        lx.dayOrdinalsAfter = try phrases(root["dayOrdinalsAfter"], "$.dayOrdinalsAfter")
        lx.labelsAfterWords = try flag(root["labelsAfterWords"], "$.labelsAfterWords")
        lx.valuesAfter = try phrases(root["valuesAfter"], "$.valuesAfter")
        lx.foreignWordNames = try flag(root["foreignWordNames"], "$.foreignWordNames")
        lx.ageWords = try numbers(root["ageWords"], "$.ageWords")
        lx.countAfter = try phrases(root["countAfter"], "$.countAfter")
        lx.countBefore = try phrases(root["countBefore"], "$.countBefore")
        lx.rateWords = try phrases(root["rateWords"], "$.rateWords")
        lx.splitOpeners = try phrases(root["splitOpeners"], "$.splitOpeners")
        lx.vagueScales = try numbers(root["vagueScales"], "$.vagueScales")
        lx.idioms = try phrases(root["idioms"], "$.idioms")
        if let v = root["dates"] {
            let o = try object(v, "$.dates")
            try checkKeys(o, "$.dates", ["dayMarkers", "monthMarkers", "yearMarkers", "decadeMarkers", "quarterMarkers", "yearContext", "weekdays", "monthNames", "dayTerminators", "dayContext", "spelledDayMarkers", "listConnectors", "dashedDaysAlone"])
            lx.dates.dayMarkers = try phrases(o["dayMarkers"], "$.dates.dayMarkers")
            lx.dates.monthMarkers = try phrases(o["monthMarkers"], "$.dates.monthMarkers")
            lx.dates.yearMarkers = try phrases(o["yearMarkers"], "$.dates.yearMarkers")
            lx.dates.decadeMarkers = try phrases(o["decadeMarkers"], "$.dates.decadeMarkers")
            lx.dates.quarterMarkers = try phrases(o["quarterMarkers"], "$.dates.quarterMarkers")
            lx.dates.yearContext = try phrases(o["yearContext"], "$.dates.yearContext")
            lx.dates.weekdays = try phrases(o["weekdays"], "$.dates.weekdays")
            lx.dates.monthNames = try integers(o["monthNames"], "$.dates.monthNames", 1...12)
            lx.dates.dayTerminators = try phrases(o["dayTerminators"], "$.dates.dayTerminators")
            lx.dates.dayContext = try phrases(o["dayContext"], "$.dates.dayContext")
            lx.dates.spelledDayMarkers = try phrases(o["spelledDayMarkers"], "$.dates.spelledDayMarkers")
            lx.dates.listConnectors = try phrases(o["listConnectors"], "$.dates.listConnectors")
            lx.dates.dashedDaysAlone = try flag(o["dashedDaysAlone"], "$.dates.dashedDaysAlone")
        }
        if let v = root["times"] {
            let o = try object(v, "$.times")
            try checkKeys(o, "$.times", ["hourMarkers", "minuteMarkers", "prefixes", "half", "dayPeriods", "markersLikeUnits", "durationContext"])
            lx.times.markersLikeUnits = try phrases(o["markersLikeUnits"], "$.times.markersLikeUnits")
            lx.times.durationContext = try phrases(o["durationContext"], "$.times.durationContext")
            lx.times.hourMarkers = try phrases(o["hourMarkers"], "$.times.hourMarkers")
            lx.times.minuteMarkers = try phrases(o["minuteMarkers"], "$.times.minuteMarkers")
            lx.times.prefixes = try phrases(o["prefixes"], "$.times.prefixes")
            lx.times.half = try phrases(o["half"], "$.times.half")
            lx.times.dayPeriods = try map(o["dayPeriods"], "$.times.dayPeriods", "\"am\", \"pm\", \"noon\" or \"night\"") { v in
                v.stringValue.flatMap { ["am", "pm", "noon", "night"].contains($0) ? $0 : nil }
            }
        }
        lx.notQuantityAfter = try phrases(root["notQuantityAfter"], "$.notQuantityAfter")
        lx.identifierParts = try phrases(root["identifierParts"], "$.identifierParts")
        return lx
    }
}
