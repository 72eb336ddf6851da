extension ModelRecognizer {
    /// Countries paired by a dash (`quan hệ Việt - Mỹ`, `kết hôn đài - Việt`, `hôn nhân việt - Đài`)
    /// are places, each of them, in whatever case the text writes them: the pair says so, where the
    /// syllable alone is as often a people (`Việt`), a word (`đài`, a radio) or a person's name.
    /// After a word of languages (`từ điển Hàn - Việt`, `song ngữ Lào - Việt`) they are the two
    /// languages, typed MISC as the conventions type languages. A pair inside a longer name
    /// (`Bệnh viện Việt - Pháp`, `hội Hữu nghị pháp - Việt`) is left to that name.
    static func countriesInPairs(_ mentions: [EntityMention], tokens: SpanLayer, sentences: SpanLayer,
                                 scalars: [Unicode.Scalar]) -> [EntityMention] {
        guard tokens.count >= 3 else { return mentions }
        var out = mentions.sorted { $0.start < $1.start }
        func text(_ i: Int) -> String { String(scalars: scalars[tokens[i].range]) }
        func key(_ i: Int) -> String { text(i).lowercased() }
        /// The mention that overlaps token `i`, if one does.
        func mention(over i: Int) -> Int? {
            let r = tokens[i].range
            var lo = 0, hi = out.count
            while lo < hi { let mid = (lo + hi) / 2; if out[mid].end > r.lowerBound { hi = mid } else { lo = mid + 1 } }
            return lo < out.count && out[lo].start < r.upperBound ? lo : nil
        }
        /// The index of the sentence that holds `offset`.
        func sentenceOf(_ offset: Int) -> Int {
            var lo = 0, hi = sentences.count
            while lo < hi { let mid = (lo + hi) / 2; if sentences[mid].start <= offset { lo = mid + 1 } else { hi = mid } }
            return lo - 1
        }
        func capitalized(_ i: Int) -> Bool { scalars[tokens[i].start].properties.isUppercase }
        /// Whether token `i` is capitalized and does not open its sentence or a quote.
        func capitalizedInside(_ i: Int) -> Bool {
            guard capitalized(i), i > 0, sentenceOf(tokens[i].start) == sentenceOf(tokens[i - 1].start) else { return false }
            return !EntitySentence.opens(scalars[tokens[i - 1].range])
        }
        var added: [EntityMention] = []
        for dash in 1..<(tokens.count - 1) where scalars[tokens[dash].range].elementsEqual(["-"]) {
            let pair = [dash - 1, dash + 1]
            guard pair.allSatisfy({ Self.pairedCountries.contains(key($0)) }), key(dash - 1) != key(dash + 1),
                  sentenceOf(tokens[dash - 1].start) == sentenceOf(tokens[dash + 1].start) else { continue }
            // Each side is free, or a mention of exactly that syllable.
            let over = pair.map(mention(over:))
            guard zip(pair, over).allSatisfy({ i, m in m.map { out[$0].start == tokens[i].start && out[$0].end == tokens[i].end } ?? true }) else { continue }
            let before = dash >= 2 ? dash - 2 : nil
            // Inside a name: a capitalized word right before the pair that does not open its
            // sentence (`Trường Việt - Úc`), or a capitalized head and its second syllable
            // (`Bệnh viện Việt - Pháp`).
            if let b = before, capitalizedInside(b) || (b >= 1 && !capitalized(b) && capitalizedInside(b - 1)) { continue }
            let languages = before.map { Self.languageWords.contains(key($0)) } ?? false
            let type = languages ? "MISC" : "LOC"
            for (i, m) in zip(pair, over) {
                if let m {
                    out[m].type = type
                } else {
                    added.append(EntityMention(start: tokens[i].start, end: tokens[i].end, type: type, confidence: 0.7, source: "kb"))
                }
            }
        }
        return added.isEmpty ? out : (out + added).sorted { $0.start < $1.start }
    }

    /// One-syllable short forms of countries that pair with a dash (`Việt - Mỹ`), lower case.
    static let pairedCountries: Set<String> = ["việt", "mỹ", "pháp", "nhật", "trung", "hàn", "đài", "lào", "nga", "anh",
                                               "đức", "úc", "thái", "miên", "tàu", "ý", "bỉ", "miến", "xiêm"]
    /// Words right before a pair that make it two languages (`từ điển`, `song ngữ`, `dịch`).
    static let languageWords: Set<String> = ["điển", "ngữ", "dịch", "tiếng"]
}
