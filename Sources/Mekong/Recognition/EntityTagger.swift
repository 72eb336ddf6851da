/// Reads a document's sentences, tokens and words as the entity model wants them, and turns
/// tag sequences back into spans of text.
struct EntityTagger {
    /// A sentence's tokens as code-point ranges of the document, and the model's view of them.
    struct Sentence {
        var tokens: [Range<Int>]
        var input: EntitySentence
    }

    /// The document's sentences as the model reads them: each sentence's tokens, each token
    /// placed in its word (the `words` layer; one word a token when there is none).
    static func sentences(of document: Document, lists: NameLists) -> [Sentence] {
        let view = document.view
        let tokens = document.layers[.tokens]
        let words = document.layers.layer(.words) ?? []
        var sentences = document.layers[.sentences].map(\.range)
        if sentences.isEmpty { sentences = [0..<document.length] }
        // Tokens by sentence (both layers are sorted).
        var grouped: [[Range<Int>]] = []
        var t = 0
        for s in sentences {
            while t < tokens.count && tokens[t].start < s.lowerBound { t += 1 }
            var group: [Range<Int>] = []
            while t < tokens.count && tokens[t].start < s.upperBound { group.append(tokens[t].range); t += 1 }
            if !group.isEmpty { grouped.append(group) }
        }
        var out: [Sentence] = []
        out.reserveCapacity(grouped.count)
        var w = 0
        for group in grouped {
            var wordOf: [Int] = []
            wordOf.reserveCapacity(group.count)
            var fallback = -1
            for r in group {
                while w < words.count && words[w].end <= r.lowerBound { w += 1 }
                if w < words.count && words[w].start <= r.lowerBound && r.upperBound <= words[w].end {
                    wordOf.append(w)
                } else {
                    wordOf.append(fallback)
                    fallback -= 1
                }
            }
            out.append(Sentence(tokens: group, input: EntitySentence(scalars: view.scalars, tokens: group, wordOf: wordOf, lists: lists)))
        }
        var inputs = out.map(\.input)
        DocumentCase.fill(&inputs)
        for n in out.indices { out[n].input = inputs[n] }
        return out
    }
}

extension EntityModel {
    /// A name the model found: code points of the document, and its type.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
        /// Its sentence (index in the `sentences` layer order the model read).
        public var sentence: Int
    }

    /// The names in a document that has `sentences`, `tokens` (and, for Vietnamese, `words`).
    public func spans(in document: Document) -> [Span] {
        var scratch = EntityScratch()
        var out: [Span] = []
        for (n, s) in EntityTagger.sentences(of: document, lists: lists).enumerated() {
            let tagged = tag(s.input, scratch: &scratch)
            for span in tags.decode(tagged) {
                out.append(Span(start: s.tokens[span.start].lowerBound, end: s.tokens[span.end - 1].upperBound, type: tags.types[span.type], sentence: n))
            }
        }
        return out
    }
}
