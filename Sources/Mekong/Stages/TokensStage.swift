/// Splits the text into tokens with ICU's word-break rules (dictionary-based for Thai,
/// Chinese, Japanese, Khmer, Lao and Burmese), keeping URLs, e-mail addresses, hashtags,
/// @mentions, numbers with separators and abbreviations as single tokens. White space is
/// not a token. Labels: `word`, `number`, `punct`, `symbol`, `url`, `email`, `hashtag`,
/// `mention`, `abbreviation`. For Vietnamese a word token is one syllable, joined into
/// words by a later stage.
public struct TokensStage: DeclaredStage {
    let locale: String?
    let special: SpecialTokens
    let breaker: WordBreaker

    public init(locale: String? = nil, abbreviations: Abbreviations = Abbreviations()) {
        self.init(locale: locale, abbreviations: abbreviations, engine: .native)
    }

    /// With a chosen word breaker: the differential test runs both.
    init(locale: String? = nil, abbreviations: Abbreviations = Abbreviations(), engine: WordBreaker.Engine) {
        self.locale = locale
        self.special = SpecialTokens(abbreviations: abbreviations)
        self.breaker = WordBreaker(engine: engine)
    }

    public static let descriptor = StageDescriptor(
        name: "tokens",
        summary: "Tokens from ICU's word-break rules for the document's language; URLs, e-mails, hashtags, mentions, numbers like 112,6 or 9/2, and abbreviations stay whole.",
        options: [
            OptionSpec("locale", .string, help: "ICU locale for the rules; by default the document's language."),
            OptionSpec("abbreviations", .stringList, default: [], help: "More abbreviations to keep whole with their period."),
        ],
        needs: [.text], adds: [.tokens],
        make: { options in try TokensStage(locale: options.locale("locale"), abbreviations: Abbreviations(extra: options.strings("abbreviations")!)) })

    public func process(_ document: inout Document) throws {
        let scalars = document.view.scalars
        guard scalars.count <= SpanLayer.largestOffset else {
            throw StageError(stage: name, reason: "the text has \(scalars.count) code points, more than a token layer holds (\(SpanLayer.largestOffset))")
        }
        let bounds: [WordSegment]
        do { bounds = try breaker.segments(scalars, locale: locale ?? document.language ?? "und") } catch {
            throw StageError(stage: name, reason: "\(error)")
        }
        let classes = CharacterClass.lookup
        var tokens = SpanLayer()
        let number = tokens.number(of: "number"), word = tokens.number(of: "word")
        let symbol = tokens.number(of: "symbol"), punct = tokens.number(of: "punct")
        // The spans, built here and handed to the layer in one piece.
        var spans = AppendBuffer<SpanLayer.Packed>(capacity: bounds.count / 2)
        func add(_ start: Int, _ end: Int, _ label: UInt32) {
            spans.append(SpanLayer.Packed(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), label: label))
        }
        let protected = special.scan(scalars)
        var p = 0
        var start = 0
        for b in bounds {
            let end = b.end
            defer { start = end }
            guard end > start else { continue }
            // A special span replaces the ICU tokens it overlaps; what sticks out of them on
            // either side ("500.000đ" → "500.000" + "đ") stays a token of its own.
            while p < protected.count, protected[p].range.upperBound <= start { p += 1 }
            if p < protected.count, protected[p].range.lowerBound < end {
                var cursor = start
                var q = p
                while q < protected.count, protected[q].range.lowerBound < end {
                    let span = protected[q].range
                    if span.lowerBound > cursor, let label = Self.label(scalars[cursor], classes) {
                        add(cursor, span.lowerBound, tokens.number(of: label))
                    }
                    if spans.last.map({ Int($0.end) > span.lowerBound }) != true {
                        add(span.lowerBound, span.upperBound, tokens.number(of: protected[q].label))
                    }
                    cursor = max(cursor, span.upperBound)
                    if span.upperBound > end { break }
                    q += 1
                }
                if cursor < end, let label = Self.label(scalars[cursor], classes) {
                    add(cursor, end, tokens.number(of: label))
                }
                continue
            }
            let label: UInt32
            switch b.status {
            case 100..<200: label = number
            case 200..<500: label = word
            default:
                let c = classes.of(scalars[start])
                if c.contains(.whitespace) || c.contains(.removable) { continue }
                if c.contains(.symbol) { label = symbol }
                else if c.contains(.numeric) { label = number }
                else if c.contains(.letter) { label = word }
                else { label = punct }
            }
            add(start, end, label)
        }
        tokens.append(spans)
        document.layers.set(.tokens, tokens)
    }

    /// The label of a piece of an ICU token by its first character (nil for white space).
    static func label(_ c: Unicode.Scalar, _ classes: CharacterClass.Lookup) -> String? {
        let k = classes.of(c)
        if k.contains(.whitespace) || k.contains(.removable) { return nil }
        if k.contains(.numeric) { return "number" }
        if k.contains(.letter) { return "word" }
        if k.contains(.symbol) { return "symbol" }
        return "punct"
    }
}
