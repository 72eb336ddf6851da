import Foundation

/// Reads word segmentation from CoNLL-U: each token's FORM is a word whose syllables are
/// separated by spaces (UD Vietnamese-VTB).
public enum CoNLLUSegmentation {
    public static func read(_ path: String) throws -> [WordSegmenter.Example] {
        let text = String(decoding: try FileIO.readAll(path), as: UTF8.self)
        var examples: [WordSegmenter.Example] = []
        var syllables: [String] = []
        var joins: [Bool] = []
        func flush() {
            if !syllables.isEmpty { examples.append(WordSegmenter.Example(syllables: syllables, joins: joins)) }
            syllables = []
            joins = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
            for (k, syllable) in columns[1].split(separator: " ").enumerated() {
                syllables.append(String(syllable))
                joins.append(k > 0)
            }
        }
        flush()
        return examples
    }

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
