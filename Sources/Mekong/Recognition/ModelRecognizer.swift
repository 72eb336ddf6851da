/// Finds entities with the trained model, then makes the document agree with itself: titles
/// before people are kept apart (`Phó Tổng thống Mỹ JD Vance` → title `Phó Tổng thống`, `Mỹ`,
/// `JD Vance`); a person named again by the last part of the name (`Macron`, `ông Minh`) or an
/// organization by the acronym defined after it (`Ngân hàng Nhà nước (NHNN)`) is found
/// wherever it recurs; and one name keeps one type throughout (the type most of its mentions
/// have).
struct ModelRecognizer {
    let model: EntityModel
    let cues: EntityCues.Language

    struct Token {
        var range: Range<Int>
        var sentence: Int
        var opens: Bool
    }

    func recognize(_ document: Document) -> [EntityMention] {
        let view = document.view
        var spans = model.spans(in: document)
        // The document's tokens, in order, with their sentence.
        var tokens: [Token] = []
        let sentences = document.layers.spans(.sentences)
        var s = 0
        var previous: Range<Int>?
        let layer = document.layers.spans(.tokens)
        tokens.reserveCapacity(layer.count)
        for t in layer {
            while s + 1 < sentences.count && sentences[s + 1].start <= t.start { s += 1; previous = nil }
            tokens.append(Token(range: t.range, sentence: s, opens: previous.map { EntitySentence.opens(view.scalars[$0]) } ?? true))
            previous = t.range
        }
        func text(_ i: Int) -> String { view.string(tokens[i].range) }
        func tokenIndex(at offset: Int) -> Int? { Self.tokens(of: offset..<offset, in: tokens)?.first }
        spans = spans.flatMap { Self.splitAtBracketWords($0, tokens, view) }.map { trimmed($0, tokens, view) }
        let people = namesOfPeople(spans, tokens, view)
        spans = Self.endingOnWords(spans.filter { !isCapitalizedWordHead($0, tokens, view, people: people) },
                                   words: document.layers.spans(.words))
        spans = Self.organizationsThroughTheirPlace(spans, tokens, view)
        spans = Self.organizationsThroughTheirScope(spans, tokens, view)
        spans = institutionsOfCountries(spans, tokens, view)
        spans = Self.officesWithLowerCaseHeads(spans, tokens, view, words: document.layers.spans(.words))
        spans = Self.longFormsBeforeAcronyms(spans, tokens, view)
        var covered = [Bool](repeating: false, count: tokens.count)
        func mark(_ span: EntityModel.Span) {
            guard var i = tokenIndex(at: span.start) else { return }
            while i < tokens.count && tokens[i].range.lowerBound < span.end { covered[i] = true; i += 1 }
        }
        spans.forEach(mark)

        // Names that recur: the last word of a person's name, an acronym defined in parentheses.
        var recurring: [String: String] = [:]
        for span in spans {
            guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens) else { continue }
            if span.type == "PER", last > first, case let name = text(last), name.first?.isUppercase == true, name.count > 1 {
                recurring[name] = recurring[name] ?? "PER"
            }
            if span.type != "PER", let acronym = Self.acronymInBrackets(at: last + 1, tokens, view) {
                recurring[acronym] = span.type
            }
        }
        if !recurring.isEmpty {
            // Tokens the segmenter joined to a neighbour are part of a word ("An" in "An_ninh"):
            // read once a recurring name is met.
            var joined: Set<Int>?
            func isJoined(_ start: Int) -> Bool {
                if joined == nil {
                    joined = Set(document.layers.spans(.words).lazy.filter { view.scalars[$0.range].contains(" ") }.map(\.start))
                }
                return joined!.contains(start)
            }
            let classes = CharacterClass.lookup
            for (i, t) in tokens.enumerated() where !covered[i] {
                // Every recurring name opens with a capital (a person's last word, an acronym): a
                // token opening with a lower-case letter that has a capital is none of them, whatever
                // marks follow, and needs no string made.
                let first = view.scalars[t.range.lowerBound]
                if (first.value >= 0x61 && first.value <= 0x7A)
                    || (first.value >= 0x80 && classes.of(first).contains(.lowercase) && first.properties.changesWhenUppercased) { continue }
                let word = text(i)
                guard let type = recurring[word], !isJoined(t.range.lowerBound) else { continue }
                // A given name opening a sentence is still a name when the document named the person.
                if t.opens && cues.notNames.contains(word) { continue }
                // Found by the document, not the model: as sure as a name met before.
                let span = EntityModel.Span(start: t.range.lowerBound, end: t.range.upperBound, type: type, sentence: t.sentence, confidence: 0.7)
                spans.append(span)
                covered[i] = true
            }
            spans.sort { $0.start < $1.start }
        }

        var spansByEnd: [Int: EntityModel.Span] = [:]
        for span in spans { spansByEnd[span.end] = span }
        let types = placesInLists(spans, Self.oneTypeAName(spans.map { (view.string($0.start..<$0.end), $0.type) }), tokens, view)
        var mentions: [EntityMention] = []
        for (span, type) in zip(spans, types) {
            var type = type != "MISC" && Self.namesALegalText(span, tokens, view) ? "MISC" : type
            if type == "LOC" && Self.opensWithAnInstitutionsHead(span, tokens, view) { type = "ORG" }
            var m = EntityMention(start: span.start, end: span.end, type: type, confidence: span.confidence, source: "model")
            if type == "PER", let first = tokenIndex(at: span.start) { m.title = title(before: first, tokens, spansByEnd, view) }
            mentions.append(m)
        }
        return mentions
    }

    /// A Vietnamese organization's name goes on in lower case to the unit it serves, which the
    /// model, leaning on capitals, cuts: `Chi cục Hải quan` | `cửa khẩu` | `Tịnh Biên`, `Ban Chỉ
    /// đạo` | `chống buôn lậu tỉnh` | `An Giang`, `Hội cựu chiến binh phường` | `Kim Liên`. An
    /// organization, one to five lower-case words ending in an administrative head (`tỉnh`,
    /// `phường`, `cửa khẩu`), then a place, in one sentence with nothing but spaces between, are
    /// one organization — unless a word between is one that no name holds (a verb, a
    /// preposition, a conjunction: `Bộ Y tế cho biết tỉnh Nghệ An`). Without the head the run is
    /// as often a verb phrase (`Quốc hội Việt Nam thăm chính thức Cộng hòa Liên bang Đức`).
    static func organizationsThroughTheirPlace(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView) -> [EntityModel.Span] {
        joiningOrganizationsToPlaces(spans, tokens) { organization, place in
            let (last, next) = (organization.last, place.first)
            return (2...6).contains(next - last)
                && (Self.unitHeads.contains(view.string(tokens[next - 1].range))
                    || (next - last <= 5 && Self.startsWithARunOnHead(organization, tokens, view)))
                && ((last + 1)..<next).allSatisfy { k in
                    view.scalars[tokens[k].range].allSatisfy { $0.properties.isLowercase || $0.properties.generalCategory == .nonspacingMark }
                        && !Self.outsideNames.contains(view.string(tokens[k].range))
                        && !Self.verbsAfterOrganizations.contains(view.string(tokens[k].range))
                        && (k + 1 == next || !Self.verbsAfterOrganizations.contains(view.string(tokens[k].range) + " " + view.string(tokens[k + 1].range)))
                }
        }
    }

    /// A Vietnamese organization named by what it does goes on in lower case to its scope
    /// (`Viện Nghiên cứu bộ gen người quốc gia`, `Trung tâm Thông tin khoa học quốc tế`), which the
    /// model, leaning on capitals, cuts after the capitalized words: the span grows over up to
    /// five lower-case words in the sentence that end in a word of scope, none of them a word no
    /// name holds (`Viện Nghiên cứu cho biết quốc gia …` stays as it is).
    static func organizationsThroughTheirScope(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView) -> [EntityModel.Span] {
        var out = spans
        for i in out.indices where out[i].type == "ORG" {
            guard let organization = Self.tokens(of: out[i].start..<out[i].end, in: tokens),
                  Self.startsWithARunOnHead(organization, tokens, view) else { continue }
            let limit = i + 1 < out.count ? out[i + 1].start : Int.max
            var k = organization.last + 1
            var end: Int?
            while k < tokens.count, k - organization.last <= 5, tokens[k].sentence == tokens[organization.last].sentence,
                  tokens[k].range.upperBound <= limit, case let word = view.string(tokens[k].range),
                  Self.isLowerCaseWord(word), !Self.outsideNames.contains(word), !Self.verbsAfterOrganizations.contains(word) {
                if k > organization.last + 1, Self.scopeWords.contains(view.string(tokens[k - 1].range) + " " + word) { end = k }
                k += 1
            }
            if let end { out[i].end = tokens[end].range.upperBound }
        }
        return out
    }

    /// The words of scope that end an organization's name in lower case.
    static let scopeWords: Set<String> = ["quốc gia", "quốc tế", "trung ương", "toàn quốc"]

    /// Offices written with their head in lower case, as tokenized and older text has them (`sở
    /// Tài chính`, `cao đẳng Xây dựng`, `ubnd huyện Đức Linh`): the head of an institution's name is
    /// part of it by the conventions, so the model's organization grows back over it, and a
    /// place after a people's committee's or police head and its unit's head (`huyện`, `TP`) is
    /// that place's office. Descriptive heads (`công ty`, `tập đoàn`, `bệnh viện`) stay outside.
    /// The head must open a word of the segmenter's (`sở` of `trụ sở` is no head).
    static func officesWithLowerCaseHeads(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView,
                                          words: SpanLayer) -> [EntityModel.Span] {
        // Whether a word of the segmenter's starts at an offset: asked only where a head is
        // found, so searched in the layer (sorted by start) rather than indexed per document.
        func wordStarts(at offset: Int) -> Bool {
            let starts = words.starts
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(starts[mid]) < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo < starts.count && Int(starts[lo]) == offset
        }
        var out = spans
        var previousEnd = 0
        for i in out.indices {
            defer { previousEnd = out[i].end }
            guard out[i].type == "ORG" || out[i].type == "LOC", let (first, _) = Self.tokens(of: out[i].start..<out[i].end, in: tokens) else { continue }
            var k = first
            // A place takes the head of its unit first (`huyện Đức Linh`).
            if out[i].type == "LOC", k > 0, Self.unitHeads.contains(view.string(tokens[k - 1].range).lowercased()) { k -= 1 }
            let heads: Set<String> = k < first ? Self.officesOfPlaces : out[i].type == "ORG" ? Self.officeHeads : []
            // A place without its unit's head has none to look for.
            if heads.isEmpty { continue }
            var head: Int?
            // The words before, nearest first, grown one at a time (sentences are contiguous: a
            // word outside this one ends the search).
            var phrase = ""
            for n in 1...3 where k - n >= 0 && tokens[k - n].sentence == tokens[first].sentence {
                let word = view.string(tokens[k - n].range)
                guard word.first?.isLowercase == true else { break }
                phrase = phrase.isEmpty ? word : word + " " + phrase
                if heads.contains(phrase) { head = k - n }
            }
            guard let head, tokens[head].range.lowerBound >= previousEnd, wordStarts(at: tokens[head].range.lowerBound),
                  head == 0 || !Self.notBeforeOffices.contains(view.string(tokens[head - 1].range).lowercased()) else { continue }
            out[i].start = tokens[head].range.lowerBound
            out[i].type = "ORG"
        }
        return out
    }

    /// Heads of institutions' names, in lower case, that belong to the name (`sở Y tế`).
    static let officeHeads: Set<String> = ["bộ", "sở", "cục", "chi cục", "tổng cục", "viện", "học viện", "đại học", "đh", "cao đẳng",
                                           "ủy ban", "uỷ ban", "ban", "liên đoàn", "ubnd", "hđnd", "thông tấn xã", "công an"]
    /// Heads that make a place's office (`ubnd huyện Đức Linh`, `công an TP. HCM`).
    static let officesOfPlaces: Set<String> = ["ubnd", "hđnd", "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "công an", "sở", "chi cục"]
    /// Words after which `bộ`, `ban` and the like are no heads (`toàn bộ`, `một bộ`).
    static let notBeforeOffices: Set<String> = ["toàn", "một", "các", "những", "cả", "mỗi", "từng", "cán", "bàn"]

    /// The spans with each organization that `joins` the place right after it (in one sentence)
    /// grown to that place's end, the two becoming one organization as sure as the less sure.
    /// `joins` gets the first and last token of each.
    static func joiningOrganizationsToPlaces(_ spans: [EntityModel.Span], _ tokens: [Token],
                                             joins: (_ organization: (first: Int, last: Int), _ place: (first: Int, last: Int)) -> Bool) -> [EntityModel.Span] {
        var out: [EntityModel.Span] = []
        var i = 0
        while i < spans.count {
            var span = spans[i]
            if span.type == "ORG", i + 1 < spans.count, spans[i + 1].type == "LOC",
               let organization = Self.tokens(of: span.start..<span.end, in: tokens),
               let place = Self.tokens(of: spans[i + 1].start..<spans[i + 1].end, in: tokens),
               tokens[place.first].sentence == tokens[organization.last].sentence, joins(organization, place) {
                span.end = spans[i + 1].end
                span.confidence = min(span.confidence, spans[i + 1].confidence)
                out.append(span)
                i += 2
                continue
            }
            out.append(span)
            i += 1
        }
        return out
    }

    /// An organization's long form before the acronym it defines is one name up to the bracket
    /// (`Ủy ban liên chính phủ về biến đổi khí hậu ( IPCC )`, `Chương trình Phát triển Liên Hợp
    /// Quốc ( UNDP )`): the model, leaning on capitals, stops at the first word in lower case or
    /// cuts the place out. A span that opens with an institution's head, then up to eight words
    /// (any case, letters only, none a person's), then an acronym alone in brackets, in one sentence.
    static func longFormsBeforeAcronyms(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView) -> [EntityModel.Span] {
        func text(_ k: Int) -> String { view.string(tokens[k].range) }
        func isWord(_ k: Int) -> Bool {
            let t = text(k)
            return t.allSatisfy(\.isLetter) || t == "-" || t == "&"
        }
        var out: [EntityModel.Span] = []
        out.reserveCapacity(spans.count)
        var i = 0
        while i < spans.count {
            var span = spans[i]
            i += 1
            guard span.type != "PER", let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens),
                  Self.opensWithAHead(first, last, among: longFormHeads, whole: true, tokens, view) else { out.append(span); continue }
            var k = last + 1
            while k < tokens.count, k - last <= 8, tokens[k].sentence == tokens[last].sentence, isWord(k) { k += 1 }
            guard k > last + 1, Self.acronymInBrackets(at: k, tokens, view) != nil, tokens[k + 2].sentence == tokens[last].sentence
            else { out.append(span); continue }
            let end = tokens[k - 1].range.upperBound
            var j = i
            while j < spans.count && spans[j].end <= end { j += 1 }
            guard !spans[i..<j].contains(where: { $0.type == "PER" }) else { out.append(span); continue }
            span.end = end
            span.type = "ORG"
            span.confidence = spans[(i - 1)..<j].map(\.confidence).min() ?? span.confidence
            out.append(span)
            i = j
        }
        return out
    }

    /// Whether tokens `first...last` open with one of `heads` (`headLength`), capitalized, with
    /// more after it (or, `whole`, being all of it).
    static func opensWithAHead(_ first: Int, _ last: Int, among heads: Set<String>, whole: Bool = false, _ tokens: [Token], _ view: TextView) -> Bool {
        guard view.scalars[tokens[first].range].first?.properties.isUppercase == true,
              let n = headLength(first, last, among: heads, tokens, view) else { return false }
        return whole || n <= last - first
    }

    /// The acronym alone in brackets that opens at token `bracket` (`( IPCC )`, the treebank's
    /// `LBKT UNDP RBKT`), if there is one.
    static func acronymInBrackets(at bracket: Int, _ tokens: [Token], _ view: TextView) -> String? {
        guard bracket + 2 < tokens.count, ["(", "LBKT"].contains(view.string(tokens[bracket].range)),
              [")", "RBKT"].contains(view.string(tokens[bracket + 2].range)),
              case let acronym = view.string(tokens[bracket + 1].range), isAcronym(acronym) else { return nil }
        return acronym
    }

    /// Heads that open an organization's long form (`Tổ chức`, `Chương trình`, `Cơ quan`).
    static let longFormHeads = institutionHeads.union([
        "tổ chức", "hội", "trung tâm", "chương trình", "ban", "cơ quan", "hội đồng", "liên minh", "diễn đàn", "mạng lưới",
    ])

    /// Whether a span names a law, a decree or a resolution (`Luật Đất đai`, `Bộ luật Hình sự`,
    /// `Nghị quyết 1244`): a written text, which the conventions type MISC, though the model,
    /// seeing a capitalized head, often says ORG. Not `Luật sư` (a lawyer's title).
    static func namesALegalText(_ span: EntityModel.Span, _ tokens: [Token], _ view: TextView) -> Bool {
        guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens), last > first else { return false }
        let one = view.string(tokens[first].range)
        let two = one + " " + view.string(tokens[first + 1].range)
        if one == "Luật" { return view.string(tokens[first + 1].range) != "sư" }
        return legalTextHeads.contains(two) && last > first + 1
    }

    static let legalTextHeads: Set<String> = ["Bộ luật", "Nghị định", "Hiến pháp", "Pháp lệnh", "Nghị quyết", "Thông tư", "Chỉ thị"]

    /// A name that opens with the capitalized head of an institution is the institution, though
    /// the rest names a place (`ĐH Toronto`, `Ngân hàng Trung ương Thái Lan`, `Học viện Năng lượng
    /// Matxcơva`): the model, seeing the place, may call the whole a place. Only heads that head
    /// nothing else: not `Trường` (`Trường Sơn`), `Đài` (`Đài Loan`), nor the facilities the
    /// conventions count as places (`Nhà máy`, `Sân vận động`).
    static func opensWithAnInstitutionsHead(_ span: EntityModel.Span, _ tokens: [Token], _ view: TextView) -> Bool {
        guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens) else { return false }
        return opensWithAHead(first, last, among: institutionHeads, tokens, view)
    }

    /// Heads of institutions that head no place or person, lower-cased.
    static let institutionHeads: Set<String> = [
        "đh", "đại học", "trường đại học", "học viện", "viện", "bệnh viện", "bv", "ngân hàng", "công ty", "tổng công ty",
        "tập đoàn", "hiệp hội", "ủy ban", "uỷ ban", "liên đoàn", "thông tấn xã", "đại sứ quán", "lãnh sự quán", "bộ", "sở",
        "cục", "tổng cục", "quỹ", "tòa án", "toà án", "đảng", "câu lạc bộ", "clb",
    ]

    /// A state's institution named with its country is one organization: `Chính phủ` | `Nhật`,
    /// `Bộ Y tế` | `Singapore` are the Japanese government and Singapore's ministry, where the
    /// institution alone would be Vietnam's. An organization of a national head (`Chính phủ`,
    /// `Bộ`, `Quốc hội`, `Đại sứ quán`) and at most three words, right before a place that the
    /// model's lists hold as a country, in one sentence, become one.
    func institutionsOfCountries(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView) -> [EntityModel.Span] {
        guard let country = NameLists.classIndex("country") else { return spans }
        return Self.joiningOrganizationsToPlaces(spans, tokens) { organization, place in
            let (first, last) = organization
            // `Bộ` alone is no institution: the words of its field come after it.
            guard place.first == last + 1, last - first <= 3,
                  let head = Self.headLength(first, last, among: Self.nationalHeads, tokens, view), head < last - first + 1 || head > 1
            else { return false }
            let keys = (place.first...place.last).map { SyllableKey.of(view.scalars[tokens[$0].range]).hash }
            return model.lists.classes(ofPhrase: keys[...]) & (UInt32(1) << UInt32(country)) != 0
        }
    }

    /// How many of the words `first...last` (up to four) make the longest of `heads` (lower case)
    /// that they open with, or nil.
    static func headLength(_ first: Int, _ last: Int, among heads: Set<String>, _ tokens: [Token], _ view: TextView) -> Int? {
        var phrase = ""
        var found: Int?
        for k in first...min(last, first + 3) {
            phrase += (k == first ? "" : " ") + view.string(tokens[k].range).lowercased()
            if heads.contains(phrase) { found = k - first + 1 }
        }
        return found
    }

    /// Heads of a state's institutions (`Bộ` needs the words of its field after it).
    static let nationalHeads: Set<String> = [
        "chính phủ", "bộ", "quốc hội", "đại sứ quán", "lãnh sự quán", "tổng lãnh sự quán", "thượng viện", "hạ viện",
        "ngân hàng trung ương", "quân đội", "hải quân", "không quân", "lục quân",
    ]

    /// Whether an organization's span is a head whose names go on in lower case to a place
    /// (`Viện Nghiên cứu` | `hạt nhân` | `Đà Lạt`, `Nhà máy cơ khí` | `Hà Nội`) and one or two
    /// capitalized words after it: a span that holds more is a whole name already.
    static func startsWithARunOnHead(_ organization: (first: Int, last: Int), _ tokens: [Token], _ view: TextView) -> Bool {
        let (first, last) = organization
        guard last > first, last - first <= 3, let segmenter = WordSegmenter.shipped,
              let head = headLength(first, last, among: runOnHeads, tokens, view), first + head <= last else { return false }
        // The head, then what it does as a common word (`Nghiên cứu`, `Quản lý`, `Cảnh sát`), not a
        // proper name (`Bệnh viện Bạch Mai` | `tiếp nhận bệnh nhân` | `Hà Nội` is no name).
        return segmenter.lists(((first + head)...last).map { view.string(tokens[$0].range).lowercased() }.joined(separator: " "))
    }

    /// Heads of Vietnamese organizations named by what they do and where (`Viện`, `Trung tâm`,
    /// `Nhà máy`, `Cục`): the name holds lower-case words between the two.
    static let runOnHeads: Set<String> = [
        "viện", "trung tâm", "cục", "chi cục", "tổng cục", "nhà máy", "xí nghiệp", "trường", "học viện", "bệnh viện",
        "sở", "phòng", "ban", "hội", "hiệp hội", "quỹ", "đội", "công ty", "tổng công ty", "tập đoàn", "ủy ban", "uỷ ban",
        "ủy hội", "cơ quan", "liên đoàn",
    ]

    /// Verbs of one or two syllables that an organization does things with (`Viện Nghiên cứu thăm
    /// Đà Lạt`, `Trung tâm Y tế tiếp nhận`), which no organization's lower-case run holds.
    static let verbsAfterOrganizations: Set<String> = [
        "thăm", "tiếp nhận", "công bố", "tổ chức", "ký", "trao", "tặng", "phối hợp", "làm việc", "cử", "đưa", "mở",
        "tuyển", "cấp", "chuyển", "kiểm tra", "khám", "chữa", "xét", "thông báo", "đề nghị", "yêu cầu", "quyết định",
        "họp", "phát hiện", "bắt giữ", "xử lý", "bán", "mua", "khởi công", "đón", "gặp", "tham gia", "tiến hành",
        "triển khai", "khai trương", "ra mắt", "hỗ trợ", "giúp", "nhận", "tiếp", "mời",
    ]

    /// The last word of an administrative head before a unit's name (`tỉnh`, `thành phố`, `cửa khẩu`).
    static let unitHeads: Set<String> = ["tỉnh", "phố", "quận", "huyện", "phường", "xã", "trấn", "khẩu", "tp", "tx"]

    /// Words that stand between an organization and a place but inside no name.
    static let outsideNames: Set<String> = [
        "và", "của", "ở", "tại", "cho", "với", "đã", "sẽ", "đang", "là", "có", "được", "bị", "từ", "đến", "trong",
        "trên", "dưới", "vào", "ra", "về", "theo", "cũng", "vừa", "mới", "thì", "mà", "nhưng", "rằng", "để", "khi",
        "nói", "biết", "thuộc", "gồm", "các", "những", "này", "đó", "năm", "ngày", "tháng", "sáng", "chiều", "tối",
        "hôm", "qua", "nay", "đi", "lên", "xuống", "gửi", "tới", "sang", "như", "hay", "hoặc", "cùng", "giữa",
        "phía", "nơi", "lại", "còn", "vẫn", "đều", "chỉ", "không", "chưa", "hơn", "nhất", "rất", "trước", "sau",
    ]

    /// One name, one type: each mention's type becomes its name's most frequent one in the
    /// document. A tie keeps a mention's own type; between other types tied, the one met first
    /// wins — never a dictionary's order, which changes from run to run.
    static func oneTypeAName(_ mentions: [(name: String, type: String)]) -> [String] {
        var votes: [String: [(type: String, count: Int)]] = [:]
        for m in mentions {
            if let k = votes[m.name]?.firstIndex(where: { $0.type == m.type }) {
                votes[m.name]![k].count += 1
            } else {
                votes[m.name, default: []].append((m.type, 1))
            }
        }
        return mentions.map { m in
            guard let v = votes[m.name], v.count > 1 else { return m.type }
            var best = v[0]
            for candidate in v.dropFirst() where candidate.count > best.count { best = candidate }
            return best.count > v.first(where: { $0.type == m.type })?.count ?? 0 ? best.type : m.type
        }
    }

    /// A span without what the model took in by mistake:
    /// - a score after a team's name (`Thái Lan 2 - 1`);
    /// - a generic head in lower case before a place (`quảng trường Ba Đình`);
    /// - the term after an elected body (`Quốc hội khóa X`);
    /// - where the model is unsure of the span, a person's title at its start, which may begin
    ///   before it (`Tổng thống G. Bush`, `[Bộ trưởng] Quốc phòng Mỹ Donald Rumsfeld`): the rest
    ///   is a person (or names side by side, which the merge with the knowledge base splits).
    func trimmed(_ span: EntityModel.Span, _ tokens: [Token], _ view: TextView) -> EntityModel.Span {
        guard let (spanFirst, spanLast) = Self.tokens(of: span.start..<span.end, in: tokens) else { return span }
        var first = spanFirst
        var last = spanLast
        func text(_ i: Int) -> String { view.string(tokens[i].range) }
        func isNumber(_ i: Int) -> Bool { text(i).allSatisfy { $0.isASCII && $0.isNumber } }
        var span = span
        if last > first, isNumber(last), last + 2 < tokens.count, ["-", "–"].contains(text(last + 1)), isNumber(last + 2),
           tokens[last + 1].sentence == tokens[last].sentence {
            last -= 1
            span.end = tokens[last].range.upperBound
        }
        /// Drops up to `most` words in lower case that open the span before a capital, save the
        /// `kept` ones (which stop the drop).
        func dropLowerCaseLead(most: Int, kept: Set<String>) {
            var lead = first
            while lead < last, lead - first < most, Self.isLowerCaseWord(text(lead)), !kept.contains(text(lead)) { lead += 1 }
            if lead > first, text(lead).first?.isUppercase == true {
                first = lead
                span.start = tokens[first].range.lowerBound
            }
        }
        // No name ends on a conjunction or a preposition (`Quốc hội VN và`), and a person's name opens
        // on no word in lower case before its capitals (`cử tạ Hoàng Anh Tuấn`; a particle such as
        // `de` is the name's).
        while last > first, Self.wordsEndingNoName.contains(text(last)) {
            last -= 1
            span.end = tokens[last].range.upperBound
        }
        if span.type == "PER" { dropLowerCaseLead(most: .max, kept: EntityRecognizer.connectors) }
        // A generic head in lower case stays outside a place's name (`quảng trường Ba Đình`, `nhà
        // thờ Đức Bà`, `nam Liban`), as the conventions put `tỉnh`, `sông` and `miền` outside —
        // save the heads that are part of one (`châu Á`, `tp HCM`).
        if span.type == "LOC" { dropLowerCaseLead(most: 3, kept: Self.headsInsidePlaces) }
        // A state's organ in lower case before a country (`chính phủ Ixraen`, `quân đội Pháp`) is
        // no name: the country is, as a modifier (a capital `Chính phủ Mỹ` is the organ's name).
        if span.type == "ORG", last >= first + 2, Self.isLowerCaseWord(text(first)), Self.isLowerCaseWord(text(first + 1)),
           EntityRecognizer.stateHeads.contains(text(first) + " " + text(first + 1)), text(first + 2).first?.isUppercase == true {
            first += 2
            span.start = tokens[first].range.lowerBound
            span.type = "LOC"
        }
        // The term of an elected body is no part of its name (`Quốc hội khóa X` is the National
        // Assembly, in its tenth term); a capital numeral draws the model on past `khóa`.
        if last > first + 1, ["khóa", "khoá"].contains(text(last - 1)), Self.isTermNumber(text(last)) {
            last -= 2
            span.end = tokens[last].range.upperBound
        }
        // A name goes on through a hyphen glued on both sides to a lower-case piece ("Lee Myung-bak",
        // "Kim Jong-il", "Ban Ki-moon"): the model, which leans on capitals, stops before or after
        // the hyphen. A capital after it ("Barré-Sinoussi", "Hà Nội-Hải Phòng") is the model's call.
        func glued(_ a: Int, _ b: Int) -> Bool { tokens[a].range.upperBound == tokens[b].range.lowerBound }
        func lowerPiece(_ i: Int) -> Bool {
            view.scalars[tokens[i].range].first?.properties.isLowercase == true && !Self.honorifics.contains(text(i))
        }
        let unhyphenated = last
        if text(last) == "-", last > first, last + 1 < tokens.count, glued(last, last + 1), lowerPiece(last + 1) {
            last += 1
        }
        while last + 2 < tokens.count, text(last + 1) == "-", glued(last, last + 1), glued(last + 1, last + 2), lowerPiece(last + 2) {
            last += 2
        }
        if last != unhyphenated { span.end = tokens[last].range.upperBound }
        if span.confidence < Self.unsure {
            // The longest title that ends inside the span, leaving a capitalized word after it.
            var cut: Int?
            for end in first..<last where text(end + 1).first?.isUppercase == true {
                var key = ""
                var k = end
                while k >= 0 && end - k < cues.longest && tokens[k].sentence == tokens[first].sentence {
                    let word = AliasKey.quick(scalars: view.scalars[tokens[k].range])
                    key = key.isEmpty ? word : word + " " + key
                    // Not a kinship word ("Hai Bà Trưng", "Hoàng Anh Gia Lai" have them inside).
                    if cues.isPersonTitle(key), key.contains(" ") || ModelRecognizer.isAcronym(text(k)) { cut = end + 1 }
                    k -= 1
                }
            }
            if let cut {
                span.start = tokens[cut].range.lowerBound
                span.type = "PER"
            }
        }
        return span
    }

    /// A person in a list of places that is a country or a province by the model's own lists
    /// (`từ Pháp, Đức, Úc`, `ở Mỹ, Úc`, `Hải Dương và Thái Bình`) is that place: the list says what
    /// its members are. Only names the lists have; a person among places keeps its type.
    func placesInLists(_ spans: [EntityModel.Span], _ types: [String], _ tokens: [Token], _ view: TextView) -> [String] {
        let places = ["country", "province"].compactMap(NameLists.classIndex).reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1) }
        func joined(_ a: Int, _ b: Int) -> Bool {
            // Only a comma or `và` between the two mentions, in one sentence.
            guard let (_, last) = Self.tokens(of: spans[a].start..<spans[a].end, in: tokens), last + 2 < tokens.count,
                  tokens[last + 1].sentence == tokens[last].sentence else { return false }
            let gap = view.scalars[tokens[last].range.upperBound..<spans[b].start].filter { $0 != " " }
            let between = String(scalars: gap)
            return between == "," || between == "và" || between == "、"
        }
        var out = types
        for i in spans.indices where types[i] == "PER" {
            guard let (first, last) = Self.tokens(of: spans[i].start..<spans[i].end, in: tokens) else { continue }
            let keys = (first...last).map { SyllableKey.of(view.scalars[tokens[$0].range]).hash }
            guard model.lists.classes(ofPhrase: keys[...]) & places != 0 else { continue }
            if (i > 0 && types[i - 1] == "LOC" && joined(i - 1, i)) || (i + 1 < spans.count && types[i + 1] == "LOC" && joined(i, i + 1)) {
                out[i] = "LOC"
            }
        }
        return out
    }

    /// The syllables the document uses in people's names: those of the model's people of two
    /// syllables or more (`Trần Văn Thành`), and a single one after a person's title (`anh Thành`).
    func namesOfPeople(_ spans: [EntityModel.Span], _ tokens: [Token], _ view: TextView) -> Set<String> {
        var names = Set<String>()
        var spansByEnd: [Int: EntityModel.Span] = [:]
        for span in spans { spansByEnd[span.end] = span }
        for span in spans where span.type == "PER" {
            guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens) else { continue }
            if last > first || title(before: first, tokens, spansByEnd, view) != nil {
                for k in first...last { names.insert(view.string(tokens[k].range)) }
            }
        }
        return names
    }

    /// Whether a one-syllable span is only the capitalized first syllable of a common word that
    /// goes on in lower case (`Sân` of `Sân vận động Mỹ Đình`, `Quả` of `Quả bóng vàng`, `Nhà` of
    /// `Nhà lãnh đạo`): the segmenter's lexicon has the word, and the syllable is no given or
    /// family name of a person the document names (`Đoàn xe`, `Thành cổ`, `Hội cựu chiến binh`
    /// go; `Dũng cảm thấy`, `Lan can` after `anh Dũng`, `chị Lan` stay the model's call).
    func isCapitalizedWordHead(_ span: EntityModel.Span, _ tokens: [Token], _ view: TextView, people: Set<String>) -> Bool {
        guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens), first == last,
              first + 1 < tokens.count, tokens[first + 1].sentence == tokens[first].sentence,
              tokens[first + 1].range.lowerBound > tokens[first].range.upperBound,
              let segmenter = WordSegmenter.shipped else { return false }
        let head = view.scalars[tokens[first].range]
        guard head.count > 1, head.first!.properties.isUppercase, head.dropFirst().allSatisfy({ $0.properties.isLowercase }),
              view.scalars[tokens[first + 1].range].first?.properties.isLowercase == true else { return false }
        let key = SyllableKey.of(head).hash
        let names = model.lists.classes(ofPhrase: [key][...])
        let personal = UInt32(1) << UInt32(NameLists.classIndex("given")!) | UInt32(1) << UInt32(NameLists.classIndex("family")!)
        guard names & personal == 0 || !people.contains(String(scalars: head)) else { return false }
        // The word's syllables as keys (which ignore case), the head's first.
        var word = [key]
        for next in (first + 1)..<min(first + 3, tokens.count) where tokens[next].sentence == tokens[first].sentence {
            let syllable = view.scalars[tokens[next].range]
            guard syllable.first?.properties.isLowercase == true else { break }
            word.append(SyllableKey.of(syllable).hash)
            if segmenter.lists(syllableKeys: word[...]) { return true }
        }
        return false
    }

    /// Spans that end inside a word the segmenter made end with it (`Nobel Y` of `Nobel_Y_học`,
    /// `Thượng` of `Thượng_viện`): the model reads syllables, and a name is made of whole words.
    /// Not across the next span. `spans` and `words` are in text order.
    static func endingOnWords(_ spans: [EntityModel.Span], words: SpanLayer) -> [EntityModel.Span] {
        guard !words.isEmpty else { return spans }
        var out = spans
        var w = 0
        for i in out.indices {
            let end = out[i].end
            while w < words.count && words[w].end < end { w += 1 }
            guard w < words.count, words[w].start < end, words[w].end > end else { continue }
            if i + 1 < out.count && out[i + 1].start < words[w].end { continue }
            out[i].end = words[w].end
        }
        return out
    }

    /// Japanese honorifics glued to a name by a hyphen (`Cúc-san`): not part of it.
    static let honorifics: Set<String> = ["san", "sama", "kun", "chan", "sensei", "senpai", "dono"]

    /// A word of lower-case letters only.
    static func isLowerCaseWord(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isLetter && $0.isLowercase } }

    /// Lower-case words that are part of a place's name by the conventions: `châu` of a continent,
    /// the short heads of cities and districts (`tp`, `q`).
    static let headsInsidePlaces: Set<String> = Set(["châu"]).union(NameVariants.shortHeads.map { $0.lowercased() })

    /// A term's number as news writes it after `khóa`: Roman numerals (`X`, `XIV`) or digits.
    static func isTermNumber(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 6 && (s.allSatisfy { "IVXLC".contains($0) } || s.allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// The first and last of the tokens a span covers (tokens in text order), or nil when no token
    /// starts where it starts.
    static func tokens(of span: Range<Int>, in tokens: [Token]) -> (first: Int, last: Int)? {
        var lo = 0, hi = tokens.count
        while lo < hi { let mid = (lo + hi) / 2; if tokens[mid].range.lowerBound >= span.lowerBound { hi = mid } else { lo = mid + 1 } }
        guard lo < tokens.count, tokens[lo].range.lowerBound == span.lowerBound else { return nil }
        var last = lo
        while last + 1 < tokens.count && tokens[last + 1].range.upperBound <= span.upperBound { last += 1 }
        return (lo, last)
    }

    /// A span cut at brackets and the treebank's bracket words, which the model, seeing capitals,
    /// sometimes reads through (`Quỹ Hỗ trợ Nông dân LBKT QHTND` is a name and its acronym; a
    /// dateline's `( TTXVN ) - Công an tỉnh …`): the pieces on either side, each of the span's
    /// type, a piece opening on no dash.
    static func splitAtBracketWords(_ span: EntityModel.Span, _ tokens: [Token], _ view: TextView) -> [EntityModel.Span] {
        guard let (first, last) = Self.tokens(of: span.start..<span.end, in: tokens), last > first else { return [span] }
        var pieces: [EntityModel.Span] = []
        var open: Int?
        /// The piece from token `o` to the offset `end`.
        func close(_ o: Int, _ end: Int) {
            var piece = span
            piece.start = tokens[o].range.lowerBound
            piece.end = end
            pieces.append(piece)
        }
        for i in first...last {
            let word = view.string(tokens[i].range)
            if EntityRecognizer.bracketWords.contains(word) || Self.brackets.contains(word) {
                if let o = open { close(o, tokens[i - 1].range.upperBound) }
                open = nil
            } else if open == nil, !(i > first && Self.dashes.contains(word)) {
                open = i
            }
        }
        if pieces.isEmpty && open == first { return [span] }
        if let o = open { close(o, span.end) }
        return pieces
    }

    /// Conjunctions, prepositions and particles that end no name (unlike `nhất` of `Thống nhất`).
    static let wordsEndingNoName: Set<String> = ["và", "của", "ở", "tại", "cho", "với", "đã", "sẽ", "đang", "là", "được", "bị",
                                                 "thì", "mà", "nhưng", "rằng", "để", "khi", "hoặc", "hay"]
    static let brackets: Set<String> = ["(", ")", "[", "]"]
    static let dashes: Set<String> = ["-", "–", "—"]

    /// The confidence under which the model's span is open to correction.
    static let unsure = 0.2

    static func isAcronym(_ s: String) -> Bool {
        let letters = s.unicodeScalars.filter(\.properties.isAlphabetic)
        return letters.count >= 2 && letters.count <= 10 && s.first?.isUppercase == true
            && letters.filter(\.properties.isUppercase).count >= 2
    }

    /// The title right before token `i` (`Tổng thống`, `ông`, `Bộ trưởng`), skipping a place or
    /// organization named in between (`Phó Tổng thống Mỹ JD Vance`).
    func title(before i: Int, _ tokens: [Token], _ spansByEnd: [Int: EntityModel.Span], _ view: TextView) -> String? {
        var end = i
        // Skip one place or organization right before the person.
        if end > 0, let span = spansByEnd[tokens[end - 1].range.upperBound], span.type == "LOC" || span.type == "ORG" {
            var k = end - 1
            while k > 0 && tokens[k - 1].range.lowerBound >= span.start { k -= 1 }
            end = k
        }
        var best: String?
        var k = end - 1
        var key = ""
        while k >= 0 && end - k <= cues.longest && tokens[k].sentence == tokens[i].sentence {
            let word = AliasKey.quick(scalars: view.scalars[tokens[k].range])
            key = key.isEmpty ? word : word + " " + key
            if cues.isPersonTitle(key) {
                best = tokens[k...(end - 1)].map { view.string($0.range) }.joined(separator: " ")
            }
            k -= 1
        }
        return best
    }

    /// Heads in lower case that the conventions keep outside an organization's name.
    static let genericLowerCaseHeads = ["công ty", "trường", "chính phủ"]

    /// The range of a Vietnamese full name that is all of `r` but its leading spaces: two to
    /// four capitalized syllables, the first a family name (`Lê Thế Tiệm`).
    static func fullName(_ r: Range<Int>, _ scalars: [Unicode.Scalar], _ familyNames: Set<String>) -> Range<Int>? {
        var start = r.lowerBound
        while start < r.upperBound && scalars[start] == " " { start += 1 }
        let words = String(scalars: scalars[start..<r.upperBound]).split(separator: " ", omittingEmptySubsequences: false)
        guard (2...4).contains(words.count), familyNames.contains(String(words[0])),
              words.allSatisfy({ $0.count > 1 && $0.first!.isUppercase && $0.dropFirst().allSatisfy(\.isLowercase) }) else { return nil }
        return start..<r.upperBound
    }

    /// The model's mentions completed by the knowledge base's:
    /// - a known name that overlaps no mention is added (a one-word name only where the
    ///   knowledge-base pass's own checks let it through);
    /// - a model mention made of known names side by side is split into them ("Pháp Emmanuel
    ///   Macron" → "Pháp", "Emmanuel Macron");
    /// - a known name of several words that the model's edges cut across is taken whole, and the
    ///   rest of the cut mentions kept ("Bồ | Đào Nha Henrique Calisto" → "Bồ Đào Nha", "Henrique Calisto");
    /// - a known name that overlaps a mention otherwise leaves it as it is: the model's edges
    ///   follow the annotation conventions (heads outside, the outer name whole), the knowledge
    ///   base's names do not ("thành phố Hồ Chí Minh"), and letting them win cost 1.4 points of
    ///   typed F1 and 2 of link accuracy in cross-validation;
    /// - where both found the same span, the model's type stands, except a person that the
    ///   knowledge base knows as an organization or a thing (`Tuổi Trẻ`, a user's `Tiki`);
    /// - a mention that is exactly a currency or a language name is dropped.
    static func merge(_ found: [EntityMention], known: [EntityMention], blocked: [Range<Int>], scalars: [Unicode.Scalar],
                      familyNames: Set<String> = []) -> [EntityMention] {
        // Both lists are sorted and free of overlaps within themselves (each pass moves past
        // what it takes), so one sweep and binary searches do: no work grows with the square.
        let blockedSet = Set(blocked)
        let model = found.filter { !blockedSet.contains($0.start..<$0.end) }.sorted { $0.start < $1.start }
        let known = known.sorted { $0.start < $1.start }
        func onlySpaces(_ r: Range<Int>) -> Bool { r.isEmpty || scalars[r].allSatisfy { $0 == " " } }
        func opensSentence(_ offset: Int) -> Bool {
            var i = offset
            while i > 0 && scalars[i - 1].properties.isWhitespace { i -= 1 }
            return i == 0 || EntitySentence.openerScalars.contains(scalars[i - 1])
        }
        /// Whether the first thing after the spaces at `offset` (before `end`) is a capital.
        func capitalAfter(_ offset: Int, _ end: Int) -> Bool {
            var i = offset
            while i < end && scalars[i] == " " { i += 1 }
            return i < end && scalars[i].properties.isUppercase
        }
        /// Whether what lies between two mentions joins them into one name: capitalized words and
        /// the particles of names (`de`, `van`, `bin`), not a Vietnamese word in lower case
        /// (`Đại hội XII của Đảng` is two names).
        func joinsAName(_ r: Range<Int>) -> Bool {
            String(scalars: scalars[r]).split(separator: " ").allSatisfy { w in
                w.first!.isUppercase || w.first!.isNumber || w == "-" || EntityRecognizer.connectors.contains(String(w)) || w == "bin" || w == "al"
            }
        }
        /// Whether the words before a mention are a short head in capitals (`TP`, `TX`, `Q.`), which
        /// the conventions keep out of the name (`TP Thủ Đức` → `Thủ Đức`).
        func abbreviatedHead(_ r: Range<Int>) -> Bool {
            let words = String(scalars: scalars[r]).split(separator: " ")
            return words.count == 1 && words[0].count <= 3 && words[0].allSatisfy { $0.isUppercase || $0 == "." }
        }
        /// The word that ends right before `offset`, not reaching before `floor`.
        func wordBefore(_ offset: Int, in floor: Int) -> String {
            var end = offset
            while end > floor && scalars[end - 1] == " " { end -= 1 }
            var start = end
            while start > floor && scalars[start - 1] != " " { start -= 1 }
            return String(scalars: scalars[start..<end])
        }
        var out: [EntityMention] = []
        var kept: [EntityMention] = []
        var used = Set<Range<Int>>()
        // Model mentions tiled by known names are split into them.
        var k = 0
        for m in model {
            while k < known.count && known[k].start < m.start { k += 1 }
            var j = k
            var inside: [EntityMention] = []
            while j < known.count && known[j].end <= m.end { inside.append(known[j]); j += 1 }
            // An organization tiled by an organization and a place is that place's institution
            // (`Chính phủ Nhật`, `Bộ Y tế Singapore`), not two names.
            // An acronym is a name of its own (`JICA Nhật Bản` is JICA, of Japan).
            let institution = m.type == "ORG" && inside.count == 2 && inside[0].type == "ORG" && inside[1].type == "LOC"
                && scalars[inside[0].start..<inside[0].end].contains { $0.properties.isLowercase }
            if inside.count >= 2, !institution, onlySpaces(m.start..<inside[0].start), onlySpaces(inside[inside.count - 1].end..<m.end),
               zip(inside, inside.dropFirst()).allSatisfy({ onlySpaces($0.end..<$1.start) }) {
                out += inside
                for i in inside { used.insert(i.start..<i.end) }
            } else {
                kept.append(m)
            }
        }
        /// The first kept mention that ends after `offset`.
        func firstEnding(after offset: Int) -> Int {
            var lo = 0, hi = kept.count
            while lo < hi { let mid = (lo + hi) / 2; if kept[mid].end > offset { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        for name in known where !used.contains(name.start..<name.end) {
            var overlapping: [Int] = []
            var i = firstEnding(after: name.start)
            while i < kept.count && kept[i].start < name.end { overlapping.append(i); i += 1 }
            if overlapping.isEmpty {
                out.append(name)
                continue
            }
            // A place the knowledge base knows with its short head in lower case (`tp Hồ Chí Minh`):
            // the model took the name after the head; the conventions keep such a head (`tp . HCM`).
            if overlapping.count == 1, case let m = kept[overlapping[0]], m.type == name.type, name.type == "LOC",
               m.start > name.start, m.end == name.end, scalars[name.start].properties.isLowercase,
               NameVariants.shortHeads.contains(String(scalars: scalars[name.start..<m.start].filter { $0 != " " && $0 != "." }).lowercased()) {
                kept[overlapping[0]].start = name.start
                continue
            }
            // An organization the knowledge base knows with its head in lower case (`thông tấn xã
            // VN`, `bộ Công an`), which holds the model's mentions: the conventions keep such a head,
            // all but generic ones (`công ty`, `trường`, `chính phủ`).
            if name.type == "ORG", scalars[name.start].properties.isLowercase,
               overlapping.allSatisfy({ kept[$0].start >= name.start && kept[$0].end <= name.end }),
               case let text = String(scalars: scalars[name.start..<name.end]),
               !Self.genericLowerCaseHeads.contains(where: { text.hasPrefix($0 + " ") }) {
                kept.removeSubrange(overlapping[0]...overlapping[overlapping.count - 1])
                out.append(name)
                continue
            }
            // An organization the model ran on into the person after it (`bộ Công an Lê Thế
            // Tiệm`, `Sở Y tế Nguyễn Văn Thành`): the known name, then the person it leaves.
            if overlapping.count == 1, case let m = kept[overlapping[0]], m.type == "ORG", name.type == "ORG",
               m.start == name.start, m.end > name.end, let person = fullName(name.end..<m.end, scalars, familyNames) {
                kept[overlapping[0]] = EntityMention(start: person.lowerBound, end: person.upperBound, type: "PER",
                                                     confidence: m.confidence, source: m.source)
                out.append(name)
                continue
            }
            // One word joined by hyphens is one name ("I-rắc", "Al-Qaeda", "V-League"): the model,
            // which reads syllables, takes a piece of it; the knowledge base knows the whole.
            let span = scalars[name.start..<name.end]
            if span.contains("-"), !span.contains(" "),
               overlapping.allSatisfy({ kept[$0].start >= name.start && kept[$0].end <= name.end }) {
                kept.removeSubrange(overlapping[0]...overlapping[overlapping.count - 1])
                out.append(name)
                continue
            }
            // A known name of several words that the model's edges cut across ("Bồ" + "Đào Nha Henrique
            // Calisto" for "Bồ Đào Nha Henrique Calisto"): no mention holds the name whole, and one
            // starts or ends inside it. The name is taken whole; what the model read beyond it stays
            // a mention of the model's type when it opens with a capital.
            // Not for a name at a sentence's start, whose capital may be any word's ("Ngày Giỗ Tổ"
            // of "Ngày Giỗ Tổ Hùng Vương"), nor when what the model read beyond the name is no name.
            if span.contains(" "), span.first!.properties.isUppercase, !opensSentence(name.start),
               !overlapping.contains(where: { kept[$0].start <= name.start && kept[$0].end >= name.end }),
               overlapping.contains(where: { (kept[$0].start > name.start && kept[$0].end > name.end && capitalAfter(name.end, kept[$0].end))
                   || (kept[$0].start < name.start && kept[$0].end < name.end) }) {
                // An organization cut inside a place's name is the outer name, which holds the place
                // ("Sở Giao dịch Chứng khoán TP" + "TP .HCM").
                if overlapping.count == 1, case let m = kept[overlapping[0]], m.type == "ORG", name.type == "LOC",
                   m.start < name.start, m.end < name.end {
                    kept[overlapping[0]].end = name.end
                    continue
                }
                var rest: [EntityMention] = []
                for i in overlapping {
                    var m = kept[i]
                    if m.start < name.start {
                        m.end = name.start
                        while m.end > m.start && scalars[m.end - 1] == " " { m.end -= 1 }
                        if m.end > m.start { rest.append(m) }
                    } else if m.end > name.end {
                        m.start = name.end
                        while m.start < m.end && scalars[m.start] == " " { m.start += 1 }
                        if m.start < m.end, scalars[m.start].properties.isUppercase { rest.append(m) }
                    }
                }
                kept.replaceSubrange(overlapping[0]...overlapping[overlapping.count - 1], with: rest)
                out.append(name)
                continue
            }
            // A known name of several words, capitalized, that holds the model's mentions and more
            // ("Ngoại hạng Anh" over "Anh", "Euro 2008" over "Euro", "Christian de Castries" over
            // "Christian" and "Castries"): the capital and the base agree that the name goes on.
            // Not at a sentence's start unless the model starts there too; not a person's name grown
            // forwards (a title the base lists with the name is no part of it) nor over a short head
            // in capitals (`TP Thủ Đức`); after the model's mentions and between them only capitals,
            // numbers and name particles (`Đại liên` is no `Đại` + `liên`, `Đại hội XII của Đảng`
            // two names); and not over `của` before the mention: a work and its author (`Giao
            // hưởng số 9 của Beethoven`) are two names.
            if span.contains(" "), span.first!.properties.isUppercase,
               overlapping.allSatisfy({ kept[$0].start >= name.start && kept[$0].end <= name.end }),
               !overlapping.contains(where: { kept[$0].start == name.start && kept[$0].end == name.end }),
               case let first = kept[overlapping[0]],
               first.start == name.start || (!opensSentence(name.start) && name.type != "PER" && !abbreviatedHead(name.start..<first.start)),
               zip(overlapping, overlapping.dropFirst()).allSatisfy({ joinsAName(kept[$0].end..<kept[$1].start) }),
               joinsAName(kept[overlapping[overlapping.count - 1]].end..<name.end),
               wordBefore(first.start, in: name.start) != "của" {
                kept.removeSubrange(overlapping[0]...overlapping[overlapping.count - 1])
                out.append(name)
                continue
            }
            // A name written with its later words in lower case, as older writing has it ("Tây nguyên",
            // "Bắc bộ"), or a head's dot and a number ("Q.2"): the model, which leans on capitals,
            // takes the first word; the knowledge base knows the whole.
            // The same goes for a known name of the mention's type that starts where it starts: the
            // model stopped inside it ("Viện Pasteur TP" of "Viện Pasteur TP .HCM").
            if overlapping.count == 1, kept[overlapping[0]].start == name.start, kept[overlapping[0]].end < name.end,
               kept[overlapping[0]].type == name.type {
                kept[overlapping[0]].end = name.end
                kept[overlapping[0]].confidence = max(kept[overlapping[0]].confidence, name.confidence)
                continue
            }
            if overlapping.count == 1, kept[overlapping[0]].start == name.start, kept[overlapping[0]].end == name.end {
                let i = overlapping[0]
                // The model takes a known company or paper for a person ("Tuổi Trẻ"); but people
                // are often named like places ("Văn Lâm", "Mỹ"), and the model tells a language
                // from its country ("tiếng Anh") better than a list.
                if kept[i].type == "PER" && name.type != "LOC" { kept[i].type = name.type }
                // An edition of an event the base knows by this very span (`Olympic Bắc Kinh`, `Tiger Cup
                // 1998`) is the event, though the model saw a place or an organization in it.
                if name.type == "EVENT" && (kept[i].type == "LOC" || kept[i].type == "ORG") { kept[i].type = name.type }
                // Two readings agree on the span: as sure as the surer.
                kept[i].confidence = max(kept[i].confidence, name.confidence)
                continue
            }
        }
        out += kept
        // A span that a known name after it cut short may end on a conjunction (`Quốc hội VN
        // và` | `Đại hội đại biểu nhân dân toàn quốc`).
        for i in out.indices where out[i].source == "model" {
            while let space = scalars[out[i].start..<out[i].end].lastIndex(of: " "),
                  wordsEndingNoName.contains(String(scalars: scalars[(space + 1)..<out[i].end])) {
                out[i].end = space
            }
        }
        return out.sorted { $0.start < $1.start }
    }

    /// A name of two to four capitalized words that opens with a foreign given name (`Marco
    /// Materazzi`, `Roger Tsien`) is a person, though the model typed it a place or an
    /// organization — unless the knowledge base knows that very span as one. A thing named after
    /// a person (`Harry Potter`, typed MISC) stays the model's.
    static func peopleByGivenName(_ mentions: [EntityMention], known: [EntityMention], givenNames: Set<String>,
                                  scalars: [Unicode.Scalar]) -> [EntityMention] {
        guard !givenNames.isEmpty else { return mentions }
        let knownSpans = Set(known.map { $0.start..<$0.end })
        return mentions.map { m in
            guard m.source == "model", m.type == "LOC" || m.type == "ORG", !knownSpans.contains(m.start..<m.end) else { return m }
            let words = scalars[m.start..<m.end].split(separator: " ")
            guard (2...4).contains(words.count), words.allSatisfy({ $0.first?.properties.isUppercase == true }),
                  givenNames.contains(String(scalars: words[0])) else { return m }
            var person = m
            person.type = "PER"
            return person
        }
    }

    /// Whether text goes on a name without a capital: words after a space, each starting with a
    /// lower-case letter, or a dot and a number glued to the name ("Q.2").
    static func continuesWithoutCapital(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        if text.first == ".", text.count > 1, text.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) { return true }
        guard text.first == " " else { return false }
        var atWordStart = false
        for c in text {
            if c == " " { atWordStart = true; continue }
            if atWordStart {
                guard c.properties.isLowercase else { return false }
                atWordStart = false
            }
        }
        return !atWordStart
    }
}
