/// Splits the text into tokens with ICU's word-break rules (dictionary-based for Thai,
/// Chinese, Japanese, Khmer, Lao and Burmese). White space is not a token. Each token is
/// labelled `word`, `number`, `punct` or `symbol`; for Vietnamese a word token is one
/// syllable, joined into words by a later stage.
public struct TokensStage: Stage {
    public let name = "tokens"
    public let needs: [LayerName] = [.text]
    public let adds: [LayerName] = [.tokens]
    let locale: String?

    public init(locale: String? = nil) { self.locale = locale }

    public static let descriptor = StageDescriptor(
        name: "tokens",
        summary: "Tokens from ICU's word-break rules for the document's language, labelled word, number, punct or symbol.",
        options: [
            OptionSpec("locale", .string, help: "ICU locale for the rules; by default the document's language."),
        ],
        needs: [.text], adds: [.tokens],
        make: { options in TokensStage(locale: options.string("locale")) })

    public func process(_ document: inout Document) throws {
        let utf16 = Array(document.text.utf16)
        let scalars = Array(document.text.unicodeScalars)
        let bounds: [ICU.Boundary]
        do { bounds = try ICU.boundaries(.word, locale: locale ?? document.language ?? "und", utf16: utf16) } catch {
            throw StageError(stage: name, reason: "\(error)")
        }
        var cursor = UTF16ToScalarCursor(utf16)
        var tokens: [Annotation] = []
        tokens.reserveCapacity(bounds.count / 2)
        var start = 0
        for b in bounds {
            let end = cursor.scalarOffset(b.utf16Offset)
            defer { start = end }
            guard end > start else { continue }
            let label: String
            switch b.status {
            case 100..<200: label = "number"
            case 200..<500: label = "word"
            default:
                let first = scalars[start]
                if first.properties.isWhitespace { continue }
                switch first.properties.generalCategory {
                case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: label = "symbol"
                case .decimalNumber, .letterNumber, .otherNumber: label = "number"
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: label = "word"
                default: label = "punct"
                }
            }
            tokens.append(Annotation(start: start, end: end, label: label))
        }
        document.layers.set(.tokens, tokens)
    }
}
