/// Links mentions to knowledge-base entities: candidates from the alias index, scored by
/// popularity, type agreement, overlap of the document's words with the entity's names and
/// descriptions, and coherence with the document's other links; below a threshold a mention is
/// NIL, and the same NIL name in a document is one cluster. A person named again by a part
/// of the name ("Macron" after "Emmanuel Macron") takes the earlier link.
struct EntityLinker {
    struct Link {
        var id: String?
        var score: Double
        var names: [String: String]
        var cluster: String?
        /// The entity's type when it overrules the recognizer's (`retypes(from:to:)`).
        var type: String?
    }

    let kb: KnowledgeBase
    let language: String
    let targets: [String]
    let threshold: Double

    /// The longest ending of a person's name (in words) remembered for later mentions.
    static let longestRememberedName = 8

    /// Links the mentions in document order. Work per mention does not grow with the document:
    /// earlier people are found by the ending of their names in a table, and what the
    /// knowledge base answers for a name or an entity is asked once per document.
    /// Words before a name that make it the name of a language (`tiếng Anh`, `tiếng Việt`).
    static let languageWords: Set<String> = ["tiếng", "chữ"]
    /// Heads the annotation conventions leave outside a place's span but that the place's own
    /// name holds (`miền Bắc` → Northern Vietnam, `sông Hồng`, `biển Đông`, `đèo Hải Vân`): the
    /// head and the name are looked up together first.
    static let placeHeads: Set<String> = ["miền", "sông", "biển", "vịnh", "đèo", "núi", "hồ", "đảo", "cầu", "chợ", "cảng", "dãy", "cao nguyên", "bán đảo"]
    /// Words that put a street, not a person, after them (`ở Nguyễn Huệ`, `góc Lê Lợi`).
    static let streetPrepositions: Set<String> = ["ở", "tại", "đến", "tới", "về", "qua", "ra", "vào", "từ", "trên", "dọc", "góc", "ngã", "sang", "lên", "xuống"]

    /// Kinship words and pronouns Vietnamese puts before a person's name.
    static let kinshipWords: Set<String> = ["anh", "chị", "em", "ông", "bà", "cô", "chú", "bác", "cụ", "cháu", "thím", "dì", "mợ",
                                            "cậu", "bé", "thằng", "lão", "mụ", "con", "o", "dượng"]

    /// Words after which a name is where something happens (`ở Viên`, `sang Pari`).
    static let placePrepositions: Set<String> = ["ở", "tại", "sang", "tới", "đến"]

    /// The word of worship (`thờ`, also ending `phụng thờ`, `tôn thờ`): the name after it is whom a
    /// temple or an altar honours.
    static let worshipWords: Set<String> = ["thờ"]

    /// Words before a person's name that make it the name of a street, a school, a tomb or a
    /// prize named after the person (`phố Nguyễn Thái Học`, `trường chuyên Phan Bội Châu`).
    static let namedAfterHeads: Set<String> = ["đường", "phố", "ngõ", "hẻm", "trường", "lăng", "đền", "giải", "quận", "phường", "xã", "huyện", "làng", "cầu", "chợ", "bến", "tàu", "công viên", "quảng trường", "bệnh viện", "nhà văn hóa"]
    /// Words of direction that make a region of a place, not a facility in it.
    static let compassWords: Set<String> = ["bắc", "nam", "đông", "tây", "miền", "vùng", "phía", "đông bắc", "tây bắc", "đông nam", "tây nam"]
    /// Words before a bare `Bắc`, `Trung` or `Nam` that make it a region of the country, as
    /// `miền` does (`giọng Bắc` a northern accent, `ra Bắc`, `vào Nam`, `đất Bắc`).
    static let regionCues: Set<String> = ["giọng", "ra", "vào", "đất", "dân"]

    /// Words before the name of a people (`người Hoa`, `dân tộc Tày`, `đồng bào Chăm`) or a storm (`bão Linda`).
    static let peopleAndStormWords: Set<String> = ["người", "dân tộc", "đồng bào", "cộng đồng người", "gốc", "bão", "cơn bão", "siêu bão"]

    /// `before`: up to three words before each mention, as written, the nearest last.
    func link(_ mentions: [(text: String, type: String, before: [String])], documentWords: DocumentWords) throws -> [Link] {
        var links: [Link] = []
        var linkedIDs: [String: Int] = [:]
        var nilClusters: [String: String] = [:]
        // The people met so far (their link and how often the document named them), and by the
        // endings of their names (fewer words than the name has): a part of a name is the most
        // named of them, then the surer link, then the latest ("Bush" after "George W. Bush" four
        // times and "Jeb Bush" once is George W. Bush).
        var people: [(link: Link, mentions: Int)] = []
        var personByReferent: [String: Int] = [:]
        var peopleByEnding: [[Substring]: [Int]] = [:]
        func salient(_ ids: [Int]) -> Int {
            ids.max { (people[$0].mentions, people[$0].link.score, $0) < (people[$1].mentions, people[$1].link.score, $1) }!
        }
        var peopleByFirstWord: [Substring: Link] = [:]
        var candidatesByKey: [String: [KBCandidate]] = [:]
        var overlapByID: [String: Double] = [:]
        var labelsByID: [String: [String: String]] = [:]
        let cues = EntityCues.shipped.cues(for: language)
        let orgHeads = cues.orgHeads
        // Organizations named in full with their head (`Bệnh viện Bạch Mai`), by the rest of the
        // name (`bạch mai`): the short form the document goes on to use.
        var organizationsByShortForm: [String: Link] = [:]
        // Whether each mention is foreign-shaped, read when first asked.
        var foreignByMention = [Bool?](repeating: nil, count: mentions.count)
        func foreignShaped(_ i: Int) -> Bool {
            if let known = foreignByMention[i] { return known }
            let foreign = Self.foreignShaped(mentions[i].text)
            foreignByMention[i] = foreign
            return foreign
        }
        for (i, m) in mentions.enumerated() {
            // Text from the normalize stage needs no normalization pass; other text gets one when
            // its quick key finds nothing.
            var key = AliasKey.quick(m.text[...])
            // A language named with `tiếng` is that language whatever its popularity.
            var named = false
            // A people named with `người` (`người Hoa`, `người Tày`) or a storm with `bão` (`bão
            // Linda`) is that people or storm whatever the recognizer took the word for: `Hoa`,
            // `Thái` and `Linda` are given names too.
            var ethnonym = false
            // Up to three words before the mention, the nearest last.
            let written = m.before
            let preceding = written.map { AliasKey.quick($0[...]) }
            // "tiếng Anh": the language named "Tiếng Anh", when the knowledge base has one.
            if let before = preceding.last, Self.languageWords.contains(before) {
                let phrase = before + " " + key
                let languages = try kb.candidates(exactKey: phrase, folded: false, limit: 3).filter { $0.id.hasPrefix("iso639:") }
                if !languages.isEmpty { key = phrase; candidatesByKey[key] = languages; named = true }
            } else if m.type == "LOC", let head = Self.placeHead(preceding) {
                let phrase = head + " " + key
                let places = try kb.candidates(exactKey: phrase, folded: false, limit: 3).filter { $0.type == "LOC" }
                if !places.isEmpty { key = phrase; candidatesByKey[key] = places }
            } else if !preceding.isEmpty {
                // The conventions leave a title or head outside the span ("bác Hồ", "chùa Hương",
                // "sân bay Tân Sơn Nhất"); a name the knowledge base holds with it is the more precise.
                // It wins unless the name alone has a more popular reading; the longest head first.
                var alone: [KBCandidate]?
                for n in stride(from: preceding.count, through: 1, by: -1) {
                    let phrase = preceding.suffix(n).joined(separator: " ") + " " + key
                    let found = try kb.candidates(exactKey: phrase, folded: false, limit: 3)
                    if found.isEmpty { continue }
                    // A named thing the words make is not the place or person they name (`chống Mỹ`
                    // is in the war's names, `Mỹ` is still the country), and a name that has a reading
                    // of its own type keeps it (`quân đội Mỹ`: the country, not the army).
                    if Self.peopleAndStormWords.contains(preceding.suffix(n).joined(separator: " ")), case let groups = found.filter({ $0.type == "MISC" }), !groups.isEmpty {
                        key = phrase
                        candidatesByKey[key] = groups
                        ethnonym = true
                        break
                    }
                    let bare = try alone ?? kb.candidates(exactKey: key, folded: false, limit: 3)
                    alone = bare
                    let ownType = bare.contains { $0.type == m.type }
                    let known = found.filter { Self.compatible($0.type, m.type) && ($0.type != "MISC" || m.type == "MISC") && ($0.type == m.type || !ownType) }
                    guard let top = known.first else { continue }
                    // A Vietnamese head in lower case names a facility apart from its place (`ga Sài
                    // Gòn`, `lăng Tự Đức`, `sân Mỹ Đình`): the name with it wins however popular the
                    // place. Not a compass word: `bắc Việt Nam` is still the country, as is English's
                    // `northern Vietnam`.
                    let lowerHead = language == "vi" && written.suffix(n).allSatisfy { $0.first?.isLowercase == true }
                        && !Self.compassWords.contains(preceding.suffix(n).first!)
                    if lowerHead || top.prior >= (bare.first?.prior ?? 0) {
                        key = phrase
                        candidatesByKey[key] = known
                    }
                    break
                }
            }
            var candidates: [KBCandidate]
            if let known = candidatesByKey[key] { candidates = known } else {
                candidates = try kb.candidates(exactKey: key, folded: true, limit: 10)
                if candidates.isEmpty, case let exact = AliasKey.exact(m.text), exact != key {
                    candidates = try kb.candidates(exactKey: exact, folded: true, limit: 10)
                }
                // `tp Hồ Chí Minh`, `TP . HCM`, `ĐH Bách khoa`, `Thừa Thiên - Huế`: the name spelled another way.
                for other in NameVariants.alternatives(of: key) where candidates.isEmpty {
                    candidates = try kb.candidates(exactKey: other, folded: true, limit: 10)
                }
                candidatesByKey[key] = candidates
            }
            let words = key.split(separator: " ")
            // A part of an earlier person's name: its ending ("Macron", "ông Minh"), or for a single
            // word its first word, as Chinese and Korean names are shortened ("ông Tập", "ông Lee").
            if m.type == "PER" || candidates.isEmpty, let earlier = peopleByEnding[words] {
                let p = salient(earlier)
                people[p].mentions += 1
                links.append(people[p].link)
                continue
            }
            // The short form of an organization the document named in full (`Bạch Mai` after
            // `Bệnh viện Bạch Mai`) is that organization, unless the short form is itself a place
            // of note (`Huế` after `Đại học Huế` is the city). A name of two words or more taken
            // for a person is the organization too, unless a title or kinship word says it is a
            // person (`bác sĩ Trâm của Từ Dũ`, but `chị Bạch Mai`).
            let personByTitle = preceding.last.map { cues.isPersonTitle($0) || Self.kinshipWords.contains($0) } ?? false
            if m.type != "PER" || (words.count >= 2 && !personByTitle), let earlier = organizationsByShortForm[key],
               !candidates.contains(where: { $0.type == "LOC" && !$0.folded && $0.prior >= 0.5 }) {
                var link = earlier
                link.type = m.type == "ORG" ? nil : "ORG"
                links.append(link)
                continue
            }
            // Only a person the knowledge base has under this very word stands in the way: places
            // spelled alike without diacritics ("Tập" ~ Tapa) do not.
            if m.type == "PER", words.count == 1, !candidates.contains(where: { $0.type == "PER" && !$0.folded }),
               let earlier = peopleByFirstWord[words[0]] {
                links.append(earlier)
                continue
            }
            var best: (candidate: KBCandidate, score: Double, retyped: Bool)?
            // The mention's shape, read once: its length in characters, whether it is all capitals
            // (asked of short ones only), whether it is written as no Vietnamese is.
            let length = m.text.count
            let capitals = length <= 5 && m.text.allSatisfy(\.isUppercase)
            let foreign = foreignShaped(i)
            // A short acronym ("TT", "MIT") names hundreds of things: a little-known one needs the
            // document to speak of it.
            let acronym = length <= 3 && capitals
            // The recognizer types a foreign name by little more than its neighbours; a well-known
            // entity of that name is better evidence (`Pari`, `Zidane`, `Real Madrid`) — but an
            // acronym of up to five letters (`CPC`) says nothing of its type.
            let retypable = !(length <= 5 && m.text.allSatisfy { $0.isUppercase || !$0.isLetter }) && foreign
            // But the text's language may: an acronym its writers use for one of the candidates
            // (`CPC` is Cambodia in Vietnamese, the Chinese party in English) is that one, whatever
            // type the recognizer gave it.
            var acronymOfLanguage = false
            if capitals, candidates.count > 1 {
                let ownLanguage = try kb.candidates(exactKey: key, folded: false, limit: 10, languages: [language])
                if !ownLanguage.isEmpty && ownLanguage.count < candidates.count {
                    candidates = ownLanguage
                    acronymOfLanguage = true
                }
            }
            // A Vietnamese name the recognizer took for a place or an organization: a street or a school
            // named after a person when a head says so ("phố Nguyễn Thái Học"), the person when a title
            // does ("vua Lý Thái Tổ", "cụ Phan Bội Châu") and no place or organization of some note has
            // the name ("Hồ Chí Minh" is a city too). Without either, streets in a list or an address
            // ("93 Nguyễn Công Trứ") stay what the recognizer said.
            let placeOrOrg = m.type == "LOC" || m.type == "ORG"
            // Not the one a temple worships (`đền thờ An Dương Vương`): that is the person.
            let worshipped = preceding.last.map(Self.worshipWords.contains) ?? false
            let namedAfter = placeOrOrg && !worshipped && preceding.suffix(2).contains { Self.namedAfterHeads.contains($0) }
            // A house number before a name makes it a street ("số 18 Hoàng Diệu").
            let afterNumber = preceding.last?.first?.isNumber == true
            let titled = placeOrOrg && !namedAfter
                && (1...2).contains { n in preceding.count >= n && cues.isPersonTitle(preceding.suffix(n).joined(separator: " ")) }
                && !foreign && !candidates.contains { $0.type != "PER" && $0.type != "MISC" && $0.prior >= 0.3 }
            // A name the recognizer took for a person right after `ở`, `tại`, `sang` that the
            // knowledge base has as a well-known place and as no person (`ở Viên` is in Vienna).
            let placeAfterPreposition = m.type == "PER" && (preceding.last.map(Self.placePrepositions.contains) ?? false)
                && !candidates.contains { $0.type == "PER" }
            // A Vietnamese full name the recognizer took for a place, which the knowledge base has
            // only as a well-known person (`Mỹ Tâm`, `Đàm Vĩnh Hưng` in a list of singers): the
            // person — unless something puts a street there (a head, a house number, `ở`, `tại`).
            let knownPerson = m.type == "LOC" && words.count >= 2 && !namedAfter && !afterNumber
                && !(preceding.last.map(Self.streetPrepositions.contains) ?? false)
                && !candidates.contains { $0.type != "PER" && $0.prior >= 0.3 }
            // A well-known entity of another type overrules the recognizer only when nothing of the
            // recognizer's type comes near it: `sống ở Liverpool` is the city, though the club is better known.
            func rivalOfType(_ c: KBCandidate) -> Bool {
                candidates.contains { $0.type == m.type && !$0.folded && $0.prior >= c.prior - 0.15 }
            }
            // A person's name is not a people's or a language's (given names "Việt", "Hoa", "Thái").
            // A person after a kinship word (`anh Viên`, `ông Lâm`) is no place or thing of that
            // name; after an office, a country may be what the office serves (`Đại sứ Mỹ`).
            let titledPerson = m.type == "PER" && (preceding.last.map(Self.kinshipWords.contains) ?? false)
            for c in candidates where (ethnonym || !(m.type == "PER" && c.type == "MISC") && !(namedAfter && c.type == "PER"))
                && !(titledPerson && c.type != "PER") {
                var score = 0.45 * c.prior
                let retyped = (ethnonym && c.type != m.type)
                    || (knownPerson && c.type == "PER" && c.prior >= 0.5 && !c.folded)
                    || (placeAfterPreposition && c.type == "LOC" && c.prior >= 0.55 && !c.folded)
                    || (acronymOfLanguage && c.prior >= 0.5 && c.type != m.type && c.type != "MISC")
                    || ((retypable && !rivalOfType(c) || titled && c.type == "PER") && Self.retypes(from: m.type, to: c))
                    || (words.count >= 2 && !namedAfter && !afterNumber && Self.retypesWholeName(m.text, foreignShaped: foreign, from: m.type, to: c, among: candidates))
                    || (m.type == "PER" && words.count >= 2 && Self.isCountry(c) && !candidates.contains { $0.type == "PER" })
                if c.type == m.type || retyped {
                    score += 0.3
                } else if c.type == "MISC" || m.type == "MISC" { score += 0.1 }
                // The most the context could add (every word shared), by the same sums: a
                // candidate that cannot beat the best so far even then needs no context read.
                if let best {
                    var bound = score + 0.2
                    if linkedIDs[c.id] != nil { bound += 0.1 }
                    if c.folded { bound -= 0.15 }
                    if bound <= best.score { continue }
                }
                let shared: Double
                if let o = overlapByID[c.id] { shared = o } else {
                    shared = try overlap(c, documentWords)
                    overlapByID[c.id] = shared
                }
                score += 0.2 * shared
                if acronym && c.prior < 0.3 && shared == 0 { continue }
                if linkedIDs[c.id] != nil { score += 0.1 }
                if c.folded { score -= 0.15 }
                if best == nil || score > best!.score { best = (c, score, retyped) }
            }
            candidates.removeAll()
            var link: Link
            if let (c, score, retyped) = best, score >= threshold || named {
                let names: [String: String]
                if let known = labelsByID[c.id] { names = known } else {
                    names = try kb.labels(of: c, languages: targets)
                    labelsByID[c.id] = names
                }
                // What the link says a place or an organization is, when the knowledge base calls it a
                // thing (`từ điển Nga - Việt`: the language; `Tiger Cup 1998`: the tournament), is surer
                // than the recognizer's guess from the neighbours: the linker took it against its type.
                let thing = c.type == "MISC" && (m.type == "LOC" || m.type == "ORG")
                link = Link(id: c.id, score: (score * 100).rounded() / 100, names: names, type: retyped || thing ? c.type : nil)
                linkedIDs[c.id, default: 0] += 1
            } else {
                let cluster = nilClusters[key] ?? "NIL-\(nilClusters.count + 1)"
                nilClusters[key] = cluster
                link = Link(id: nil, score: best.map { ($0.1 * 100).rounded() / 100 } ?? 0, names: [:], cluster: cluster)
            }
            if (link.type ?? m.type) == "PER" {
                let referent = link.id ?? link.cluster ?? key
                let p: Int
                if let known = personByReferent[referent] {
                    p = known
                    people[p].mentions += 1
                } else {
                    p = people.count
                    people.append((link, 1))
                    personByReferent[referent] = p
                }
                for n in stride(from: 1, to: min(words.count, Self.longestRememberedName + 1), by: 1) {
                    let ending = Array(words.suffix(n))
                    if peopleByEnding[ending]?.contains(p) != true { peopleByEnding[ending, default: []].append(p) }
                }
                if words.count >= 2, link.id != nil { peopleByFirstWord[words[0]] = link }
            }
            // Known or not (`Bệnh viện Từ Dũ` is in no base): the document says what the short form is.
            if (link.type ?? m.type) == "ORG", words.count >= 2,
               let head = (1..<words.count).last(where: { orgHeads.contains(words.prefix($0).joined(separator: " ")) }) {
                organizationsByShortForm[words.dropFirst(head).joined(separator: " ")] = link
            }
            links.append(link)
        }
        // One name, one referent: a foreign-shaped name the document linked is that entity
        // wherever else it is written the same and went unlinked (`DeepSeek` opening a sentence,
        // taken for a person, and `DeepSeek` the company). A Vietnamese name may be a person's
        // and a country's in one text (`Đức`), and is left as it is.
        var linkedByText: [String: Int] = [:]
        for (i, m) in mentions.enumerated() where links[i].id != nil && linkedByText[m.text] == nil && foreignShaped(i) {
            linkedByText[m.text] = i
        }
        for (i, m) in mentions.enumerated() where links[i].id == nil {
            guard let j = linkedByText[m.text] else { continue }
            let type = links[j].type ?? mentions[j].type
            links[i] = Link(id: links[j].id, score: links[j].score, names: links[j].names, type: type != m.type ? type : nil)
        }
        return links
    }

    /// The head of a place's name among the words before it ("sông", "cao nguyên"), if any.
    /// A word that makes a bare compass name a region reads as `miền`.
    static func placeHead(_ preceding: [String]) -> String? {
        if preceding.count >= 2, case let two = preceding.suffix(2).joined(separator: " "), placeHeads.contains(two) { return two }
        guard let last = preceding.last else { return nil }
        return placeHeads.contains(last) ? last : regionCues.contains(last) ? "miền" : nil
    }

    /// Whether a knowledge-base entity's type overrules the recognizer's for a foreign-shaped name
    /// that is no acronym: a popular entity matched as written (prior 0.55 or more: a big city, not a
    /// small place that shares a given name, as Lindi has `Linda`), of a type the recognizer confuses
    /// foreign names with — person, place, organization; a brand typed MISC is not made a company.
    static func retypes(from type: String, to c: KBCandidate) -> Bool {
        guard c.type != type, c.prior >= 0.55, !c.folded, ["PER", "LOC", "ORG"].contains(c.type) else { return false }
        return !(type == "MISC" && c.type == "ORG")
    }

    /// Whether an entity the knowledge base has under the whole of a name of two words or more,
    /// as written, overrules the recognizer's type: a known person's foreign full name is that
    /// person (`Mark Spitz`, `Jacques Rogge` typed a thing or a place; Vietnamese streets bear
    /// Vietnamese people's names), and a name typed a place that only an organization has is the
    /// organization (`Sông Lam Nghệ An` the club). Not the other way: companies are named after
    /// places (`công ty Trường Sơn`), and a name the recognizer calls a person keeps that — save a
    /// country's long form, which reads like an institution's (`Các Tiểu vương quốc Ả Rập Thống
    /// nhất`, `Cộng hòa Liên bang Đức`) and names no team or company.
    static func retypesWholeName(_ name: String, foreignShaped foreign: Bool, from type: String, to c: KBCandidate, among candidates: [KBCandidate]) -> Bool {
        guard c.type != type, !c.folded, c.prior >= 0.5, type != "PER" else { return false }
        if c.type == "PER" { return foreign }
        if type == "ORG" && c.type == "LOC" {
            return c.id.hasPrefix("iso3166:") && name.split(separator: " ").count >= 3 && !candidates.contains { $0.type == type }
        }
        return type == "LOC" && c.type == "ORG" && !candidates.contains { $0.type == type }
    }

    /// A country or territory named as written, well known (`Hàn Quốc`, `Hồng Công`): a name of
    /// two words or more that is one is that place, not a person, whatever the recognizer read
    /// from a title before it (`các chuyên gia Hàn Quốc`). Vietnamese given names that are
    /// countries' (`Đức`, `Mỹ`, `Anh`) are one word, and stay what the recognizer said.
    static func isCountry(_ c: KBCandidate) -> Bool {
        c.id.hasPrefix("iso3166:") && c.type == "LOC" && !c.folded && c.prior >= 0.55
    }

    /// True when a word of the name is not a Vietnamese syllable (`Pari`, `Saddam Hussein`, `CHDC Đức`):
    /// a name written in or transliterated from another language.
    static func foreignShaped(_ text: String) -> Bool {
        // Latin letters with precomposed marks (below U+0300 and in U+1E00–U+1EFF) are each a
        // character of their own: the words are split by code point, without grapheme breaking.
        let scalars = text.unicodeScalars
        guard scalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }) else {
            return text.split(whereSeparator: { !$0.isLetter }).contains { VietnameseSyllable($0.unicodeScalars) == nil }
        }
        let classes = CharacterClass.lookup
        var word: String.UnicodeScalarView.Index?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            if classes.of(scalars[i]).contains(.alphabetic) {
                if word == nil { word = i }
            } else if let start = word {
                if VietnameseSyllable(scalars[start..<i]) == nil { return true }
                word = nil
            }
            scalars.formIndex(after: &i)
        }
        return word.map { VietnameseSyllable(scalars[$0...]) == nil } ?? false
    }

    /// Types that may name one thing: the same, anything and MISC, and places and organizations
    /// (a pagoda, a stadium) — but a person is only a person.
    static func compatible(_ a: String, _ b: String) -> Bool {
        a == b || a == "MISC" || b == "MISC" || (a != "PER" && b != "PER")
    }

    /// The share of an entity's name and description words (three letters or more) that the
    /// document contains.
    func overlap(_ c: KBCandidate, _ words: DocumentWords) throws -> Double {
        let context = try kb.contextWordHashes(of: c, language: language, labelsIn: targets)
        let found = context.count { words.contains(hash: $0) }
        return context.isEmpty ? 0 : Double(found) / Double(context.count)
    }
}
