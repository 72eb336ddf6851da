import Synchronization

/// Finds numbers, money, percentages, measures, dates, times, durations, ordinals and ranges
/// over the tokens, with exact spans and normalized values (`112,6 tỷ USD` → money 1.126×10¹¹
/// USD; `30 - 50 tỷ Euro` → a range of money; `hôm 9/2` → date `--02-09`). The words come from
/// data files per language, shipped (vi, en, fr, de) and the user's own, plus CLDR through
/// ICU for every language ICU knows.
public struct QuantitiesStage: DeclaredStage {
    let language: String?
    let targets: [String]
    let tables: QuantityTablesCache

    public static let descriptor = StageDescriptor(
        name: "quantities",
        summary: "Numbers, money, percentages, measures, dates, times, durations, ordinals and ranges with their values (ISO 4217 codes, unit symbols, ISO 8601 dates).",
        options: [
            OptionSpec("language", .string, help: "Read every document as this language; by default the document's own language (Vietnamese when unknown)."),
            OptionSpec("lexicons", .resourceList, default: [], help: "Your own quantity word files (JSON, the shape of Resources/quantities/vi.json), relative to the pipeline file; a file with a \"language\" applies to that language only."),
            OptionSpec("targets", .stringList, default: [], help: "Locales to render each quantity in for translators, e.g. [\"en\", \"fr\"] → \"€109 billion\", \"109 milliards €\"."),
        ],
        needs: [.text, .tokens], adds: [.quantities],
        example: ["targets": ["en", "fr"]],
        make: { options in try QuantitiesStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        language = try options.languageTag("language")
        targets = try options.languageTags("targets")!
        var extra: [QuantityLexicon] = []
        for (n, path) in options.strings("lexicons")!.enumerated() {
            // The loader resolved and checked the path.
            do { extra.append(try QuantityLexicon.load(path: path)) } catch {
                throw PipelineError(path: "\(options.path).lexicons[\(n)]", message: error.description)
            }
        }
        do { tables = extra.isEmpty ? QuantityTablesCache.shipped : try QuantityTablesCache(extra: extra) } catch {
            throw PipelineError(path: "\(options.path).lexicons", message: error.description)
        }
    }

    /// A stage with the shipped words and, optionally, more lexicons (for code and tests).
    /// `language` and `targets` must be valid BCP 47 tags.
    public init(language: String? = nil, targets: [String] = [], lexicons: [QuantityLexicon] = []) throws(QuantityLexiconError) {
        func tag(_ text: String, _ path: String) throws(QuantityLexiconError) -> String {
            do { return try LanguageTag(parsing: text).description } catch {
                throw QuantityLexiconError(file: "quantities", path: path, message: error.description)
            }
        }
        self.language = try language.map { l throws(QuantityLexiconError) in try tag(l, "language") }
        var checked: [String] = []
        for (n, t) in targets.enumerated() { checked.append(try tag(t, "targets[\(n)]")) }
        self.targets = checked
        tables = lexicons.isEmpty ? QuantityTablesCache.shipped : try QuantityTablesCache(extra: lexicons)
    }

    public func process(_ document: inout Document) throws {
        let lang = language ?? document.language.map(LanguageIdentifier.primarySubtag) ?? "vi"
        let found = quantities(in: document, language: lang)
        let table = tables.tables(for: lang)
        let view = document.view
        document.layers.quantities = found.map { q in
            // Numbers are numbers; a date, time or duration also has its normal form.
            let ofDurations = q.kind == .duration || q.rangeOf == .duration
            let unit = ofDurations ? q.unit.flatMap(Quantity.durationUnit) : nil
            let factor = unit?.factor ?? 1
            return QuantityAnnotation(
                start: q.start, end: q.end, text: view.string(q.start..<q.end), kind: q.kind.rawValue,
                value: q.value.map { $0 * factor }, min: q.min.map { $0 * factor }, max: q.max.map { $0 * factor },
                normal: q.normal, of: q.rangeOf?.rawValue, unit: unit?.word ?? q.unit, approximate: q.approximate,
                qualifier: q.qualifier,
                renderings: targets.compactMap { t in QuantityRendering.render(q, locale: t, tables: table).map { (t, $0) } })
        }
    }

    /// The quantities of a document read as `language` (its tokens layer must exist).
    public func quantities(in document: Document, language: String) -> [Quantity] {
        let scalars = document.view.scalars
        let table = tables.tables(for: language)
        let tokens = QuantityTokenizer.tokens(scalars, document.layers.spans(.tokens), vocabulary: table.vocabulary)
        return QuantityRecognizer(tables: table, scalars: scalars, tokens: tokens).recognize()
    }

    /// Integral values as JSON integers (money in đồng runs past 2³¹ but stays exact).
}

/// The compiled tables per language, built on first use and shared by all workers.
final class QuantityTablesCache: Sendable {
    private let extra: [QuantityLexicon]
    /// The shipped words only: one for the whole process, so every pipeline shares its tables.
    static let shipped = try! QuantityTablesCache(extra: [])
    private let cache = Mutex<[String: QuantityTables]>([:])

    init(extra: [QuantityLexicon]) throws(QuantityLexiconError) {
        self.extra = extra
        // Check the user's files against the words they extend, before any document.
        for (n, lexicon) in extra.enumerated() {
            let languages = lexicon.language.map { [$0] } ?? QuantityLexicon.shippedLanguages
            for language in languages {
                try merged(language).validateReferences(file: "lexicons[\(n)] (\(language))")
            }
        }
    }

    /// Languages with locale data of their own: the shipped lexicons' and ICU's.
    private static let languagesWithData: Set<String> = Set(QuantityLexicon.shippedLanguages)
        .union(CLDR.localesWithoutRegion.map { LanguageIdentifier.primarySubtag($0) })

    func dataLanguage(_ language: String) -> String {
        Self.languagesWithData.contains(language) || extra.contains(where: { $0.language == language }) ? language : "und"
    }

    private func merged(_ language: String) -> QuantityLexicon {
        var lexicon = QuantityLexicon.shipped(language: language)
        for e in extra where e.language == nil || e.language == language { lexicon.merge(e) }
        lexicon.language = language
        return lexicon
    }

    /// The tables for `language`; a language with neither shipped words nor ICU locale data
    /// reads with the root locale's, so the cache holds at most one table per language ICU
    /// knows whatever the documents declare.
    func tables(for language: String) -> QuantityTables {
        let language = dataLanguage(language)
        if let t = cache.withLock({ $0[language] }) { return t }
        // Built outside the lock (it asks ICU for a few thousand strings); a rare double build is harmless.
        let built = QuantityTables(language: language, lexicon: merged(language))
        return cache.withLock { c in
            if let t = c[language] { return t }
            c[language] = built
            return built
        }
    }
}
