/// Joins Vietnamese syllable tokens into words with the shipped segmenter (or a model of
/// your own), adding a `words` layer whose spans start and end on token boundaries; the
/// text is never rewritten. Numbers, URLs and other single tokens are never split. A user
/// lexicon forces its entries to be words (domain terms, names).
public struct WordsStage: DeclaredStage {
    let segmenter: WordSegmenter
    /// Forced words, as their syllables' key hashes, by their first syllable's.
    let forced: [UInt64: [[UInt64]]]
    let languages: Set<String>

    public static let descriptor = StageDescriptor(
        name: "words",
        summary: "Vietnamese word segmentation over the syllable tokens (thủ đô của Việt Nam → thủ_đô của Việt_Nam), by the shipped model or your own.",
        options: [
            OptionSpec("model", .resource, help: "A model from 'mekong train segmenter' (default: the shipped model)."),
            OptionSpec("lexicon", .resource, help: "Words that must be kept whole, one a line, syllables separated by spaces."),
            OptionSpec("languages", .stringList, default: ["vi"], help: "Documents in these languages are segmented; others get one word per token."),
        ],
        needs: [.tokens], adds: [.words],
        example: ["lexicon": "domain-terms.txt"],
        make: { o in try WordsStage(options: o) })

    init(options: StageOptions) throws {
        if let path = options.string("model") {
            do { segmenter = try WordSegmenter.load(path: path) } catch {
                throw options.error("model", "\(error)")
            }
        } else {
            guard let shipped = WordSegmenter.shipped else {
                var reason = "the shipped model does not load"
                do { _ = try WordSegmenter.loadShipped() } catch { reason = "\(error)" }
                throw options.error("model", "\(reason); give a model")
            }
            segmenter = shipped
        }
        if let path = options.string("lexicon") {
            let bytes: [UInt8]
            do { bytes = try FileIO.readAll(path) } catch { throw options.error("lexicon", "cannot read it: \(error)") }
            forced = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                .map { $0.split(whereSeparator: \.isWhitespace).map { SyllableKey.of($0.unicodeScalars).hash } }
                .filter { $0.count > 1 }
                .reduce(into: [:]) { $0[$1[0], default: []].append($1) }
        } else {
            forced = [:]
        }
        languages = Set(options.strings("languages")!)
    }

    public func process(_ document: inout Document) throws {
        let tokens = document.layers.spans(.tokens)
        let language = document.language.map(LanguageIdentifier.primarySubtag) ?? "vi"
        var joins = [Bool](repeating: false, count: tokens.count)
        if languages.contains(language) {
            let view = document.view
            // Segment sentence by sentence when sentences are known, else paragraph by paragraph.
            let blocks = document.layers.spanLayer(.sentences)?.map(\.range) ?? TextBlocks.paragraphs(of: document, view: view)
            var t = 0
            // Working arrays kept across the blocks of the document.
            var sentence = SentenceContext()
            var blockJoins: [Bool] = []
            var scratch: [UInt8] = []
            let keys = SyllableKey.ofTokens(document)
            for block in blocks {
                while t < tokens.count, tokens[t].start < block.lowerBound { t += 1 }
                var end = t
                while end < tokens.count, tokens[end].end <= block.upperBound { end += 1 }
                guard end > t else { continue }
                sentence.removeAll()
                for (key, shape) in keys[t..<end] { sentence.append(key: key, shape: shape) }
                segmenter.joins(&sentence, into: &blockJoins, scratch: &scratch)
                applyLexicon(sentence.keys, &blockJoins)
                for k in 1..<max(1, blockJoins.count) where blockJoins[k] {
                    // Tokens join only across a single space (or none): a line break or a run
                    // of spaces keeps them apart whatever the model says.
                    let a = tokens[t + k - 1], b = tokens[t + k]
                    if b.start == a.end || (b.start == a.end + 1 && view.scalars[a.end].isSpace) {
                        joins[t + k] = true
                    }
                }
                t = end
            }
        }
        var words = SpanLayer(attribute: Self.syllablesAttribute)
        // Sized first: grown by doubling, a million words held room for two.
        words.reserveCapacity(tokens.count - joins.count { $0 })
        let starts = tokens.starts, ends = tokens.ends
        var i = 0
        while i < tokens.count {
            var j = i + 1
            while j < tokens.count, joins[j] { j += 1 }
            let n = j - i
            words.append(start: Int(starts[i]), end: Int(ends[j - 1]), labelNumber: 0, value: n == 1 ? nil : n)
            i = j
        }
        document.layers.set(.words, words)
    }

    /// The words layer's integer attribute: the number of syllables of a word of more than one.
    public static let syllablesAttribute = "syllables"

    /// Forces the user's words: longest match wins, inside joined, at the edges apart.
    private func applyLexicon(_ keys: [UInt64], _ joins: inout [Bool]) {
        guard !forced.isEmpty else { return }
        var i = 0
        while i < keys.count {
            var best = 0
            for entry in forced[keys[i]] ?? [] where entry.count > best && i + entry.count <= keys.count && keys[i..<i + entry.count].elementsEqual(entry) {
                best = entry.count
            }
            if best > 1 {
                if i > 0 { joins[i] = false }
                for k in (i + 1)..<(i + best) { joins[k] = true }
                if i + best < keys.count { joins[i + best] = false }
                i += best
            } else {
                i += 1
            }
        }
    }
}
