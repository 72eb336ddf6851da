/// Splits the text into sentences with ICU's sentence rules for the document's language.
/// A paragraph break (a blank line, or the end of a `paragraphs` span) always ends a
/// sentence; white space around sentences is left out of their spans.
public struct SentencesStage: Stage {
    public let name = "sentences"
    public let needs: [LayerName] = [.text]
    public let adds: [LayerName] = [.sentences]
    let locale: String?

    public init(locale: String? = nil) { self.locale = locale }

    public static let descriptor = StageDescriptor(
        name: "sentences",
        summary: "Sentence boundaries from ICU's rules for the document's language; paragraph breaks always end a sentence.",
        options: [
            OptionSpec("locale", .string, help: "ICU locale for the rules; by default the document's language."),
        ],
        needs: [.text], adds: [.sentences],
        make: { options in SentencesStage(locale: options.string("locale")) })

    public func process(_ document: inout Document) throws {
        let view = TextView(document.text)
        let locale = self.locale ?? document.language ?? "und"
        var sentences: [Annotation] = []
        for block in TextBlocks.paragraphs(of: document, view: view) {
            let utf16 = Array(view.string(block).utf16)
            let bounds: [ICU.Boundary]
            do { bounds = try ICU.boundaries(.sentence, locale: locale, utf16: utf16) } catch {
                throw StageError(stage: name, reason: "\(error)")
            }
            var cursor = UTF16ToScalarCursor(utf16)
            var start = 0
            for b in bounds {
                let end = cursor.scalarOffset(b.utf16Offset)
                if let span = TextBlocks.trimmed(block.lowerBound + start..<block.lowerBound + end, in: view) {
                    sentences.append(Annotation(start: span.lowerBound, end: span.upperBound))
                }
                start = end
            }
        }
        document.layers.set(.sentences, sentences)
    }
}

/// Paragraph-sized pieces of a text, for stages that work a block at a time.
enum TextBlocks {
    /// The `paragraphs` layer when there is one, else the text split at blank lines.
    static func paragraphs(of document: Document, view: TextView) -> [Range<Int>] {
        if let layer = document.layers.layer(.paragraphs), !layer.isEmpty {
            return layer.map(\.range)
        }
        var blocks: [Range<Int>] = []
        var start = 0
        var i = 0
        let s = view.scalars
        while i < s.count {
            if s[i] == "\n" {
                var j = i + 1
                var newlines = 1
                while j < s.count, s[j].properties.isWhitespace {
                    if s[j] == "\n" { newlines += 1 }
                    j += 1
                }
                if newlines >= 2 {
                    blocks.append(start..<i)
                    start = j
                }
                i = j
            } else {
                i += 1
            }
        }
        if start < s.count { blocks.append(start..<s.count) }
        return blocks.filter { !$0.isEmpty }
    }

    /// The range without leading and trailing white space, or nil when nothing is left.
    static func trimmed(_ range: Range<Int>, in view: TextView) -> Range<Int>? {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, view.scalars[lo].properties.isWhitespace { lo += 1 }
        while hi > lo, view.scalars[hi - 1].properties.isWhitespace { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }
}
