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
        forEachSentence(of: document, lists: lists, only: nil) { _, s in body(s) }
    }

    /// The same, for the sentences numbered `only` (in the order `body` would meet them; all
    /// when nil), each with its number: the others are skipped without being read.
    static func forEachSentence(of document: Document, lists: NameLists, only: Set<Int>?, _ body: (Int, Sentence) -> Void) {
        let view = document.view
        let scalars = view.scalars
        let tokens = document.layers.spans(.tokens)
        let words = document.layers.spans(.words)
        var sentences = document.layers.spans(.sentences).map(\.range)
        if sentences.isEmpty { sentences = [0..<document.length] }
        let documentCase = DocumentCase(scalars: scalars, tokens: tokens, keys: SyllableKey.ofTokens(document), sentences: sentences)
        var t = 0
        var w = 0
        var group: [Range<Int>] = []
        var wordOf: [Int] = []
        var read = 0
        for s in sentences {
            while t < tokens.count && tokens[t].start < s.lowerBound { t += 1 }
            group.removeAll(keepingCapacity: true)
            let first = t
            while t < tokens.count && tokens[t].start < s.upperBound { group.append(tokens[t].range); t += 1 }
            guard !group.isEmpty else { continue }
            let number = read
            read += 1
            if let only, !only.contains(number) { continue }
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
            body(number, Sentence(tokens: group, input: input))
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
    ///
    /// Older and tokenized text writes given names in lower case now and then (`nhắn tin hẹn gặp
    /// tuấn`, `Mẹ mất khi vy 6 tuổi`), which the model, leaning on capitals, leaves out. A word of
    /// one syllable in lower case that the model found capitalized, alone, as a person twice or
    /// more elsewhere in the document (not opening a sentence), that it leaves outside any name
    /// here but scores not far from a person's first word, is read again as if capitalized: it is
    /// a person where the model then takes it alone for one. The document's
    /// own use of the name and the model's reading of the sentence both have to agree, so an
    /// ordinary word (`bằng`, `lan` the verb) that shares a person's name stays a word.
    /// `lowerCaseNameGap`: how far below `O` the model may score `B-PER` for such a syllable.
    public func spans(in document: Document, lowerCaseNameGap: Float = EntityModel.lowerCaseNameGap) -> [Span] {
        var scratch = EntityScratch()
        var out: [Span] = []
        var n = 0
        let person = tags.types.firstIndex(of: "PER")
        let t = tags.count
        // Lower-case syllables the document also capitalizes, which the model scored near a
        // person's first word, by sentence: read again once the document's people are known.
        var lowerCaseNames: [Int: [(token: Int, key: UInt64)]] = [:]
        // The people the model found named by one syllable where a capital says something (not
        // opening a sentence): `Tuấn`, `Vy`.
        var given: [UInt64: Int] = [:]
        EntityTagger.forEachSentence(of: document, lists: lists) { s in
            let tagged = tag(s.input, scratch: &scratch)
            let found = tags.decode(tagged)
            for span in found {
                out.append(self.span(span, of: s, sentence: n, tagged: tagged, emissions: scratch.emissions))
                if span.end == span.start + 1 && span.type == person && !s.input.tokens[span.start].start {
                    given[s.input.tokens[span.start].key, default: 0] += 1
                }
            }
            if let person {
                for (i, token) in s.input.tokens.enumerated() where token.shape == SyllableKey.Shape.lower && token.wordPlace == 0
                    && token.letters >= 2 && token.documentCase & DocumentCase.capitalizedInside != 0
                    && scratch.emissions[i * t + tags.begin(person)] - scratch.emissions[i * t + EntityTags.outside] > -lowerCaseNameGap
                    && !found.contains(where: { $0.start <= i && i < $0.end }) {
                    lowerCaseNames[n, default: []].append((i, token.key))
                }
            }
            n += 1
        }
        guard let person, !lowerCaseNames.isEmpty else { return out }
        // Only the document's main people, named so twice or more; and no number: `Hai`, `Ba`,
        // `Năm` are nicknames and, far more often, numbers.
        let people = Set(given.filter { $0.value >= 2 }.keys).subtracting(Self.numberSyllables)
        lowerCaseNames = lowerCaseNames.compactMapValues { c in
            let names = c.filter { people.contains($0.key) }
            return names.isEmpty ? nil : names
        }
        guard !lowerCaseNames.isEmpty else { return out }
        var added: [Span] = []
        EntityTagger.forEachSentence(of: document, lists: lists, only: Set(lowerCaseNames.keys)) { index, s in
            let names = lowerCaseNames[index]!.map(\.token)
            var capitalized = s
            for i in names { capitalized.input.tokens[i].shape = SyllableKey.Shape.upper }
            let tagged = tag(capitalized.input, scratch: &scratch)
            for span in tags.decode(tagged) where span.type == person && span.end == span.start + 1 && names.contains(span.start) {
                added.append(self.span(span, of: s, sentence: index, tagged: tagged, emissions: scratch.emissions))
            }
        }
        return added.isEmpty ? out : (out + added).sorted { $0.start < $1.start }
    }

    /// How far below `O` the model may score `B-PER` for a lower-case syllable that is still
    /// read as a name when capitalized: a `marginScale`, the margin of a name the model is
    /// 73% sure of.
    public static let lowerCaseNameGap: Float = 10

    /// The keys of the syllables that count (`hai`, `năm`, `út`), never read as lower-case names.
    static let numberSyllables = Set(["một", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "út", "trăm", "nghìn", "ngàn"]
        .map { SyllableKey.of($0.unicodeScalars).hash })

    /// A decoded span as a span of the document's text, with the model's confidence in it.
    private func span(_ span: (start: Int, end: Int, type: Int), of s: EntityTagger.Sentence, sentence: Int,
                      tagged: [Int], emissions: [Float]) -> Span {
        let t = tags.count
        var margin = Float.infinity
        for i in span.start..<span.end {
            // Each tag's local score: its emission and the step from the chosen tag before.
            let from = (i == 0 ? 0 : tagged[i - 1] + 1) * t
            let chosen = emissions[i * t + tagged[i]] + transitions[from + tagged[i]]
            var other = -Float.infinity
            for k in 0..<t where k != tagged[i] && tags.allows(i == 0 ? -1 : tagged[i - 1], k) {
                other = max(other, emissions[i * t + k] + transitions[from + k])
            }
            margin = min(margin, chosen - other)
        }
        let confidence = 1 / (1 + exp(-Double(margin) / Self.marginScale))
        return Span(start: s.tokens[span.start].lowerBound, end: s.tokens[span.end - 1].upperBound, type: tags.types[span.type],
                    sentence: sentence, confidence: (confidence * 100).rounded() / 100)
    }
}
