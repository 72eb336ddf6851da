/// Identifies the language of each document (and, on request, of each paragraph) with
/// CLD2, and its script with ICU. A language the page declares (`lang="en-us"`) is a hint
/// for short or unclear text only: a Vietnamese page that says English comes out `vi`.
/// A language the input record states (JSON Lines `language`) is the user's word and is
/// kept: CLD2 guesses wrong on short sentences (`Kuala lumpur ngày thứ 39 .` reads as Malay).
public struct LanguageStage: DeclaredStage {
    public let adds: [LayerName]
    let perParagraph: Bool
    let keepGiven: Bool

    public static let languagesLayer: LayerName = "languages"

    public static let descriptor = StageDescriptor(
        name: "language",
        summary: "Language of the document (and of each paragraph on request) with a confidence, by CLD2; script by ICU. Declared languages are hints only.",
        options: [
            OptionSpec("paragraphs", .boolean, default: false, help: "Also identify each paragraph, in a 'languages' layer."),
            OptionSpec("keepGiven", .boolean, default: true, help: "Keep a language the input record states (JSON Lines 'language'); false detects it anyway and records the given one as 'givenLanguage'."),
        ],
        needs: [.text], adds: [LanguageStage.languagesLayer],
        make: { o in LanguageStage(perParagraph: o.bool("paragraphs")!, keepGiven: o.bool("keepGiven")!) })

    public init(perParagraph: Bool = false, keepGiven: Bool = true) {
        self.perParagraph = perParagraph
        self.keepGiven = keepGiven
        self.adds = perParagraph ? [Self.languagesLayer] : []
    }

    public func process(_ document: inout Document) throws {
        // A given tag that was invalid (and dropped) is no given language: detect instead.
        let given = document.metadata["languageSource"] == "given" && document.droppedLanguageTag == nil ? document.language : nil
        // Before detection, a language not given by the record is the pipeline's default.
        if !keepGiven || given == nil { detect(&document, given: given, expected: document.language) }
        if let script = LanguageIdentifier.dominantScript(document.text) { document.metadata["script"] = .string(script) }
        if perParagraph { labelParagraphs(&document) }
    }

    /// The document's language by CLD2, with the page's declared language, the language expected
    /// (the pipeline's default) and the country domain as hints; a language the record gave and CLD2 overrode is kept as `givenLanguage`.
    private func detect(_ document: inout Document, given: String?, expected: String?) {
        let declared = document.metadata["declaredLanguage"]?.stringValue.flatMap { LanguageTag($0) }
        let domain = document.metadata["url"]?.stringValue.flatMap(Self.countryDomain)
        if let guess = LanguageIdentifier.identify(document.text, declared: declared?.description, domain: domain, expected: expected) {
            document.setLanguage(guess.code, by: name)
            if let given, given != document.language { document.metadata["givenLanguage"] = .string(given) }
            if given != nil { document.metadata["languageSource"] = "detected" }
            document.metadata["languageConfidence"] = .number((guess.confidence * 100).rounded() / 100)
            document.metadata["languageReliable"] = .bool(guess.reliable)
            if !guess.alternatives.isEmpty {
                document.metadata["languageAlternatives"] = .array(guess.alternatives.map { .object(["code": .string($0.code), "percent": .integer($0.percent)]) })
            }
        } else if let declared {
            document.setLanguage(declared.language, by: name)
            document.metadata["languageConfidence"] = .number(0)
            document.metadata["languageReliable"] = false
        }
    }

    /// The `languages` layer: each paragraph's own language, the document's as the hint.
    private func labelParagraphs(_ document: inout Document) {
        let view = document.view
        var spans: [Annotation] = []
        for block in TextBlocks.paragraphs(of: document, view: view) {
            let text = view.string(block)
            let guess = LanguageIdentifier.identify(text, declared: document.language)
            let code = guess?.code ?? document.language ?? "und"
            var attributes: JSONObject = [
                "confidence": .number(((guess?.confidence ?? 0) * 100).rounded() / 100),
                "reliable": .bool(guess?.reliable ?? false),
            ]
            if let script = LanguageIdentifier.dominantScript(text) { attributes["script"] = .string(script) }
            spans.append(Annotation(start: block.lowerBound, end: block.upperBound, label: code, attributes: attributes))
        }
        document.layers.set(Self.languagesLayer, spans)
    }

    /// "vn" for https://vnexpress.vn/…, nil for generic domains.
    static func countryDomain(_ url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        guard let dot = host.lastIndex(of: ".") else { return nil }
        let tld = host[host.index(after: dot)...].lowercased()
        return tld.count == 2 ? tld : nil
    }
}
