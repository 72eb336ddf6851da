/// Normalizes the text through ICU — Unicode form, Vietnamese tone-mark placement, white
/// space and invisible characters, optional quote and dash unification, legacy TCVN3/VNI
/// repair — and keeps the text as ingested in the record's `revisions`, with an offset map
/// so every later span maps back to it (and, through ingestion, to the source).
public struct NormalizeStage: DeclaredStage {
    public var rewritesText: Bool { true }
    let options: NormalizationOptions

    public init(options: NormalizationOptions = NormalizationOptions()) { self.options = options }

    public static let descriptor = StageDescriptor(
        name: "normalize",
        summary: "Unicode form (NFC), Vietnamese tone marks in one style, clean white space, legacy TCVN3/VNI repair; the old text and an offset map are kept.",
        options: [
            OptionSpec("form", .choice(["NFC", "NFD", "NFKC", "NFKD", "NFKC_Casefold", "none"]), default: "NFC", help: "Unicode normalization form."),
            OptionSpec("vietnameseTones", .choice(["modern", "traditional", "keep"]), default: "modern", help: "Tone marks in oa/oe/uy: modern hóa, thủy; traditional hoá, thuỷ; keep as written."),
            OptionSpec("whitespace", .boolean, default: true, help: "Unify spaces (NBSP, thin spaces) and line breaks (CR, LS, PS); drop zero-width characters, BOMs, soft hyphens and control characters."),
            OptionSpec("collapseSpaces", .boolean, default: true, help: "Fold runs of spaces into one and blank lines into one blank line; trim the ends."),
            OptionSpec("asciiQuotes", .boolean, default: false, help: "Typographic quotes (“ ” ‘ ’ « ») to ASCII \" and '."),
            OptionSpec("asciiDashes", .boolean, default: false, help: "Dashes (– — ‒ ―) and the minus sign to ASCII -."),
            OptionSpec("legacy", .choice(["auto", "off", "tcvn3", "vni"]), default: "auto", help: "Repair TCVN3 (ABC) and VNI font mojibake: detected per document (proper Unicode is never touched), forced, or off."),
        ],
        needs: [.text], adds: [],
        example: ["vietnameseTones": "traditional", "asciiQuotes": true],
        make: { o in
            var options = NormalizationOptions()
            let form = o.string("form")!
            options.form = form == "none" ? nil : ICU.NormalizationForm(rawValue: form)
            let tones = o.string("vietnameseTones")!
            options.vietnameseTones = tones == "keep" ? nil : VietnameseToneStyle(rawValue: tones)
            options.whitespace = o.bool("whitespace")!
            options.collapseSpaces = o.bool("collapseSpaces")!
            options.asciiQuotes = o.bool("asciiQuotes")!
            options.asciiDashes = o.bool("asciiDashes")!
            options.legacy = NormalizationOptions.LegacyMode(rawValue: o.string("legacy")!)!
            return NormalizeStage(options: options)
        })

    public func process(_ document: inout Document) throws {
        let result: NormalizedText
        do { result = try TextNormalizer.normalize(document.text, options: options) } catch {
            throw StageError(stage: name, reason: "\(error)")
        }
        if let legacy = result.legacy {
            document.metadata["legacyEncoding"] = .string(legacy.rawValue)
            document.warn(stage: name, "the text was in the legacy \(legacy == .tcvn3 ? "TCVN3 (ABC)" : "VNI") font encoding and was converted to Unicode")
        }
        guard result.changes > 0 else {
            if let scalars = result.scalars { document.offerScalars(scalars) }
            return
        }
        try document.rewriteText(result.text, scalars: result.scalars, map: result.map, by: name)
    }
}
