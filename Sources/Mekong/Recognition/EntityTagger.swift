import Foundation

/// Reads a document's sentences, tokens and words as the entity model wants them, and turns
/// tag sequences back into spans of text.
struct EntityTagger {
    /// A sentence's tokens as code-point ranges of the document, and the model's view of them.
    struct Sentence {
        var tokens: [Range<Int>]
        var input: EntitySentence
    }

    /// Calls `body` with each of the document's sentences as the model reads them: each
    /// sentence's tokens, each token placed in its word (the `words` layer; one word a token when
    /// there is none). One sentence is held at a time — a long document costs no more memory
    /// than its longest sentence — after one pass that reads how the document writes each word.
    static func forEachSentence(of document: Document, lists: NameLists, _ body: (Sentence) -> Void) {
        let view = document.view
        let scalars = view.scalars
        let tokens = document.layers.spans(.tokens)
        let words = document.layers.spans(.words)
        var sentences = document.layers.spans(.sentences).map(\.range)
        if sentences.isEmpty { sentences = [0..<document.length] }
        let documentCase = DocumentCase(scalars: scalars, tokens: tokens, sentences: sentences)
        var t = 0
        var w = 0
        var group: [Range<Int>] = []
        var wordOf: [Int] = []
        for s in sentences {
            while t < tokens.count && tokens[t].start < s.lowerBound { t += 1 }
            group.removeAll(keepingCapacity: true)
            let first = t
            while t < tokens.count && tokens[t].start < s.upperBound { group.append(tokens[t].range); t += 1 }
            guard !group.isEmpty else { continue }
            wordOf.removeAll(keepingCapacity: true)
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
            var input = EntitySentence(scalars: scalars, tokens: group, wordOf: wordOf, lists: lists, known: documentCase.keys[first..<t])
            documentCase.fill(&input)
            body(Sentence(tokens: group, input: input))
        }
    }

    /// All the sentences at once (training keeps them).
    static func sentences(of document: Document, lists: NameLists) -> [Sentence] {
        var out: [Sentence] = []
        forEachSentence(of: document, lists: lists) { out.append($0) }
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
        /// How sure the model is, 0…1, higher is surer (a ranking, not a calibrated probability):
        /// a logistic of the smallest margin, over the span's tokens, between the chosen tag's
        /// local score (its weights and the step from the tag before) and the best other tag's.
        public var confidence: Double = 1
    }

    /// The margin that reads as a confidence of 0.73 (one logistic unit): half the median
    /// margin of the training sentences' names, so a typical sure name reads about 0.9.
    static let marginScale = 10.0

    /// The names in a document that has `sentences`, `tokens` (and, for Vietnamese, `words`).
    public func spans(in document: Document) -> [Span] {
        var scratch = EntityScratch()
        var out: [Span] = []
        var n = 0
        EntityTagger.forEachSentence(of: document, lists: lists) { s in
            let tagged = tag(s.input, scratch: &scratch)
            let t = tags.count
            for span in tags.decode(tagged) {
                var margin = Float.infinity
                for i in span.start..<span.end {
                    // Each tag's local score: its emission and the step from the chosen tag before.
                    let from = (i == 0 ? 0 : tagged[i - 1] + 1) * t
                    let chosen = scratch.emissions[i * t + tagged[i]] + transitions[from + tagged[i]]
                    var other = -Float.infinity
                    for k in 0..<t where k != tagged[i] && tags.allows(i == 0 ? -1 : tagged[i - 1], k) {
                        other = max(other, scratch.emissions[i * t + k] + transitions[from + k])
                    }
                    margin = min(margin, chosen - other)
                }
                let confidence = 1 / (1 + exp(-Double(margin) / Self.marginScale))
                out.append(Span(start: s.tokens[span.start].lowerBound, end: s.tokens[span.end - 1].upperBound, type: tags.types[span.type],
                                sentence: n, confidence: (confidence * 100).rounded() / 100))
            }
            n += 1
        }
        return out
    }
}
