/// One entity mention found in a text.
public struct EntityMention: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var type: String
    public var confidence: Double
    /// A title before the name, kept out of the span (`Tổng thống`, `ông`, `CEO`).
    public var title: String?
    /// `kb` when the name is a knowledge-base alias, `pattern` when found by its shape and cues.
    public var source: String
}

/// Finds entity mentions: knowledge-base aliases first (longest match over words), then, for
/// names the knowledge base lacks, runs of capitalized words typed by cues — titles before
/// people, heads and tails of organization and place names, Vietnamese family names.
struct EntityRecognizer {
    struct Unit {
        var start: Int
        var end: Int
        var text: String
        var capitalized: Bool
        var acronym: Bool
        var sentenceStart: Bool
    }

    let kb: KnowledgeBase
    let cues: EntityCues.Language
    let language: String
    /// The units a pass works over: tokens for knowledge-base names (aliases end on token
    /// boundaries), words for capitalized runs.
    var units: [Unit]
    let tokenUnits: [Unit]
    let wordUnits: [Unit]
    let scalars: [Unicode.Scalar]
    var includeCodes = false

    static func isCode(_ id: String) -> Bool { id.hasPrefix("iso4217:") || id.hasPrefix("iso639:") || id.hasPrefix("iso15924:") }

    /// Connectors allowed inside names in Latin-script languages ("Bank of America").
    static let connectors: Set<String> = ["of", "de", "du", "des", "d'", "d’", "la", "le", "&", "and", "for", "the", "von", "der", "van"]

    init(kb: KnowledgeBase, cues: EntityCues.Language, language: String, document: Document) {
        self.kb = kb
        self.cues = cues
        self.language = language
        let view = document.view
        scalars = view.scalars
        var sentenceStarts = Set(document.layers[.sentences].map(\.start))
        if sentenceStarts.isEmpty { sentenceStarts.insert(0) }
        tokenUnits = Self.units(document.layers[.tokens], view, sentenceStarts)
        // Words for Vietnamese (a name's words are what is capitalized: "Ngân_hàng Nhà_nước"), tokens otherwise.
        let words = document.layers.layer(.words).flatMap { $0.isEmpty ? nil : $0 }
        wordUnits = words.map { Self.units($0, view, sentenceStarts) } ?? tokenUnits
        units = tokenUnits
    }

    static func units(_ layer: [Annotation], _ view: TextView, _ sentenceStarts: Set<Int>) -> [Unit] {
        var out: [Unit] = []
        out.reserveCapacity(layer.count)
        var previous: String?
        for a in layer {
            let first = view.scalars[a.start]
            let text = view.string(a.range)
            let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
            let cap = first.properties.isUppercase
            let acronym = letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
            let starts = sentenceStarts.contains(a.start) || previous.map { [".", "!", "?", ":", "\"", "“", "…", "-", "–", "("].contains($0) } ?? true
            out.append(Unit(start: a.start, end: a.end, text: text, capitalized: cap, acronym: acronym, sentenceStart: starts))
            previous = text
        }
        return out
    }

    func key(_ i: Int, _ j: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[units[i].start..<units[j - 1].end])
        return AliasKey.exact(String(v))
    }

    func text(_ i: Int, _ j: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[units[i].start..<units[j - 1].end])
        return String(v)
    }

    /// The longest cue phrase of `set` that ends right before unit `i`, as (start unit, phrase).
    func phraseEnding(before i: Int, in set: Set<String>) -> (Int, String)? {
        var best: (Int, String)?
        var k = i - 1
        while k >= 0 && i - k <= cues.longest {
            if set.contains(key(k, i)) { best = (k, text(k, i)) }
            k -= 1
        }
        return best
    }

    /// The longest cue phrase of `set` that starts at unit `i` and ends before `limit`.
    func phraseStarting(at i: Int, in set: Set<String>, limit: Int) -> Int? {
        var best: Int?
        var j = i + 1
        while j <= limit && j - i <= cues.longest {
            if set.contains(key(i, j)) { best = j }
            j += 1
        }
        return best
    }

    func recognize() throws -> [EntityMention] {
        var byTokens = self
        byTokens.units = tokenUnits
        let known = try byTokens.knowledgeBasePass()
        var byWords = self
        // A word that straddles a known name's edge ("Canada_Justin") falls back to its tokens.
        var mixed: [Unit] = []
        mixed.reserveCapacity(wordUnits.count)
        for w in wordUnits {
            let straddles = known.contains { m in m.start < w.end && w.start < m.end && !(m.start <= w.start && w.end <= m.end) }
            if straddles { mixed += tokenUnits.filter { $0.start >= w.start && $0.end <= w.end } } else { mixed.append(w) }
        }
        byWords.units = mixed
        return try (known + byWords.patternPass(taken: known)).sorted { $0.start < $1.start }
    }

    func knowledgeBasePass() throws -> [EntityMention] {
        var taken = [Bool](repeating: false, count: units.count)
        var mentions: [EntityMention] = []
        // 1. Knowledge-base aliases, longest first, from each capitalized word.
        var i = 0
        while i < units.count {
            let lowercaseHead = !units[i].capitalized && i + 1 < units.count && units[i + 1].capitalized
                && (cues.locHeads.contains(AliasKey.exact(units[i].text)) || cues.orgHeads.contains(AliasKey.exact(units[i].text)))
            guard units[i].capitalized || lowercaseHead else { i += 1; continue }
            var best: (end: Int, candidates: [KBCandidate])?
            var j = i + 1
            while j <= units.count && j - i <= 8 {
                let k = key(i, j)
                let found = try kb.candidates(exactKey: k, folded: k == AliasKey.fold(k), limit: 3)
                if !found.isEmpty { best = (j, found) }
                guard j < units.count, try kb.hasAlias(withPrefix: k) else { break }
                j += 1
            }
            guard let (end, found) = best else { i += 1; continue }
            // Codes of currencies, languages and scripts are quantities' and language stages' business.
            let candidates = includeCodes ? found : found.filter { !Self.isCode($0.id) }
            if candidates.isEmpty || (lowercaseHead && end == i + 1) { i += 1; continue }
            let single = end == i + 1
            // A one-word alias is a common word at a sentence's start ("Anh" = he, UK), and a part of
            // a longer capitalized name ("Đức" in "Nguyễn Minh Đức").
            var insideName = false
            if single {
                let cueBefore = phraseEnding(before: i, in: cues.personTitles.union(cues.orgHeads).union(cues.locHeads)) != nil
                if i > 0 && units[i - 1].capitalized && !units[i].sentenceStart && !units[i - 1].acronym && !taken[i - 1] && !cueBefore {
                    insideName = true
                } else if end < units.count && units[end].capitalized && !units[end].sentenceStart && !cueBefore {
                    // Unless a name the knowledge base knows starts there ("Mỹ Donald Trump").
                    let next = key(end, end + 1)
                    insideName = try kb.candidates(exactKey: next, folded: false, limit: 1).isEmpty && !kb.hasAlias(withPrefix: next)
                }
            }
            if single && ((units[i].sentenceStart && cues.notNames.contains(units[i].text)) || insideName) { i += 1; continue }
            let top = candidates[0]
            var m = EntityMention(start: units[i].start, end: units[end - 1].end, type: top.type,
                                  confidence: (single ? 0.75 : 0.9) - (top.folded ? 0.15 : 0), source: "kb")
            if m.type == "PER" || m.type == "MISC", let (_, title) = phraseEnding(before: i, in: cues.personTitles) {
                m.title = title
                m.type = "PER"
            }
            mentions.append(m)
            for k in i..<end { taken[k] = true }
            i = end
        }
        return mentions
    }

    func patternPass(taken known: [EntityMention]) throws -> [EntityMention] {
        var mentions: [EntityMention] = []
        let taken = units.map { u in known.contains { $0.start < u.end && u.start < $0.end } }
        // 2. Runs of capitalized words the knowledge base does not know.
        var i = 0
        while i < units.count {
            guard !taken[i], units[i].capitalized else { i += 1; continue }
            var end = i + 1
            while end < units.count, !taken[end] {
                if units[end].capitalized && !units[end].sentenceStart { end += 1; continue }
                // "Bank of America", "Ministère de la Culture"
                if language != "vi", Self.connectors.contains(units[end].text.lowercased()), end + 1 < units.count,
                   units[end + 1].capitalized, !taken[end + 1] { end += 2; continue }
                break
            }
            var start = i
            // Sentence openers that are not names ("Theo", "Trong", "The").
            while start < end, units[start].sentenceStart || start > i, cues.notNames.contains(units[start].text) { start += 1 }
            if start >= end { i = end; continue }
            // A title or a head alone ("French President", "Ủy ban") names no one.
            let whole = AliasKey.exact(text(start, end))
            if cues.personTitles.contains(whole) || cues.orgHeads.contains(whole) || cues.locHeads.contains(whole) { i = end; continue }
            var type: String?
            var confidence = 0.5
            var title: String?
            // A title inside the run ("Tổng thống Emmanuel …") or before it ("ông Tuấn").
            if let t = phraseStarting(at: start, in: cues.personTitles, limit: end - 1) {
                title = text(start, t); start = t; type = "PER"; confidence = 0.8
            } else if let (_, t) = phraseEnding(before: start, in: cues.personTitles) {
                title = t; type = "PER"; confidence = 0.8
            } else if start > 0, let place = known.last(where: { $0.end <= units[start].start }), place.type == "LOC",
                      place.end == units[start - 1].end, let k = units.firstIndex(where: { $0.start == place.start }),
                      let (_, t) = phraseEnding(before: k, in: cues.personTitles) {
                title = t + " " + String(String.UnicodeScalarView(scalars[place.start..<place.end])); type = "PER"; confidence = 0.8
            }
            if type == nil, phraseStarting(at: start, in: cues.eventHeads, limit: end) != nil || phraseEnding(before: start, in: cues.eventHeads) != nil
                || (end - start >= 2 && cues.eventTails.contains(AliasKey.exact(units[end - 1].text))) {
                type = "EVENT"; confidence = 0.75
            }
            if type == nil {
                if phraseStarting(at: start, in: cues.orgHeads, limit: end) != nil, end - start >= 2 { type = "ORG"; confidence = 0.8 }
                else if phraseStarting(at: start, in: cues.locHeads, limit: end) != nil, end - start >= 2 { type = "LOC"; confidence = 0.8 }
                else if phraseEnding(before: start, in: cues.orgHeads) != nil { type = "ORG"; confidence = 0.75 }
                else if phraseEnding(before: start, in: cues.locHeads) != nil { type = "LOC"; confidence = 0.75 }
                else if end - start >= 2, cues.orgTails.contains(AliasKey.exact(units[end - 1].text)) { type = "ORG"; confidence = 0.75 }
                else if end - start >= 2, cues.locTails.contains(AliasKey.exact(units[end - 1].text)) { type = "LOC"; confidence = 0.7 }
                else if let first = units[start].text.split(separator: " ").first, cues.familyNames.contains(String(first)),
                        (2...5).contains(syllables(start, end)) { type = "PER"; confidence = 0.75 }
            }
            let lone = end - start == 1
            if type == nil {
                // A lone capitalized word or acronym with nothing to say what it is stays out.
                if lone { i = end; continue }
                type = "MISC"; confidence = 0.4
            }
            if lone && units[start].sentenceStart && title == nil && confidence < 0.75 { i = end; continue }
            mentions.append(EntityMention(start: units[start].start, end: units[end - 1].end, type: type!, confidence: confidence,
                                          title: title, source: "pattern"))
            i = end
        }
        return mentions
    }

    func syllables(_ i: Int, _ j: Int) -> Int {
        units[i..<j].reduce(0) { $0 + $1.text.split(separator: " ").count }
    }
}
