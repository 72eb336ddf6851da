/// Training data for the word segmenter as the pipeline will give it text: here, above both
/// the segmenter's engine and the `tokens` stage, so that the engine need not reach up to the
/// stage.
extension CoNLLUSegmentation {
    /// The same sentences cut into the tokens the `tokens` stage makes of their text, with
    /// the gold words over them — so a model learns from what it will be given at run time
    /// (`90%` is the tokens `90` `%` inside one word, `...` one token, `TP.` one token).
    public static func retokenized(_ examples: [WordSegmenter.Example]) throws -> [WordSegmenter.Example] {
        let tokenizer = TokensStage(locale: "vi")
        return try examples.map { e in
            var text = ""
            var wordOf: [Int] = []  // per code point of the text, the gold word it belongs to (-1: a space)
            var word = -1
            for (syllable, joins) in zip(e.syllables, e.joins) {
                if !text.isEmpty { text += " "; wordOf.append(-1) }
                if !joins { word += 1 }
                text += syllable
                wordOf += Array(repeating: word, count: syllable.unicodeScalars.count)
            }
            var document = Document(id: "training", text: text)
            document.language = "vi"
            try tokenizer.process(&document)
            let view = document.view
            var syllables: [String] = []
            var joins: [Bool] = []
            var previous = -1
            for token in document.layers.spans(.tokens) {
                let w = wordOf[token.start]
                syllables.append(view.string(token.range))
                joins.append(syllables.count > 1 && w == previous)
                previous = w
            }
            return WordSegmenter.Example(syllables: syllables, joins: joins)
        }
    }
}
