/// Joins Vietnamese syllable tokens into words with the shipped segmenter (or a model of
/// your own), adding a `words` layer whose spans start and end on token boundaries; the
/// text is never rewritten. Numbers, URLs and other single tokens are never split. A user
/// lexicon forces its entries to be words (domain terms, names).
public struct WordsStage: Stage {
    public let name = "words"
    public let needs: [LayerName] = [.tokens]
    public let adds: [LayerName] = [.words]
    let segmenter: WordSegmenter
    /// Forced words, as normalized syllable keys.
    let forced: [[String]]
    let languages: Set<String>

    public static let descriptor = StageDescriptor(
        name: "words",
        summary: "Vietnamese word segmentation over the syllable tokens (trí tuệ nhân tạo → trí_tuệ nhân_tạo), by the shipped model or your own.",
        options: [
            OptionSpec("model", .path, help: "A model from 'mekong train segmenter' (default: the shipped model)."),
            OptionSpec("lexicon", .path, help: "Words that must be kept whole, one a line, syllables separated by spaces."),
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
            guard let shipped = WordSegmenter.shipped else { throw options.error("model", "the shipped model is missing from the build; give one") }
            segmenter = shipped
        }
        if let path = options.string("lexicon") {
            let bytes: [UInt8]
            do { bytes = try FileIO.readAll(path) } catch { throw options.error("lexicon", "cannot read it: \(error)") }
            forced = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                .map { $0.split(whereSeparator: \.isWhitespace).map { WordSegmenter.key(String($0)) } }
                .filter { $0.count > 1 }
        } else {
            forced = []
        }
        languages = Set(options.strings("languages")!)
    }

    public func process(_ document: inout Document) throws {
        let tokens = document.layers[.tokens]
        let language = document.language.map(LanguageIdentifier.primarySubtag) ?? "vi"
        var joins = [Bool](repeating: false, count: tokens.count)
        if languages.contains(language) {
            let view = document.view
            // Segment sentence by sentence when sentences are known, else paragraph by paragraph.
            let blocks = document.layers.layer(.sentences)?.map(\.range) ?? TextBlocks.paragraphs(of: document, view: view)
            var t = 0
            for block in blocks {
                while t < tokens.count, tokens[t].start < block.lowerBound { t += 1 }
                var end = t
                while end < tokens.count, tokens[end].end <= block.upperBound { end += 1 }
                guard end > t else { continue }
                var blockJoins: [Bool]
                if forced.isEmpty {
                    // Hashes straight from the code points: no string per syllable.
                    var hashes: [UInt64] = []
                    var shapes: [UInt8] = []
                    hashes.reserveCapacity(end - t)
                    shapes.reserveCapacity(end - t)
                    for token in tokens[t..<end] {
                        let (h, shape) = Self.keyHash(view.scalars[token.start..<token.end])
                        hashes.append(h)
                        shapes.append(shape)
                    }
                    blockJoins = segmenter.joins(hashes: hashes, shapes: shapes)
                } else {
                    let strings = tokens[t..<end].map { view.string($0.range) }
                    let keys = strings.map(WordSegmenter.key)
                    blockJoins = segmenter.joins(keys: keys, shapes: strings.map(WordSegmenter.shape))
                    applyLexicon(keys, &blockJoins)
                }
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
        var words: [Annotation] = []
        var i = 0
        while i < tokens.count {
            var j = i + 1
            while j < tokens.count, joins[j] { j += 1 }
            words.append(Annotation(start: tokens[i].start, end: tokens[j - 1].end, attributes: j - i > 1 ? ["syllables": .integer(j - i)] : [:]))
            i = j
        }
        document.layers.set(.words, words)
    }

    /// The segmenter's key hash and shape of a syllable, computed from its code points — the same
    /// values as `WordSegmenter.hash(WordSegmenter.key(…))` and `shape`, without building strings
    /// unless the syllable needs normalizing (NFD, old tone placement).
    static func keyHash(_ scalars: ArraySlice<Unicode.Scalar>) -> (UInt64, UInt8) {
        let classes = CharacterClass.lookup
        let shape = WordSegmenter.shape(of: scalars, classes)
        let ascii = scalars.allSatisfy(\.isASCII)
        if !ascii && TextNormalizer.mayChange(scalars, WordSegmenter.keyOptions) {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars)
            return (WordSegmenter.hash(WordSegmenter.key(String(v))), shape)
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in scalars {
            if s.isASCII {
                let b = (s.value >= 65 && s.value <= 90) ? UInt8(s.value + 32) : UInt8(s.value)
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                continue
            }
            if classes.of(s).contains(.uppercase) {
                for l in s.properties.lowercaseMapping.unicodeScalars { for b in UTF8.encode(l)! { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
            } else {
                for b in UTF8.encode(s)! { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
        }
        return (h, shape)
    }

    /// Forces the user's words: longest match wins, inside joined, at the edges apart.
    private func applyLexicon(_ keys: [String], _ joins: inout [Bool]) {
        guard !forced.isEmpty else { return }
        var i = 0
        while i < keys.count {
            var best = 0
            for entry in forced where entry.count > best && i + entry.count <= keys.count && Array(keys[i..<i + entry.count]) == entry {
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
