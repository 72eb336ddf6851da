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
        /// The alias key of the unit alone.
        let key: String
        /// `KeySet.hash(key)`, made once: the passes ask key sets about each unit several times.
        let hash: UInt64
        var capitalized: Bool
        var acronym: Bool
        var sentenceStart: Bool

        init(start: Int, end: Int, key: String, capitalized: Bool, acronym: Bool, sentenceStart: Bool) {
            self.start = start
            self.end = end
            self.key = key
            hash = KeySet.hash(key)
            self.capitalized = capitalized
            self.acronym = acronym
            self.sentenceStart = sentenceStart
        }
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

    /// The most units a run of capitalized words takes before a new run starts: more than any
    /// name has, and a bound on the work and recursion of typing one.
    static let longestRun = 24

    /// Connectors allowed inside names in Latin-script languages ("Bank of America").
    static let connectors: Set<String> = ["of", "de", "du", "des", "d'", "d’", "la", "le", "&", "and", "for", "the", "von", "der", "van", "zu", "zur"]

    /// Cue sets the passes ask for together, made once.
    let orgCuesAndHeads: KeySet
    let firstWordsOfLongOrgCues: KeySet
    let locCuesAndHeads: KeySet
    let otherCues: KeySet
    let titlesAndHeads: KeySet
    let personTitles: KeySet

    /// A recognizer for the part of `document` in `range` (code points; all of it by
    /// default): only the tokens and words that start there become units, so a long document
    /// read a piece at a time holds the units of one piece.
    /// `words`: also make units of the `words` layer (the pattern pass reads them; the
    /// knowledge-base pass alone does not).
    init(kb: KnowledgeBase, cues: EntityCues.Language, language: String, document: Document, range: Range<Int>? = nil,
         sentenceStarts given: [Int]? = nil, words wantWords: Bool = true) {
        self.kb = kb
        self.cues = cues
        let sealed = cues.isSealed ? cues : cues.sealed()
        orgCuesAndHeads = sealed.orgCuesAndHeads
        firstWordsOfLongOrgCues = sealed.firstWordsOfLongOrgCues
        locCuesAndHeads = sealed.locCuesAndHeads
        otherCues = sealed.otherCues
        titlesAndHeads = sealed.titlesAndHeads
        personTitles = sealed.personTitleKeys
        self.language = language
        let view = document.view
        scalars = view.scalars
        var sentenceStarts = given ?? document.layers.spans(.sentences).map(\.start)
        if sentenceStarts.isEmpty { sentenceStarts = [0] }
        let range = range ?? 0..<document.length
        let tokens = Self.units(Self.slice(document.layers.spans(.tokens), range), view, sentenceStarts)
        tokenUnits = tokens
        // Words for Vietnamese (a name's words are what is capitalized: "Ngân_hàng Nhà_nước"), tokens otherwise.
        let words = wantWords ? document.layers.spanLayer(.words).flatMap { $0.isEmpty ? nil : $0 } : nil
        wordUnits = words.map { Self.units(Self.slice($0, range), view, sentenceStarts, tokens: tokens) } ?? tokens
        units = tokenUnits
    }

    /// The annotations of a sorted layer that start in `range`.
    static func slice(_ layer: SpanLayer, _ range: Range<Int>) -> Slice<SpanLayer> {
        func first(_ offset: Int) -> Int {
            var lo = 0, hi = layer.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if layer[mid].start >= offset { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        return layer[first(range.lowerBound)..<first(range.upperBound)]
    }

    /// The units of a layer's spans. Given the token units, a span that is one token (most
    /// words) takes its key and shape from the token's unit instead of making them again.
    static func units(_ layer: Slice<SpanLayer>, _ view: TextView, _ sentenceStarts: [Int], tokens: [Unit] = []) -> [Unit] {
        var out: [Unit] = []
        out.reserveCapacity(layer.count)
        // Whether the unit before opens a phrase (the first unit starts one).
        var afterOpener = true
        var t = 0
        // The sentence starts are in text order, as the spans are: one walk finds them.
        var s = 0
        func startsSentence(_ offset: Int) -> Bool {
            while s < sentenceStarts.count && sentenceStarts[s] < offset { s += 1 }
            return s < sentenceStarts.count && sentenceStarts[s] == offset
        }
        for var a in layer {
            while t < tokens.count, tokens[t].start < a.start { t += 1 }
            if t < tokens.count, tokens[t].start == a.start, tokens[t].end == a.end, a.label == nil {
                var unit = tokens[t]
                unit.sentenceStart = startsSentence(a.start) || afterOpener
                out.append(unit)
                afterOpener = Self.opens(view.scalars[a.start..<a.end])
                continue
            }
            // "Á." at a sentence's end came as an abbreviation: the letter is the word.
            if a.label == "abbreviation", a.end - a.start == 2, view.scalars[a.end - 1] == "." { a.end -= 1 }
            let classes = CharacterClass.lookup
            let scalars = view.scalars[a.start..<a.end]
            let first = scalars.first!
            var letters = 0
            var upper = 0
            var innerUpper = false
            var space = false
            for (n, c) in scalars.enumerated() {
                let k = classes.of(c)
                if k.contains(.alphabetic) { letters += 1 }
                if k.contains(.uppercase) { upper += 1; if n > 0 { innerUpper = true } }
                if c == " " { space = true }
            }
            // The Vietnamese treebank writes brackets as the words LBKT and RBKT: brackets, no names.
            let bracket = a.end - a.start == 4 && Self.bracketWords.contains { scalars.elementsEqual($0.unicodeScalars) }
            // "iPhone", "eBay": a capital inside a single token counts.
            let cap = !bracket && (classes.of(first).contains(.uppercase) || (!space && letters > 2 && innerUpper))
            let acronym = !bracket && letters >= 2 && upper == letters
            let starts = startsSentence(a.start) || afterOpener
            out.append(Unit(start: a.start, end: a.end, key: AliasKey.quick(scalars: scalars), capitalized: cap, acronym: acronym, sentenceStart: starts))
            afterOpener = Self.opens(scalars) || (bracket && scalars.first == "L")
        }
        return out
    }

    /// How the Vietnamese treebank writes `(` and `)`.
    static let bracketWords: Set<String> = ["LBKT", "RBKT"]

    /// Tokens after which a capital starts a phrase, as at a sentence's start.
    static let openers: Set<String> = [".", "!", "?", ":", "\"", "“", "…", "-", "–", "("]
    /// The openers' code points, searched one by one (ten compare faster than one hash).
    static let openerScalars = openers.map { $0.unicodeScalars.first! }

    /// Whether a unit's code points are one of `openers`.
    @inline(__always)
    static func opens(_ unit: ArraySlice<Unicode.Scalar>) -> Bool {
        unit.count == 1 && openerScalars.contains(unit.first!)
    }

    /// The segmenter's word list: a lone capitalized word in it is a word capitalized, not a name.
    static let segmenter = WordSegmenter.shipped

    /// A capitalized word the segmenter glued to ordinary words after it ("Tài_chính_đề_xuất"):
    /// three syllables or more, only the first capitalized, and not a word of the lexicon.
    func misjoined(_ w: Unit) -> Bool {
        guard w.capitalized else { return false }
        let written = text(of: w)
        let syllables = written.split(separator: " ")
        guard syllables.count >= 3, syllables.dropFirst().allSatisfy({ $0.first?.isLowercase == true }) else { return false }
        return Self.segmenter?.lists(written) != true
    }

    /// Whether unit `k` and the one after it make a word of the segmenter's list (`liên` `hệ`):
    /// a name does not begin or end inside such a word. False at the text's edges.
    func makesWordWithNext(_ k: Int) -> Bool {
        guard k >= 0, k + 1 < units.count, let segmenter = Self.segmenter else { return false }
        return segmenter.lists(key(k, k + 2))
    }

    /// The alias key of units [i, j): their keys joined by a space where the text has one.
    func key(_ i: Int, _ j: Int) -> String {
        if j == i + 1 { return units[i].key }
        var out = units[i].key
        for k in (i + 1)..<j {
            if units[k].start > units[k - 1].end { out += " " }
            out += units[k].key
        }
        return out
    }

    /// `KeySet.hash(key(i, j))`, from the units' keys, with no key made.
    func keyHash(_ i: Int, _ j: Int) -> UInt64 {
        if j == i + 1 { return units[i].hash }
        var h = FNV1a.seed
        for k in i..<j {
            if k > i && units[k].start > units[k - 1].end { h = FNV1a.mix(h, UInt8(ascii: " ")) }
            var key = units[k].key
            h = key.withUTF8 { $0.reduce(h, FNV1a.mix) }
        }
        return h == 0 ? 1 : h
    }

    /// Whether `set` holds `key(i, j)`: the key is made only when its hash is in the set.
    func contains(_ set: KeySet, _ i: Int, _ j: Int) -> Bool {
        set.contains(hash: keyHash(i, j)) { key(i, j) }
    }

    /// Whether a unit is a lone full stop.
    func isDot(_ unit: Unit) -> Bool { unit.end == unit.start + 1 && scalars[unit.start] == "." }

    func text(_ i: Int, _ j: Int) -> String {
        String(scalars: scalars[units[i].start..<units[j - 1].end])
    }

    /// A unit's text as written (made when asked: most units never are).
    func text(of unit: Unit) -> String {
        String(scalars: scalars[unit.start..<unit.end])
    }

    /// The longest cue phrase of `set` that ends right before unit `i`, as (start unit, phrase).
    func phraseEnding(before i: Int, in set: KeySet) -> (Int, String)? {
        var best: (Int, String)?
        var k = i - 1
        while k >= 0 && i - k <= cues.longest {
            if contains(set, k, i) { best = (k, text(k, i)) }
            k -= 1
        }
        return best
    }

    /// The longest cue phrase of `set` that starts at unit `i` and ends before `limit`.
    func phraseStarting(at i: Int, in set: KeySet, limit: Int) -> Int? {
        var best: Int?
        var j = i + 1
        while j <= limit && j - i <= cues.longest {
            if contains(set, i, j) { best = j }
            j += 1
        }
        return best
    }

    func recognize() throws -> [EntityMention] {
        var byTokens = self
        byTokens.units = tokenUnits
        let (known, blocked) = try byTokens.knowledgeBasePass()
        // Blocked spans act as taken for the pattern pass, without being reported.
        // They never overlap (each pass moves past what it takes): binary search answers for them.
        let guarded = SortedSpans(known + blocked.map { EntityMention(start: $0.lowerBound, end: $0.upperBound, type: "", confidence: 0, source: "blocked") },
                                  range: { $0.start..<$0.end })
        var byWords = self
        // A word that straddles a known name's edge ("Canada_Justin") falls back to its tokens.
        let fallsBack = wordUnits.map { w in
            misjoined(w) || guarded.overlapping(w.start..<w.end).contains { k in
                let m = guarded.elements[k]
                return !(m.start <= w.start && w.end <= m.end)
            }
        }
        var mixed: [Unit] = []
        mixed.reserveCapacity(wordUnits.count + fallsBack.count { $0 } * 4)
        for (w, back) in zip(wordUnits, fallsBack) {
            if back {
                var t = Self.firstUnit(in: tokenUnits, startingAtOrAfter: w.start)
                while t < tokenUnits.count, tokenUnits[t].start < w.end {
                    if tokenUnits[t].end <= w.end { mixed.append(tokenUnits[t]) }
                    t += 1
                }
            } else {
                mixed.append(w)
            }
        }
        byWords.units = mixed
        let (found, absorbed) = try byWords.patternPass(taken: guarded)
        let kept = known.filter { !absorbed.contains($0.start) }
        return (kept + found).sorted { $0.start < $1.start }
    }

    /// The index of the first unit that starts at or after `offset` (units are in text order).
    static func firstUnit(in units: [Unit], startingAtOrAfter offset: Int) -> Int {
        var lo = 0, hi = units.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if units[mid].start >= offset { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The index of the unit that starts at `offset`.
    func unit(startingAt offset: Int) -> Int? {
        let i = Self.firstUnit(in: units, startingAtOrAfter: offset)
        return i < units.count && units[i].start == offset ? i : nil
    }

    /// Names found in the knowledge base, and spans that must stay unnamed (currencies, languages).
    func knowledgeBasePass() throws -> (mentions: [EntityMention], blocked: [Range<Int>]) {
        var taken = [Bool](repeating: false, count: units.count)
        var mentions: [EntityMention] = []
        var blocked: [Range<Int>] = []
        // 1. Knowledge-base aliases, longest first, from each capitalized word.
        var i = 0
        while i < units.count {
            let lowercaseHead = !units[i].capitalized && opensLowerCaseName(i)
            guard units[i].capitalized || lowercaseHead else { i += 1; continue }
            var best: (end: Int, candidates: [KBCandidate])?
            var j = i + 1
            while j <= units.count && j - i <= 8 {
                let k = key(i, j)
                // Tokenized text spaces the dots inside a name ("TP . HCM", "TP .HCM"): the name
                // is also looked up with them closed, as the knowledge base writes it.
                let dotsClosed = NameVariants.closingDots(k)
                let closed = dotsClosed != k ? dotsClosed : nil
                // A one-word name counts in the text's language or English only, and in Vietnamese
                // as written: a syllable without its marks is another word (`Khang` is no `Kháng`).
                var found = try kb.candidates(exactKey: k, folded: AliasKey.foldKeeps(k) && !(j == i + 1 && language == "vi"), limit: 3,
                                              languages: j == i + 1 ? [language, "en"] : nil)
                if found.isEmpty, let closed {
                    found = try kb.candidates(exactKey: closed, folded: AliasKey.foldKeeps(closed), limit: 3, languages: nil)
                }
                // It spaces a name's hyphen too ("Thừa Thiên - Huế"), which the base may write as a space.
                let dashRead = NameVariants.hasSpacedDash(k) ? k.replacingOccurrences(of: " - ", with: " ") : nil
                if found.isEmpty, let dashRead, dashRead != k, !dashRead.hasSuffix(" -") {
                    found = try kb.candidates(exactKey: dashRead, folded: false, limit: 3, languages: nil)
                }
                if !found.isEmpty { best = (j, found) }
                guard j < units.count else { break }
                // The prefix index knows names by whole words; a unit glued to the last one ("I" "-"
                // "rắc") goes on into the same word.
                let glued = units[j].start == units[j - 1].end
                // A short head and its dot ("TP .", "Q .") go on to the name after them.
                let dotAfterHead = j <= i + 2 && NameVariants.shortHeadKeys.contains(units[i]) && isDot(units[i + 1])
                // The index's answer is enough: a wrong yes (a fingerprint collision, about once in
                // 10⁸ questions) only tries one more word, whose lookups find nothing unless the
                // name with its dots closed is an alias, and whose own prefix question stops the loop.
                guard try glued || dotAfterHead || kb.mayHaveAlias(withPrefix: k)
                        || dashRead.map({ try kb.mayHaveAlias(withPrefix: $0.hasSuffix(" -") ? String($0.dropLast(2)) : $0) }) == true else { break }
                j += 1
            }
            guard let (end, found) = best else { i += 1; continue }
            // A name that ends on a word in lower case which makes a word with the next one is
            // cut out of ordinary words (`anh Đại liên hệ` holds no Dalian).
            if end > i + 1, end < units.count, !units[end - 1].capitalized, units[end].start == units[end - 1].end + 1,
               makesWordWithNext(end - 1) {
                i += 1
                continue
            }
            // Codes of currencies, languages and scripts are quantities' and language stages' business.
            let candidates = includeCodes ? found : found.filter { !Self.isCode($0.id) }
            if candidates.isEmpty && !found.isEmpty && !lowercaseHead {
                // A currency or a language: not a mention, and not a name for the next pass either.
                blocked.append(units[i].start..<units[end - 1].end)
                i = end
                continue
            }
            if candidates.isEmpty || (lowercaseHead && end == i + 1) { i += 1; continue }
            let single = end == i + 1
            // A one-word alias is a common word at a sentence's start ("Anh" = he, UK), and a part of
            // a longer capitalized name ("Đức" in "Nguyễn Minh Đức").
            var insideName = false
            if single {
                let cueBefore = phraseEnding(before: i, in: titlesAndHeads) != nil
                if i > 0 && units[i - 1].capitalized && !units[i].sentenceStart && !units[i - 1].acronym && !taken[i - 1] && !cueBefore {
                    insideName = true
                } else if end < units.count && units[end].capitalized && !units[end].sentenceStart {
                    // Unless a name the knowledge base knows starts there ("Mỹ Donald Trump"), or a
                    // title comes first and a full name follows ("Tổng thống Mỹ JD Vance"); a single
                    // syllable after it makes one name ("ca sĩ Mỹ Tâm").
                    let next = key(end, end + 1)
                    var run = end
                    while run < units.count && units[run].capitalized && !units[run].sentenceStart { run += 1 }
                    let known = try !kb.candidates(exactKey: next, folded: false, limit: 1).isEmpty || kb.hasAlias(withPrefix: next)
                    insideName = !known && !(cueBefore && run - end >= 2)
                }
            }
            if single && ((units[i].sentenceStart && cues.notNames.contains(text(of: units[i]))) || insideName) { i += 1; continue }
            let top = candidates[0]
            // A world-scale base names thousands of small towns after common words ("Hai", "Ba",
            // "Song", "Bình Minh"): a one-word name needs a notable entity, and so does a longer
            // one that opens a sentence with its next word in lower case ("Liên quan").
            if top.prior < kb.notablePrior
                && (single || (units[i].sentenceStart && !units[i + 1].capitalized)) { i += 1; continue }
            // A head in lower case stays outside when the rest alone names the same entity
            // (`tập đoàn Intel`, `thành phố Huế`), and is part of the name when it does not
            // (`bộ Công an`, `thông tấn xã VN`). A short head is kept (`tp Hồ Chí Minh`).
            // A state's organ in lower case before a country (`chính phủ Ixraen`, though the base knows
            // `Chính phủ Israel`) is the country as a modifier, as `quân đội Pháp` is.
            var first = i
            var type = top.type
            if lowercaseHead, !NameVariants.shortHeadKeys.contains(units[i]), let h = lowerCaseHeadWords(i), i + h < end,
               case let rest = try kb.candidates(exactKey: key(i + h, end), folded: false, limit: 5) {
                if rest.contains(where: { $0.id == top.id }) {
                    first = i + h
                } else if Self.stateHeads.contains(key(i, i + h)), rest.contains(where: { $0.type == "LOC" }) {
                    first = i + h
                    type = "LOC"
                }
            }
            var m = EntityMention(start: units[first].start, end: units[end - 1].end, type: type,
                                  confidence: (single ? 0.75 : 0.9) - (top.folded ? 0.15 : 0), source: "kb")
            if m.type == "PER" || m.type == "MISC", let (_, title) = phraseEnding(before: i, in: personTitles) {
                m.title = title
                m.type = "PER"
            }
            mentions.append(m)
            for k in i..<end { taken[k] = true }
            i = end
        }
        if language == "vi", case let lower = try lowerCasePlaces(taken: taken), !lower.isEmpty {
            mentions = (mentions + lower).sorted { $0.start < $1.start }
        }
        if language == "vi", case let lower = try lowerCaseCountriesBesidePlaces(mentions, taken: taken), !lower.isEmpty {
            mentions = (mentions + lower).sorted { $0.start < $1.start }
        }
        return (mentions, blocked)
    }

    /// Whether a known name may start at unit `i`, a word in lower case: a head or cue before a
    /// capital (`bộ Công an`, `tp Hồ Chí Minh`), or a short head and its dot before a capital or a
    /// number (`tp . HCM`, `q.1`), or a district's head before its number (`quận 1`).
    func opensLowerCaseName(_ i: Int) -> Bool {
        guard i + 1 < units.count else { return false }
        func number(_ k: Int) -> Bool { CharacterClass.lookup.of(scalars[units[k].start]).contains(.numeric) }
        // Most words in lower case have more of them after: settled before any key is built.
        let n = units.count
        guard units[i + 1].capitalized || (i + 2 < n && units[i + 2].capitalized) || (i + 3 < n && units[i + 3].capitalized)
                || isDot(units[i + 1]) || number(i + 1) else { return false }
        let key = units[i].key
        if lowerCaseHeadWords(i) != nil { return true }
        if units[i + 1].capitalized {
            return key.hasSuffix(".") && NameVariants.shortHeads.contains(String(key.dropLast()))
        }
        if isDot(units[i + 1]), i + 2 < units.count, NameVariants.shortHeadKeys.contains(units[i]) {
            return units[i + 2].capitalized || number(i + 2)
        }
        return number(i + 1) && Self.numberedUnitHeads.contains(key)
    }

    /// The number of units of a head or cue word in lower case at unit `i` (`bộ`, `thông tấn
    /// xã`) that a capital follows, if there is one.
    func lowerCaseHeadWords(_ i: Int) -> Int? {
        if units[i + 1].capitalized {
            return orgCuesAndHeads.contains(units[i]) || locCuesAndHeads.contains(units[i]) ? 1 : nil
        }
        guard firstWordsOfLongOrgCues.contains(units[i]) else { return nil }
        for n in 2...3 where i + n < units.count && units[i + n].capitalized && !units[i + n - 1].capitalized {
            if contains(orgCuesAndHeads, i, i + n) { return n }
        }
        return nil
    }

    /// A state's organs, which a country after them in lower case modifies rather than names.
    static let stateHeads: Set<String> = ["chính phủ", "chính quyền", "nhà nước", "quân đội"]

    /// Heads of the units that are numbered (`quận 1`, `q.3`).
    static let numberedUnitHeads: Set<String> = ["quận", "q"]

    /// Places written in lower case (`khách từ sài gòn ra`, `đài bắc`, `ở phủ lý`): two to four
    /// syllables that are a Vietnamese name of a place, as written, diacritics and all. A
    /// notable place (a country, a province, a big city) counts anywhere; a smaller one (a
    /// district, a town: `tánh linh`, `giồng trôm`) only where a place is expected — after `ở`,
    /// `tại`, `về`, a head such as `huyện`, or in brackets or a list after a capitalized name —
    /// since many are also phrases (`chợ gạo`, `hòn đất`). Never a word of the segmenter's list
    /// (`thái bình`, `hải dương` are also common words), nor cut out of one: the syllables at
    /// its edges make no word with their neighbours (`phía nam định cư`).
    func lowerCasePlaces(taken: [Bool]) throws -> [EntityMention] {
        guard let segmenter = Self.segmenter, units.count > 1 else { return [] }
        let (notable, notableFirstWords) = try kb.placeNames(language: language, prior: max(kb.notablePrior, Self.notableLowerCase))
        let (names, firstWords) = try kb.placeNames(language: language, prior: Self.smallLowerCase)
        guard !names.isEmpty else { return [] }
        let classes = CharacterClass.lookup
        // Whether each unit is a word in lower case, letters only, not taken by a name.
        let lower = units.indices.map { k in
            !taken[k] && !units[k].capitalized && scalars[units[k].start..<units[k].end].allSatisfy { classes.of($0).contains(.alphabetic) }
        }
        func spaced(_ k: Int) -> Bool { units[k].start == units[k - 1].end + 1 }
        /// Whether a place is expected at unit `i`: after a preposition of place or a head, or
        /// after a bracket or comma that follows a capitalized name (`Thanh Hà ( mỏ cày )`).
        func placeExpected(_ i: Int) -> Bool {
            guard i > 0 else { return false }
            if Self.placeContext.contains(units[i - 1]) || locCuesAndHeads.contains(units[i - 1]) { return true }
            return i > 1 && Self.placeListMarks.contains(units[i - 1]) && units[i - 2].capitalized && !units[i - 2].sentenceStart
        }
        var mentions: [EntityMention] = []
        var i = 0
        while i + 1 < units.count {
            // A head opens no name here: `miền nam` is `nam` by the conventions, left to the model.
            guard lower[i], lower[i + 1], spaced(i + 1), firstWords.contains(units[i]) else { i += 1; continue }
            let expected = placeExpected(i)
            guard expected || notableFirstWords.contains(units[i]), !locCuesAndHeads.contains(units[i]) else { i += 1; continue }
            var end: Int?
            var j = i + 2
            while j <= min(i + 4, units.count) && lower[j - 1] && spaced(j - 1) {
                if contains(notable, i, j) || (expected && contains(names, i, j)) { end = j }
                j += 1
            }
            guard let end, !segmenter.lists(key(i, end)),
                  !makesWordWithNext(i - 1), !makesWordWithNext(end - 1) else { i += 1; continue }
            mentions.append(EntityMention(start: units[i].start, end: units[end - 1].end, type: "LOC", confidence: 0.75, source: "kb"))
            i = end
        }
        return mentions
    }

    /// A country or city of one syllable written in lower case beside a place the knowledge base
    /// knows, joined by a comma, a dash, `và` or `với` (`đánh pháp , Nhật`, `giọng huế , Quảng Bình`,
    /// `hôn nhân việt - Đài`): the pair says what the syllable is. Not a syllable that is mostly a
    /// common word (`anh`, `ý`), nor one that makes a word with its neighbour.
    func lowerCaseCountriesBesidePlaces(_ known: [EntityMention], taken: [Bool]) throws -> [EntityMention] {
        guard Self.segmenter != nil, units.count > 2 else { return [] }
        let places = known.filter { $0.type == "LOC" }
        guard !places.isEmpty else { return [] }
        let starts = Set(places.map(\.start)), ends = Set(places.map(\.end))
        let classes = CharacterClass.lookup
        var mentions: [EntityMention] = []
        for i in units.indices where !taken[i] && !units[i].capitalized {
            let besideAfter = i + 2 < units.count && Self.placeJoiners.contains(units[i + 1]) && starts.contains(units[i + 2].start)
            let besideBefore = i >= 2 && Self.placeJoiners.contains(units[i - 1]) && ends.contains(units[i - 2].end)
            guard besideAfter || besideBefore, !Self.commonPlaceSyllables.contains(units[i].key),
                  scalars[units[i].start..<units[i].end].allSatisfy({ classes.of($0).contains(.alphabetic) }),
                  !makesWordWithNext(i - 1), !makesWordWithNext(i),
                  let top = try kb.candidates(exactKey: units[i].key, folded: false, limit: 3, languages: [language]).first,
                  top.type == "LOC", top.prior >= Self.notableLowerCase else { continue }
            mentions.append(EntityMention(start: units[i].start, end: units[i].end, type: "LOC", confidence: 0.7, source: "kb"))
        }
        return mentions
    }

    /// What joins two places in a list.
    static let placeJoiners: KeySet = [",", "-", "và", "với"]
    /// One-syllable names of places that are mostly common words in lower case.
    static let commonPlaceSyllables: Set<String> = ["anh", "ý", "đức", "nam", "bắc", "tây", "đông", "trung", "hoa", "thái", "hàn", "tàu", "miên"]

    /// The least prior of a place found in lower case anywhere: provinces, countries, big
    /// cities — not a district named like a phrase (`cờ đỏ`, 0.54).
    static let notableLowerCase = 0.55
    /// The least prior of a place found in lower case where a place is expected: districts
    /// and towns of Vietnam (0.3), not the villages of the world's gazetteers (0.15).
    static let smallLowerCase = 0.25
    /// Words after which a place is expected (heads such as `huyện` come from the cues).
    static let placeContext: KeySet = ["ở", "tại", "về", "từ", "đến", "tới", "ra", "vào", "qua", "sang"]
    /// Marks between a capitalized name and a place that goes with it: brackets (the treebank
    /// writes them `LBKT`), commas, and the `-` of `Hà Nội - sài gòn`.
    static let placeListMarks: KeySet = ["(", "lbkt", ",", "-"]

    /// The names found, and the starts of knowledge-base places they took in.
    func patternPass(taken known: SortedSpans<EntityMention>) throws -> ([EntityMention], Set<Int>) {
        var mentions: [EntityMention] = []
        let taken = units.map { u in known.overlaps(u.start..<u.end) }
        let allHeads = cues.orgHeads.union(cues.locHeads).union(cues.eventHeads)
        // 2. Runs of capitalized words the knowledge base does not know.
        var i = 0
        while i < units.count {
            guard !taken[i], units[i].capitalized else { i += 1; continue }
            var end = i + 1
            // A run longer than any name is cut: typing a run looks back over it.
            while end < units.count, end - i < Self.longestRun, !taken[end] {
                if units[end].capitalized && !units[end].sentenceStart { end += 1; continue }
                // "VN-Index", "Kim Sang-sik": a hyphen glued on both sides keeps the name going.
                if text(of: units[end]) == "-", end + 1 < units.count, units[end].start == units[end - 1].end,
                   units[end + 1].start == units[end].end, !taken[end + 1],
                   text(of: units[end + 1]).first?.isLetter == true { end += 2; continue }
                // "Bank of America", "Ministère de la Culture"
                if language != "vi", Self.connectors.contains(text(of: units[end]).lowercased()), end + 1 < units.count,
                   units[end + 1].capitalized, !taken[end + 1] { end += 2; continue }
                break
            }
            for m in try typed(start: i, end: end, known: known, allHeads: allHeads) { mentions.append(m) }
            i = end
        }
        return merged(mentions, known)
    }

    /// Types a run of capitalized units [start, end), splitting off titles, cue words and a
    /// person named after an organization ("Bộ trưởng Bộ Y tế Đào Hồng Lan").
    func typed(start runStart: Int, end: Int, known: SortedSpans<EntityMention>, allHeads: Set<String>) throws -> [EntityMention] {
        var start = runStart
        // Sentence openers that are not names ("Theo", "Trong", "The").
        while start < end, cues.notNames.contains(text(of: units[start])) { start += 1 }
        guard start < end else { return [] }
        // A person named after the organization or place of a title: split at the family name
        // ("Bộ trưởng Bộ Y tế Đào Hồng Lan").
        if language == "vi", end - start >= 3 {
            for k in (start + 2)..<end where cues.familyNames.contains(text(of: units[k])) && (2...4).contains(syllables(k, end)) {
                let first = try typed(start: start, end: k, known: known, allHeads: allHeads).filter { $0.type != "PER" }
                let lead = text(start, k)
                return first + [EntityMention(start: units[k].start, end: units[end - 1].end, type: "PER", confidence: 0.8,
                                              title: lead, source: "pattern")]
            }
        }
        var type: String?
        var confidence = 0.5
        var title: String?
        // A cue word starting the run is not part of the name ("Tỉnh Thanh Hóa", "Ứng dụng ChatGPT").
        var cueEnd: Int?
        var j = start + 1
        while j < end && j - start <= cues.longest {
            if cues.typeOfCue(key(start, j)) != nil { cueEnd = j }
            j += 1
        }
        if let c = cueEnd { type = cues.typeOfCue(key(start, c)); confidence = 0.75; start = c }
        // A title inside the run ("Tổng thống Emmanuel …"), unless an organization follows it
        // ("Chủ tịch Hiệp hội Dệt may").
        if type == nil, let t = phraseStarting(at: start, in: personTitles, limit: end - 1), !startsWith(t, end, allHeads) {
            title = text(start, t); start = t; type = "PER"; confidence = 0.8
        } else if type == nil, let t = phraseStarting(at: start, in: personTitles, limit: end - 1) {
            start = t
        }
        let headed = startsWith(start, end, allHeads)
        if type == nil && !headed {
            if let (_, t) = phraseEnding(before: start, in: personTitles) {
                title = t; type = "PER"; confidence = 0.8
            } else if start > 0, let place = known.last(endingBy: units[start].start), place.type == "LOC" || place.type == "ORG",
                      place.end == units[start - 1].end, let k = unit(startingAt: place.start),
                      let (_, t) = phraseEnding(before: k, in: personTitles) {
                title = t + " " + String(scalars: scalars[place.start..<place.end]); type = "PER"; confidence = 0.8
            }
        }
        let words = syllables(start, end)
        let whole = key(start, end)
        let headAlone = allHeads.contains(whole)
        if type == nil {
            if startsWith(start, end, cues.eventHeads) && (words >= 2 || headAlone) { type = "EVENT"; confidence = 0.75 }
            else if startsWith(start, end, cues.orgHeads) && (words >= 2 || headAlone) { type = "ORG"; confidence = 0.8 }
            else if startsWith(start, end, cues.locHeads) && (words >= 2 || headAlone) { type = "LOC"; confidence = 0.8 }
            else if let (k, _) = phraseEnding(before: start, in: orgCuesAndHeads), !taken(k, known) { type = "ORG"; confidence = 0.75 }
            else if let (k, _) = phraseEnding(before: start, in: locCuesAndHeads), !taken(k, known) { type = "LOC"; confidence = 0.75 }
            else if let (k, cue) = phraseEnding(before: start, in: otherCues), !taken(k, known) {
                type = cues.typeOfCue(AliasKey.quick(cue[...])) ?? "MISC"; confidence = 0.7
            }
            else if end - start >= 2 || words >= 2, cues.orgTails.contains(units[end - 1].key) { type = "ORG"; confidence = 0.75 }
            else if end - start >= 2, cues.locTails.contains(units[end - 1].key) { type = "LOC"; confidence = 0.7 }
            else if end - start >= 2 || words >= 2, cues.eventTails.contains(units[end - 1].key) { type = "EVENT"; confidence = 0.7 }
            else if cues.familyNames.contains(text(of: units[start])), (2...5).contains(words) { type = "PER"; confidence = 0.75 }
        }
        // What follows a head alone: a known place or organization ("Đại sứ quán Pháp"), or a
        // number ("SEA Games 33"); a head with nothing after it names nothing ("Ủy ban").
        let next = end < units.count ? units[end] : nil
        let nextIsNumber = next.map { n in
            let t = text(of: n)
            return t.allSatisfy(\.isNumber) && t.count <= 4 && n.start == units[end - 1].end + 1
        } ?? false
        let nextIsKnown = next.map { n in
            known.index(startingAt: n.start).map { known.elements[$0].type == "LOC" || known.elements[$0].type == "ORG" } == true && n.start == units[end - 1].end + 1
        } ?? false
        if headAlone && !nextIsKnown && !nextIsNumber { return [] }
        if cues.personTitles.contains(whole) || cues.typeOfCue(whole) != nil { return [] }
        let lone = end - start == 1
        // A short acronym alone ("AI", "GDP") is a common noun, whatever cue came before.
        if lone, units[start].acronym, text(of: units[start]).count <= 3 { return [] }
        if type == nil {
            // A lone capitalized word stays out at a sentence's start; inside a Vietnamese sentence
            // a capitalized word that is not an ordinary word marks a name, of unknown type.
            let written = text(of: units[start])
            let ordinary = Self.segmenter?.lists(written) == true || units[start].acronym
                || written.unicodeScalars.filter(\.properties.isAlphabetic).count < 3
            if lone && (units[start].sentenceStart || language != "vi" || ordinary) { return [] }
            type = "MISC"; confidence = 0.4
        }
        if lone && units[start].sentenceStart && title == nil && confidence < 0.75 { return [] }
        // An event's or a product's number ("SEA Games 33", "VF 8").
        var last = end - 1
        if type == "EVENT" || type == "PRODUCT", nextIsNumber { last = end }
        return [EntityMention(start: units[start].start, end: units[last].end, type: type!, confidence: confidence, title: title, source: "pattern")]
    }

    /// Whether the text of units [i, end) starts with one of the phrases, word by word.
    func startsWith(_ i: Int, _ end: Int, _ phrases: Set<String>) -> Bool {
        guard i < end else { return false }
        let whole = key(i, end)
        if phrases.contains(whole) { return true }
        var prefix = ""
        for word in whole.split(separator: " ") {
            prefix = prefix.isEmpty ? String(word) : prefix + " " + word
            if prefix.count >= whole.count { break }
            if phrases.contains(prefix) { return true }
        }
        return false
    }

    func taken(_ k: Int, _ known: SortedSpans<EntityMention>) -> Bool {
        known.overlaps(units[k].start..<units[k].end)
    }

    /// An organization or event named with a place the knowledge base knows takes it in
    /// ("Đại học Quốc gia Hà Nội", "Thế vận hội Paris 2024"); the place alone is dropped.
    func merged(_ patterns: [EntityMention], _ known: SortedSpans<EntityMention>) -> ([EntityMention], Set<Int>) {
        var out = patterns
        var absorbed: Set<Int> = []
        for (n, p) in patterns.enumerated() where p.type == "ORG" || p.type == "EVENT" {
            // Only the next known span can follow across spaces alone: any later one has it in between.
            guard let place = known.first(startingAfter: p.end), place.type == "LOC" || (place.type == "ORG" && p.type == "ORG"),
                  (p.end..<place.start).allSatisfy({ scalars[$0] == " " }) else { continue }
            var m = p
            m.end = place.end
            // "… Paris 2024"
            if m.type == "EVENT", let u = unit(startingAt: place.end + 1), case let next = units[u], case let t = text(of: next), t.allSatisfy(\.isNumber), t.count == 4 {
                m.end = next.end
            }
            out[n] = m
            absorbed.insert(place.start)
        }
        return (out, absorbed)
    }

    func syllables(_ i: Int, _ j: Int) -> Int {
        units[i..<j].reduce(0) { $0 + text(of: $1).split(separator: " ").count }
    }
}

extension KeySet {
    /// Whether the set holds a unit's key (its hash made once, with the unit).
    func contains(_ unit: EntityRecognizer.Unit) -> Bool { contains(hash: unit.hash) { unit.key } }
}
