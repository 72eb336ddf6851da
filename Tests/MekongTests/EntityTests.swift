import Foundation
import Testing
@testable import Mekong

private let pipelineJSON = #"{"name": "e", "stages": [{"use": "normalize"}, {"use": "sentences"}, {"use": "tokens"}, {"use": "words"}, {"use": "entities"}, {"use": "link"}]}"#

private func entities(_ text: String, language: String = "vi") throws -> [Annotation] {
    try Support.process(Document(id: "e", text: text, language: language), pipelineJSON).layers[.entities]
}

/// The English name each mention text links to (the first mention of a text wins).
private func englishNames(_ e: [Annotation]) -> [String: String?] {
    Dictionary(e.map { ($0["text"]?.stringValue ?? "", $0["names"]?["en"]?.stringValue) }, uniquingKeysWith: { a, _ in a })
}

@Suite("entities and linking")
struct EntityTests {
    /// The document's words the linker weighs candidates by: runs of letters with their
    /// marks in lower case, as splitting an alias key by `Character` gives them.
    @Test func documentWordsAreRunsOfLetters() {
        let text = "Hà Nội, 2025: thủ-ĐÔ e\u{0301}p x2 ΑΘΗΝΑ 東京 \u{0301}lẻ İzmir"
        let bySplit = Set(AliasKey.quick(text[...]).split(whereSeparator: { !$0.isLetter }).map(String.init))
        let words = DocumentWords(text)
        #expect(words.count == bySplit.count)
        for w in bySplit { #expect(words.contains(w), "\(w)") }
        for w in ["hà", "nội", "thủ", "đô", "e\u{0301}p", "x", "αθηνα", "東京", "lẻ", "i\u{0307}zmir"] { #expect(words.contains(w), "\(w)") }
        #expect(!words.contains("hà nội") && !words.contains("2025") && !words.contains("Hà"))
        let fromScalars = DocumentWords(scalars: Array(text.unicodeScalars))
        #expect(fromScalars.count == words.count && bySplit.allSatisfy { fromScalars.contains($0) })
    }

    /// A language's cues are one box that copies share: a change to a copy leaves the original
    /// as it was, and a change to a list the unions join unseals the copy only.
    @Test func cuesCopiedAndChangedStayApart() {
        let original = EntityCues.shipped.cues(for: "vi")
        var copy = original
        copy.personTitles.insert("thầy cả")
        copy.longest = 9
        #expect(original.isSealed && !copy.isSealed)
        #expect(!original.personTitles.contains("thầy cả") && copy.personTitles.contains("thầy cả"))
        #expect(original.longest != 9 && copy.longest == 9)
        #expect(!original.isPersonTitle("thầy cả") && copy.isPersonTitle("thầy cả"))
        let resealed = copy.sealed()
        #expect(resealed.isSealed && resealed.isPersonTitle("thầy cả") && !copy.isSealed)
        var merged = EntityCues.shipped
        var extra = EntityCues()
        extra.languages["vi"] = copy
        merged.merge(extra)
        #expect(merged.cues(for: "vi").isSealed && merged.cues(for: "vi").isPersonTitle("thầy cả") && !EntityCues.shipped.cues(for: "vi").isPersonTitle("thầy cả"))
    }

    /// A title is asked of the sealed cues' key set, or of the list when the cues are not sealed:
    /// the same answers.
    @Test func personTitlesAnswerTheSameSealedOrNot() {
        let sealed = EntityCues.shipped.cues(for: "vi")
        var unsealed = EntityCues.Language()
        unsealed.personTitles = sealed.personTitles
        #expect(sealed.isSealed && !unsealed.isSealed && !sealed.personTitles.isEmpty)
        for key in Array(sealed.personTitles) + ["ông", "tổng thống", "phó tổng thống", "bộ trưởng", "hà nội", "", "ong"] {
            #expect(sealed.isPersonTitle(key) == unsealed.isPersonTitle(key) && sealed.isPersonTitle(key) == sealed.personTitles.contains(key), "\(key)")
        }
    }

    /// A recognizer asks key sets about a run of units by the hash of their keys, made with no
    /// key: the answer is the one for the key made in full, over every run of up to six units.
    @Test func keySetsAnswerRunsOfUnitsAsTheirKeys() throws {
        let p = try Support.pipeline(#"{"name": "t", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#)
        defer { p.finish() }
        var doc = Document(id: "d", text: "Ông Nguyễn Văn An đến TP . HCM , rồi ra hà nội và thành phố Hồ Chí Minh ( Q.1 ) với bộ Công an.", language: "vi")
        try p.process(&doc)
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        let r = EntityRecognizer(kb: kb, cues: EntityCues.shipped.cues(for: "vi"), language: "vi", document: doc, words: false)
        var runs: [String] = []
        for i in r.units.indices { for j in (i + 1)...min(i + 6, r.units.count) where j % 2 == 0 { runs.append(r.key(i, j)) } }
        let set = KeySet(runs + ["thành phố", "hà nội", "không có"])
        for i in r.units.indices {
            for j in (i + 1)...min(i + 6, r.units.count) {
                #expect(r.keyHash(i, j) == KeySet.hash(r.key(i, j)))
                #expect(r.contains(set, i, j) == set.contains(r.key(i, j)), "\(r.key(i, j))")
            }
            #expect(set.contains(r.units[i]) == set.contains(r.units[i].key))
        }
        #expect(r.units.indices.contains { i in i + 2 <= r.units.count && r.key(i, i + 2) == "thành phố" && r.contains(set, i, i + 2) })
    }

    func score(_ file: String) throws -> EntityEvaluation {
        let p = try Support.pipeline(pipelineJSON)
        defer { p.finish() }
        var score = EntityEvaluation()
        for s in try EntityEvaluation.read(Support.fixtures + "/entities/" + file) {
            var doc = Document(id: "\(s.line)", text: s.text, language: s.language)
            try p.process(&doc)
            score.add(s, document: doc)
        }
        #expect(score.errors.isEmpty, "\(score.errors)")
        return score
    }

    // Floors a little under the scores measured when the sets were made (see the README), so
    // that a change that makes recognition or linking worse fails here. The Vietnamese tuning
    // set's were set again for the trained model (measured 0.915 / 0.887 typed, finer types
    // counted as MISC): the set was written to tune the cue rules, and some of its conventions
    // (nationality adjectives are not names) predate the annotation guidelines the model follows.
    @Test func tuningSetScores() throws {
        let vi = try score("gold-vi.tsv")
        #expect(vi.gold >= 240 && vi.f1 >= 0.90 && vi.typedF1 >= 0.87 && vi.linkAccuracy >= 0.97, "\(vi.report)")
        let en = try score("gold-en.tsv")
        #expect(en.gold >= 80 && en.f1 >= 0.87 && en.typedF1 >= 0.83 && en.linkAccuracy >= 0.97, "\(en.report)")
    }

    @Test func heldOutSetScores() throws {
        let vi = try score("heldout-vi.tsv")
        // 0.879 with the model trained on Data/entities (0.937 with fewer organizations in its data): the set keeps
        // "Sở Tài chính" and "Đồng Nai" apart where the guidelines make the outer name one mention, and the model
        // now joins a few runs it should not ("Vingroup Nguyễn Việt Quang").
        #expect(vi.f1 >= 0.86 && vi.typedF1 >= 0.83 && vi.linkAccuracy >= 0.95, "\(vi.report)")
        let en = try score("heldout-en.tsv")
        #expect(en.f1 >= 0.8 && en.linkAccuracy >= 0.95, "\(en.report)")
    }

    @Test func titlesStayOutOfTheSpanAndNamesComeInTargetLanguages() throws {
        let e = try entities("Tổng thống Pháp Emmanuel Macron gặp Chủ tịch Ủy ban châu Âu Ursula von der Leyen.")
        let macron = try #require(e.first { $0["text"]?.stringValue == "Emmanuel Macron" })
        // The country between title and name is a mention of its own, not part of the title.
        #expect(macron.label == "PER" && macron["title"]?.stringValue == "Tổng thống" && macron["id"]?.stringValue == "Q3052772")
        #expect(macron["names"]?["en"]?.stringValue == "Emmanuel Macron")
        let ec = try #require(e.first { $0["text"]?.stringValue == "Ủy ban châu Âu" })
        #expect(ec["names"]?["fr"]?.stringValue == "Commission européenne" && ec["names"]?["en"]?.stringValue == "European Commission")
        #expect(e.contains { $0["text"]?.stringValue == "Pháp" && $0["id"]?.stringValue == "iso3166:FR" })
    }

    @Test func unknownNamesAreNILAndClusteredAndShortNamesFollowTheFullOne() throws {
        let e = try entities("Ông Trần Minh Quang nói với Reuters. Sau đó, ông Quang rời Hà Nội. Tổng thống Emmanuel Macron và ông Macron là một.")
        let quang = e.filter { $0["text"]?.stringValue?.hasSuffix("Quang") == true }
        #expect(quang.count == 2)
        #expect(quang.allSatisfy { $0["nil"] == .bool(true) })
        #expect(Set(quang.compactMap { $0["cluster"]?.stringValue }).count == 1, "one cluster for one person")
        let macron = e.filter { $0["text"]?.stringValue?.contains("Macron") == true }
        #expect(macron.count == 2 && macron.allSatisfy { $0["id"]?.stringValue == "Q3052772" })
    }

    /// A bare compass name after a word that makes it a region (`giọng Bắc`, `vào Nam`) is that
    /// region of the country; a Chinese name shortened to its first word (`ông Tập`) follows the
    /// full one, though places spelled alike without diacritics (Tapa) exist.
    @Test func regionsAndShortenedChineseNamesLink() throws {
        let e = try entities("Hai người đàn ông nói giọng Bắc đứng bán. Chủ tịch Trung Quốc Tập Cận Bình thăm Hà Nội. Ông Tập nói với báo chí.")
        let north = try #require(e.first { $0["text"]?.stringValue == "Bắc" }, "\(e.map { $0["text"]?.stringValue ?? "" })")
        #expect(north["id"]?.stringValue == "mekong:northern-vietnam")
        let xi = e.filter { $0["text"]?.stringValue?.hasPrefix("Tập") == true }
        #expect(xi.count == 2 && xi.allSatisfy { $0["id"]?.stringValue == "Q15031" }, "\(xi)")
    }

    /// Products link to the article that covers them, variants included (Resources/kb/products.jsonl).
    @Test func productsLinkToTheirFamilyArticle() throws {
        let e = try entities("Samsung ra mắt Galaxy S25 Ultra, còn Apple bán iPhone 16 Pro Max chạy iOS. Vietnam Airlines nhận thêm Airbus A350.")
        let byText = englishNames(e)
        #expect(byText["Galaxy S25 Ultra"] == "Samsung Galaxy S25", "\(byText)")
        #expect(byText["iPhone 16 Pro Max"] == "iPhone 16 Pro", "\(byText)")
        #expect(byText["Airbus A350"] == "Airbus A350", "\(byText)")
    }

    /// A language named with `tiếng` is that language, however rare (the languages of Vietnam's
    /// peoples); a car model named without its make links when the recognizer finds it.
    @Test func languagesOfVietnamsPeoplesAndBareModelsLink() throws {
        let e = try entities("Ông nói với thông gia bằng tiếng Mường, còn các em học tiếng Chăm. Doanh số tăng nhờ mẫu Vios bán chạy.")
        let byText = englishNames(e)
        #expect(byText["Mường"] == "Mường language" && byText["Chăm"] == "Cham language", "\(byText)")
        #expect(byText["Vios"] == "Toyota Vios", "\(byText)")
    }

    /// A person's name is no people's or language's, and a short acronym of a little-known
    /// organization links only when the document speaks of it.
    @Test func peopleAndShortAcronymsNeedTheRightEvidence() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:viet-people", type: "MISC", prior: 0.9, labels: ["vi": "Việt", "en": "Vietnamese people"]))
        try kb.add(KBEntity(id: "x:tomtec", type: "ORG", prior: 0.2, labels: ["en": "TOMTEC Imaging Systems"], aliases: ["mul": ["TT"]]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        func link(_ text: String, _ mentions: [(String, String)]) throws -> [String?] {
            try linker.link(mentions.map { (text: $0.0, type: $0.1, before: []) }, documentWords: DocumentWords(text)).map(\.id)
        }
        #expect(try link("Anh Việt đến.", [("Việt", "PER")]) == [nil])
        #expect(try link("Người Việt đến.", [("Việt", "MISC")]) == ["x:viet-people"])
        #expect(try link("Theo TT, giá tăng.", [("TT", "ORG")]) == [nil])
        #expect(try link("TT (TOMTEC Imaging Systems) ra mắt máy siêu âm.", [("TT", "ORG")]) == ["x:tomtec"])
    }

    @Test func aWellKnownEntityRetypesAForeignName() throws {
        #expect(EntityLinker.foreignShaped("Pari") && EntityLinker.foreignShaped("Saddam Hussein") && EntityLinker.foreignShaped("CHDC Đức"))
        #expect(!EntityLinker.foreignShaped("Đức") && !EntityLinker.foreignShaped("Phan Bội Châu") && !EntityLinker.foreignShaped("Nguyễn Thị Minh Khai"))
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:paris", type: "LOC", prior: 0.9, labels: ["vi": "Paris", "en": "Paris"], aliases: ["vi": ["Pa-ri"]]))
        try kb.add(KBEntity(id: "x:lindi", type: "LOC", prior: 0.53, labels: ["en": "Lindi"], aliases: ["mul": ["Linda"]]))
        try kb.add(KBEntity(id: "x:germany", type: "LOC", prior: 0.8, labels: ["vi": "Đức", "en": "Germany"]))
        try kb.add(KBEntity(id: "x:cpc", type: "ORG", prior: 0.9, labels: ["en": "Chinese Communist Party"], aliases: ["en": ["CPC"]]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let text = "Anh Đức sang Pari rồi gặp Linda ở CPC."
        let links = try linker.link([("Pari", "PER"), ("Pari", "PER"), ("Linda", "PER"), ("Đức", "PER"), ("CPC", "LOC")].map { (text: $0.0, type: $0.1, before: []) },
                                    documentWords: DocumentWords(text))
        // `Pari` (written without hyphens) is the city however the recognizer typed it; a small place
        // does not take a person's given name, nor the country a Vietnamese given name, nor an acronym its type.
        #expect(links[0].id == "x:paris" && links[1].id == "x:paris" && links[2].id == nil && links[4].id == "x:cpc")
        #expect(links.map(\.type) == ["LOC", "LOC", nil, nil, nil])
    }

    /// A foreign-shaped name linked once in a document is that entity wherever it is written the
    /// same and went unlinked (a company opening a sentence, taken for a person); a Vietnamese
    /// given name that is also a country's is not carried over.
    @Test func aForeignNameLinkedOnceIsThatEntityThroughoutTheDocument() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:deepseek", type: "ORG", prior: 0.6, labels: ["en": "DeepSeek"]))
        try kb.add(KBEntity(id: "x:germany", type: "LOC", prior: 0.8, labels: ["vi": "Đức", "en": "Germany"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let text = "DeepSeek tuyên bố chi phí thấp. Chi phí phần cứng của DeepSeek cao hơn. Anh Đức sang Đức."
        let links = try linker.link([("DeepSeek", "PER", []), ("DeepSeek", "ORG", ["của"]), ("Đức", "PER", ["anh"]), ("Đức", "LOC", ["sang"])]
                                        .map { (text: $0.0, type: $0.1, before: $0.2) }, documentWords: DocumentWords(text))
        #expect(links.map(\.id) == ["x:deepseek", "x:deepseek", nil, "x:germany"])
        #expect(links[0].type == "ORG" && links[1].type == nil && links[2].type == nil)
    }

    /// A country's long form reads like an institution's and the recognizer may type it ORG: the
    /// country, when the base has the whole name as one. A short name typed ORG (a national team)
    /// and a company named after a place keep the recognizer's type.
    @Test func aCountrysLongFormTypedAnOrganizationIsTheCountry() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "iso3166:AE", type: "LOC", prior: 0.8, labels: ["vi": "Các Tiểu Vương quốc Ả Rập Thống nhất", "en": "United Arab Emirates"],
                            aliases: ["vi": ["UAE"]]))
        try kb.add(KBEntity(id: "iso3166:VN", type: "LOC", prior: 0.9, labels: ["vi": "Việt Nam", "en": "Vietnam"]))
        try kb.add(KBEntity(id: "x:truong-son", type: "LOC", prior: 0.6, labels: ["vi": "Trường Sơn Đông Bắc", "en": "Truong Son"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let text = "Các Tiểu vương quốc Ả Rập Thống nhất (UAE) đầu tư; Việt Nam thắng; Trường Sơn Đông Bắc lãi."
        let links = try linker.link([("Các Tiểu vương quốc Ả Rập Thống nhất", "ORG"), ("Việt Nam", "ORG"), ("Trường Sơn Đông Bắc", "ORG")]
                                        .map { (text: $0.0, type: $0.1, before: []) }, documentWords: DocumentWords(text))
        #expect(links[0].id == "iso3166:AE" && links[0].type == "LOC")
        #expect(links[1].type == nil && links[2].type == nil)
    }

    /// The short form of an organization the document named in full is that organization, also
    /// where the recognizer took it for a person — unless a kinship word or a title says it is one.
    /// A country of two words taken for a person is the country.
    @Test func aShortFormOrACountryTakenForAPersonIsWhatTheDocumentSays() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "iso3166:KR", type: "LOC", prior: 0.8, labels: ["vi": "Hàn Quốc", "en": "South Korea"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let text = "Ê-kíp của Bệnh viện Từ Dũ sang hội chẩn. Bác sĩ Trâm của Từ Dũ kể lại. Chị Từ Dũ bán rau. Các chuyên gia Hàn Quốc đến."
        let links = try linker.link([("Bệnh viện Từ Dũ", "ORG", "của"), ("Từ Dũ", "PER", "của"), ("Từ Dũ", "PER", "chị"), ("Hàn Quốc", "PER", "chuyên gia")]
                                        .map { (text: $0.0, type: $0.1, before: $0.2.split(separator: " ").map(String.init)) }, documentWords: DocumentWords(text))
        #expect(links[0].cluster != nil && links[1].cluster == links[0].cluster && links[1].type == "ORG", "\(links)")
        #expect(links[2].cluster != links[0].cluster && links[2].type == nil, "\(links)")
        #expect(links[3].id == "iso3166:KR" && links[3].type == "LOC", "\(links)")
    }

    /// A name typed a person: the well-known place after `ở` (and no person has the name), nothing
    /// after a kinship word, even where the document has linked the place before.
    @Test func aPrepositionOfPlaceOrAKinshipWordDecidesForANameTypedAPerson() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:vienna", type: "LOC", prior: 0.62, labels: ["vi": "Viên", "en": "Vienna"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let links = try linker.link([("ở", "PER"), ("anh", "PER")].map { (text: "Viên", type: $0.1, before: [$0.0]) },
                                    documentWords: DocumentWords("Chung kết ở Viên. Anh Viên kể lại."))
        #expect(links.map(\.id) == ["x:vienna", nil])
        #expect(links.map(\.type) == ["LOC", nil])
    }

    /// A Vietnamese name typed a place: the person after a title, a street after `phố` or `ở`
    /// (and after a house number), and without either the well-known person the base has (a
    /// singer in a list the recognizer took for places).
    @Test func aTitleOrAHeadDecidesBetweenAPersonAndWhatIsNamedAfterThem() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:ly-thai-to", type: "PER", prior: 0.9, labels: ["vi": "Lý Thái Tổ", "en": "Lý Thái Tổ"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let links = try linker.link([("vua", "LOC"), ("phố", "LOC"), (nil, "LOC"), ("vua", "PER"), ("ở", "LOC"), ("số 18", "LOC")].map { (text: "Lý Thái Tổ", type: $0.1, before: $0.0?.split(separator: " ").map(String.init) ?? []) },
                                    documentWords: DocumentWords("Vua Lý Thái Tổ dời đô; phố Lý Thái Tổ."))
        #expect(links.map(\.id) == ["x:ly-thai-to", nil, "x:ly-thai-to", "x:ly-thai-to", "x:ly-thai-to", "x:ly-thai-to"])
        #expect(links.map(\.type) == ["PER", nil, "PER", nil, nil, nil])
    }

    /// A better-known entity of another type overrules the recognizer's type only when nothing of
    /// that type comes near it: the city where one lives, the footballer typed a place.
    @Test func aBetterKnownEntityOfAnotherTypeNeedsNoRivalOfTheRecognizersType() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:liverpool", type: "LOC", prior: 0.58, labels: ["vi": "Liverpool", "en": "Liverpool"]))
        try kb.add(KBEntity(id: "x:liverpool-fc", type: "ORG", prior: 0.7, labels: ["vi": "Liverpool", "en": "Liverpool F.C."]))
        try kb.add(KBEntity(id: "x:zidane", type: "PER", prior: 0.8, labels: ["vi": "Zidane", "en": "Zinedine Zidane"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let links = try linker.link([("Liverpool", "LOC"), ("Liverpool", "ORG"), ("Zidane", "LOC")].map { (text: $0.0, type: $0.1, before: []) },
                                    documentWords: DocumentWords("Ông sống ở Liverpool ; Liverpool thắng ; Zidane ghi bàn ."))
        #expect(links.map(\.id) == ["x:liverpool", "x:liverpool-fc", "x:zidane"])
        #expect(links.map(\.type) == [nil, nil, "PER"])
    }

    /// A known name of several words that the model's edges cut across is whole; an organization
    /// cut inside a place's name holds it; at a sentence's start, or with no name beyond, the
    /// model's edges stand.
    @Test func aKnownNameTheModelCutsAcrossIsWhole() throws {
        func spans(_ s: String, _ model: [(String, String)], _ known: [(String, String)]) -> [String] {
            let text = Array(s.unicodeScalars)
            func mention(_ piece: (String, String), _ source: String) -> EntityMention {
                let start = text.indices.first { text[$0...].starts(with: piece.0.unicodeScalars) }!
                return EntityMention(start: start, end: start + piece.0.unicodeScalars.count, type: piece.1, confidence: 0.8, source: source)
            }
            let merged = ModelRecognizer.merge(model.map { mention($0, "model") }, known: known.map { mention($0, "kb") }, blocked: [], scalars: text)
            return merged.map { String(String.UnicodeScalarView(text[$0.start..<$0.end])) + "/" + $0.type }
        }
        #expect(spans("HLV người Bồ Đào Nha Henrique Calisto .", [("Bồ", "LOC"), ("Đào Nha Henrique Calisto", "PER")], [("Bồ Đào Nha", "LOC")])
                == ["Bồ Đào Nha/LOC", "Henrique Calisto/PER"])
        #expect(spans("thăm Viện Pasteur TP .HCM hôm qua", [("Viện Pasteur TP", "ORG")], [("TP .HCM", "LOC")]) == ["Viện Pasteur TP .HCM/ORG"])
        #expect(spans("Ngày Giỗ Tổ Hùng Vương là ngày lễ", [("Giỗ Tổ Hùng Vương", "MISC")], [("Ngày Giỗ Tổ", "MISC")]) == ["Giỗ Tổ Hùng Vương/MISC"])
        #expect(spans("khánh thành Cầu Cần Thơ 2 .", [("Cần Thơ 2", "LOC")], [("Cầu Cần Thơ", "LOC")]) == ["Cần Thơ 2/LOC"])
        // A known name of the mention's type that starts where it starts and goes on.
        #expect(spans("thăm Bộ Công an Trung Quốc .", [("Bộ Công an", "ORG")], [("Bộ Công an Trung Quốc", "ORG")]) == ["Bộ Công an Trung Quốc/ORG"])
        // A capitalized known name that holds the model's mentions and more is whole, with its type.
        #expect(spans("vô địch Ngoại hạng Anh mùa này", [("Anh", "LOC")], [("Ngoại hạng Anh", "MISC")]) == ["Ngoại hạng Anh/MISC"])
        #expect(spans("Euro 2008 tại Áo", [("Euro", "PER")], [("Euro 2008", "MISC")]) == ["Euro 2008/MISC"])
        #expect(spans("bắt sống tướng Christian de Castries cùng", [("Christian", "PER"), ("Castries", "PER")],
                      [("Christian de Castries", "PER")]) == ["Christian de Castries/PER"])
        // But not over lower-case words after or between the mentions, a short head in capitals,
        // a sentence's first capital, or `của` before an author.
        #expect(spans("anh Đại liên hệ với", [("Đại", "PER")], [("Đại liên", "LOC")]) == ["Đại/PER"])
        #expect(spans("nhiệm kỳ Đại hội XII của Đảng ,", [("Đại hội XII", "MISC"), ("Đảng", "ORG")],
                      [("Đại hội XII của Đảng", "MISC")]) == ["Đại hội XII/MISC", "Đảng/ORG"])
        #expect(spans("dự án ở TP Thủ Đức cũ", [("Thủ Đức", "LOC")], [("TP Thủ Đức", "LOC")]) == ["Thủ Đức/LOC"])
        #expect(spans("Vườn quốc gia Yok Đôn bị xâm hại", [("Yok Đôn", "LOC")], [("Vườn quốc gia Yok Đôn", "LOC")]) == ["Yok Đôn/LOC"])
        #expect(spans("biểu diễn Giao hưởng số 9 của Beethoven tại", [("Beethoven", "PER")],
                      [("Giao hưởng số 9 của Beethoven", "MISC")]) == ["Beethoven/PER"])
    }

    @Test func aForeignGivenNameMakesAPerson() {
        let text = Array("hậu vệ Marco Materazzi và sân Marco Polo , phim Harry Potter".unicodeScalars)
        func at(_ s: String) -> Int { text.indices.first { text[$0...].starts(with: s.unicodeScalars) }! }
        func m(_ s: String, _ type: String, _ source: String = "model") -> EntityMention {
            EntityMention(start: at(s), end: at(s) + s.unicodeScalars.count, type: type, confidence: 0.5, source: source)
        }
        let out = ModelRecognizer.peopleByGivenName([m("Marco Materazzi", "LOC"), m("Marco Polo", "LOC"), m("Harry Potter", "MISC")],
                                                    known: [m("Marco Polo", "LOC", "kb")], givenNames: ["Marco", "Harry"], scalars: text)
        #expect(out.map(\.type) == ["PER", "LOC", "MISC"])
        #expect(ForeignGivenNames.shipped.contains("Mark") && !ForeignGivenNames.shipped.contains("Nguyễn"))
    }

    /// Hyphens glued to a lower-case piece stay inside a name (Korean given names), but not a
    /// Japanese honorific; the capitalized first syllable of a common word is no name.
    @Test func hyphenatedGivenNamesAndCapitalizedWordHeads() throws {
        let e = try entities("Tổng thống Hàn Quốc Lee Myung-bak gặp Tổng thư ký Ban Ki-moon . Khán giả phủ kín Sân vận động Mỹ Đình .")
        let texts = e.compactMap { $0["text"]?.stringValue }
        #expect(texts.contains("Lee Myung-bak") && texts.contains("Ban Ki-moon"), "\(texts)")
        // The knowledge base knows the stadium, capitalized head and all (the annotators write it whole).
        #expect(texts.contains("Sân vận động Mỹ Đình"), "\(texts)")
        let unknown = try entities("Khán giả phủ kín Sân vận động Lộc Thọ .").compactMap { $0["text"]?.stringValue }
        #expect(!unknown.contains("Sân") && unknown.contains("Lộc Thọ"), "\(unknown)")
        let honorific = try entities("\"Cúc-san , chị đi đâu ?\" ông hỏi .")
        #expect(!honorific.contains { $0["text"]?.stringValue == "Cúc-san" }, "\(honorific)")
    }

    @Test func aSpanEndingInsideAWordEndsWithIt() {
        // "Giải Nobel Y học cùng năm": words Giải | Nobel_Y_học | cùng; "Thượng viện Mỹ": Thượng_viện | Mỹ.
        var words = SpanLayer()
        for (a, b) in [(0, 4), (5, 16), (17, 21)] { words.append(start: a, end: b, label: nil) }
        let spans = [EntityModel.Span(start: 5, end: 12, type: "MISC", sentence: 0, confidence: 0.5)]
        #expect(ModelRecognizer.endingOnWords(spans, words: words).map(\.end) == [16])
        // Not across the next span.
        var senate = SpanLayer()
        for (a, b) in [(0, 12), (13, 15)] { senate.append(start: a, end: b, label: nil) }
        let two = [EntityModel.Span(start: 0, end: 7, type: "ORG", sentence: 0, confidence: 0.5),
                   EntityModel.Span(start: 8, end: 12, type: "LOC", sentence: 0, confidence: 0.5)]
        #expect(ModelRecognizer.endingOnWords(two, words: senate).map(\.end) == [7, 12])
    }

    /// A part of a name is the most named of the people it could be, the latest on a tie; a
    /// known person's foreign full name and an organization typed a place take the base's type,
    /// but not a street after a house number.
    @Test func aPartOfANameIsTheMostNamedPersonAndWholeNamesRetype() throws {
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:gwb", type: "PER", prior: 0.9, labels: ["vi": "George W. Bush", "en": "George W. Bush"]))
        try kb.add(KBEntity(id: "x:spitz", type: "PER", prior: 0.5, labels: ["vi": "Mark Spitz", "en": "Mark Spitz"]))
        try kb.add(KBEntity(id: "x:slna", type: "ORG", prior: 0.75, labels: ["vi": "Sông Lam Nghệ An", "en": "Song Lam Nghe An FC"]))
        try kb.add(KBEntity(id: "x:hoang-dieu", type: "ORG", prior: 0.6, labels: ["vi": "Hoàng Diệu", "en": "Hoàng Diệu Company"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let mentions: [(text: String, type: String, before: [String])] = [
            ("George W. Bush", "PER", []), ("Bush", "PER", []), ("Jeb Bush", "PER", []), ("Bush", "PER", []),
            ("Mark Spitz", "MISC", []), ("Sông Lam Nghệ An", "LOC", []), ("Hoàng Diệu", "LOC", ["số", "18"]),
        ]
        let links = try linker.link(mentions, documentWords: DocumentWords("George W. Bush … Jeb Bush … Mark Spitz … Sông Lam Nghệ An … số 18 Hoàng Diệu"))
        #expect(Array(links.map(\.id).prefix(6)) == ["x:gwb", "x:gwb", nil, "x:gwb", "x:spitz", "x:slna"])
        #expect(links.map(\.type) == [nil, nil, nil, nil, "PER", "ORG", nil])
        #expect(LinkStage.wordsBefore(8, Array("ở số 18 Hoàng Diệu".unicodeScalars)) == ["ở", "số", "18"])
        #expect(LinkStage.wordsBefore(8, Array("ở số 18 Hoàng Diệu".unicodeScalars), count: 2) == ["số", "18"])
        #expect(LinkStage.wordsBefore(0, Array("Hoàng Diệu".unicodeScalars)).isEmpty && LinkStage.wordsBefore(3, Array("a, Bắc".unicodeScalars)).isEmpty)
    }

    @Test func anOrganizationTheModelRanOnIntoAPersonIsSplitAtTheKnownName() throws {
        let text = Array("thứ trưởng bộ Công an Lê Thế Tiệm cho biết".unicodeScalars)
        let model = [EntityMention(start: 11, end: 33, type: "ORG", confidence: 0.8, source: "model")]
        let known = [EntityMention(start: 11, end: 21, type: "ORG", confidence: 0.9, source: "kb")]
        func merged(_ family: Set<String>) -> [String] {
            ModelRecognizer.merge(model, known: known, blocked: [], scalars: text, familyNames: family)
                .map { String(String.UnicodeScalarView(text[$0.start..<$0.end])) + "/" + $0.type }
        }
        #expect(merged(["Lê", "Nguyễn"]) == ["bộ Công an/ORG", "Lê Thế Tiệm/PER"])
        // Not when what follows is no full name: the model's organization stands.
        #expect(merged(["Nguyễn"]) == ["bộ Công an Lê Thế Tiệm/ORG"])
    }

    @Test func aHyphenatedNameIsOneName() throws {
        // The model takes pieces of a word joined by hyphens; the knowledge base's whole name wins.
        let text = Array("Quân I-rắc và V-League".unicodeScalars)
        let model = [EntityMention(start: 5, end: 6, type: "LOC", confidence: 0.9, source: "model"),
                     EntityMention(start: 14, end: 15, type: "PER", confidence: 0.8, source: "model"),
                     EntityMention(start: 16, end: 22, type: "LOC", confidence: 0.8, source: "model")]
        let known = [EntityMention(start: 5, end: 10, type: "LOC", confidence: 0.75, source: "kb"),
                     EntityMention(start: 14, end: 22, type: "MISC", confidence: 0.9, source: "kb")]
        let merged = ModelRecognizer.merge(model, known: known, blocked: [], scalars: text)
        #expect(merged.map { String(String.UnicodeScalarView(text[$0.start..<$0.end])) } == ["I-rắc", "V-League"])
        #expect(merged.map(\.type) == ["LOC", "MISC"])
        // The recognizer's pass over the knowledge base reads on into the glued pieces.
        let e = try entities("Quân đội Mỹ rút khỏi I-rắc.")
        #expect(e.contains { $0["text"]?.stringValue == "I-rắc" && $0["id"]?.stringValue == "iso3166:IQ" }, "\(e)")
        // `quân đội Mỹ` is a name the base holds, but `Mỹ` has a reading of its own type: the country.
        #expect(e.contains { $0["text"]?.stringValue == "Mỹ" && $0["id"]?.stringValue == "iso3166:US" }, "\(e)")
    }

    /// The code-point split of `foreignShaped` reads the words the character split reads.
    @Test func foreignShapedNamesAreTheSameByCodePoints() {
        func slow(_ text: String) -> Bool {
            text.split(whereSeparator: { !$0.isLetter }).contains { VietnameseSyllable($0.unicodeScalars) == nil }
        }
        let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
        for s in scalars {
            for text in ["Nguyễn\(s)Văn", "\(s)", "Hà \(s)Nội", "Pari\(s)"] {
                #expect(EntityLinker.foreignShaped(text) == slow(text), "U+\(String(s.value, radix: 16)) \(text)")
            }
        }
        for text in ["Saddam Hussein", "CHDC Đức", "Nguyễn Tấn Dũng", "Hồ Chí Minh - Pari", "", " ", "Đặng-Văn", "Ngô\u{0301}", "Xi\u{0301}đni"] {
            #expect(EntityLinker.foreignShaped(text) == slow(text), "\(text)")
        }
    }

    @Test func abbreviatedHeadsFindTheNameWrittenInFull() throws {
        #expect(NameVariants.alternatives(of: "tp . hcm") == ["tp.hcm", "tp hcm", "thành phố hcm"])
        // A district's head also stands for nothing: the bare name is tried last.
        #expect(NameVariants.alternatives(of: "q.bình thạnh") == ["q bình thạnh", "quận bình thạnh", "bình thạnh"])
        #expect(NameVariants.alternatives(of: "tp hồ chí minh") == ["thành phố hồ chí minh"])
        #expect(NameVariants.alternatives(of: "đh bách khoa") == ["đại học bách khoa"])
        // A head must end its word, and a one-letter head needs its dot.
        #expect(NameVariants.alternatives(of: "tphcm").isEmpty)
        #expect(NameVariants.alternatives(of: "hà nội").isEmpty)
        // A spaced dash closes up; a dash is also read as a space.
        #expect(NameVariants.alternatives(of: "thừa thiên - huế") == ["thừa thiên-huế", "thừa thiên huế"])
        #expect(NameVariants.alternatives(of: "bà rịa-vũng tàu") == ["bà rịa vũng tàu"])
        let kb = try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
        try kb.add(KBEntity(id: "x:hcmc", type: "LOC", prior: 0.8, labels: ["vi": "Thành phố Hồ Chí Minh", "en": "Ho Chi Minh City"]))
        try kb.add(KBEntity(id: "x:tp", type: "ORG", prior: 0.5, labels: ["vi": "TP Hồ Chí Minh FC"]))
        let linker = EntityLinker(kb: kb, language: "vi", targets: ["en"], threshold: 0.35)
        let links = try linker.link([(text: "tp Hồ Chí Minh", type: "LOC", before: []), (text: "TP Hồ Chí Minh FC", type: "ORG", before: [])],
                                    documentWords: DocumentWords("Ở tp Hồ Chí Minh, TP Hồ Chí Minh FC thắng."))
        #expect(links.map(\.id) == ["x:hcmc", "x:tp"])
    }

    /// Spellings of older and tokenized text: later words in lower case, dots spaced by the
    /// tokenizer, a district by its short head; a score after a team is not part of its name; and
    /// where the model is unsure of a span, a title at its start is left out of the person.
    @Test func olderAndTokenizedSpellingsOfNames() throws {
        let e = try entities("Hàng chục nghìn hộ dân đã vào lập nghiệp ở Tây nguyên và các tỉnh Bắc bộ. "
            + "Phim quay tại Hà Nội và TP .HCM , ở Q.2 và Q.Bình Thạnh. Đội tuyển Việt Nam thắng Thái Lan 2 - 1 trên sân Mỹ Đình. "
            + "Tổng thống G. Bush tuyên bố chiến tranh.")
        let byText = englishNames(e)
        #expect(byText["Tây nguyên"] == "Central Highlands (Vietnam)" && byText["Bắc bộ"] == "Northern Vietnam", "\(byText)")
        #expect(byText["TP .HCM"] == "Ho Chi Minh City" && byText["Q.2"] == "District 2, Ho Chi Minh City", "\(byText)")
        #expect(byText["Q.Bình Thạnh"] == "Bình Thạnh district" && byText["Thái Lan"] == "Thailand", "\(byText)")
        #expect(e.contains { $0["text"]?.stringValue == "G. Bush" && $0["type"]?.stringValue == "PER" }, "\(byText)")
    }

    @Test func currenciesAndCommonWordsAreNotEntities() throws {
        let e = try entities("Anh ấy nói giá 109 tỷ Euro và 5 triệu USD là hợp lý. Du khách đến đông.")
        #expect(e.isEmpty, "\(e.map { $0["text"]?.stringValue ?? "" })")
    }

    @Test func aKnowledgeBaseOfYourOwnFromTheCommandLine() throws {
        let dir = Support.temporaryDirectory()
        Support.write("mekong:tiki\tORG\tvi\tTiki\t0.4\nmekong:tiki\tORG\tvi\tSàn Tiki\n", to: dir + "/mine.tsv")
        let add = try Support.run([Support.mekong, "kb", "add", dir + "/mine.tsv", "--kb", dir + "/kb.sqlite"])
        #expect(add.status == 0, "\(add.stderr)")
        let lookup = try Support.run([Support.mekong, "kb", "lookup", "san tiki", "--kb", dir + "/kb.sqlite"])
        #expect(lookup.status == 0 && lookup.stdout.contains("mekong:tiki\tORG") && lookup.stdout.contains("without diacritics"))
        let missing = try Support.run([Support.mekong, "kb", "lookup", "Lazada", "--kb", dir + "/kb.sqlite"])
        #expect(missing.status == 1)
        Support.write(#"{"name": "e", "stages": [{"use": "tokens"}, {"use": "entities", "with": {"kb": "kb.sqlite"}}, {"use": "link", "with": {"kb": "kb.sqlite", "targets": ["vi"]}}]}"#, to: dir + "/p.json")
        let p = try Pipeline.load(contentsOf: dir + "/p.json", registry: .builtIn)
        var doc = Document(id: "d", text: "Khách hàng của Tiki tăng mạnh.", language: "vi")
        try p.process(&doc)
        #expect(doc.layers[.entities].first?["id"]?.stringValue == "mekong:tiki")
        let bad = try Support.run([Support.mekong, "kb", "add", dir + "/p.json", "--kb", dir + "/kb.sqlite"])
        #expect(bad.status == 2 && bad.stderr.contains("p.json:1"))
    }

    @Test func cueFilesAreChecked() {
        #expect(throws: PipelineError.self) { try EntityCues.parse(Array(#"{"vi": {"personTitle": ["ông"]}}"#.utf8), name: "c.json") }
        do { _ = try EntityCues.parse(Array(#"{"vi": {"personTitle": ["ông"]}}"#.utf8), name: "c.json") } catch {
            #expect(error.description.contains("did you mean 'personTitles'?"))
        }
        #expect(EntityCues.shipped.languages.keys.sorted() == ["en", "fr", "vi"])
    }
}

@Suite("entities, links and exports on random text")
struct EntityFuzzTests {
    @Test func randomTextKeepsSpansSoundAndExportsValid() throws {
        let pieces = ["Tổng thống", "ông", "Bộ", "Ngân hàng", "Nhà nước", "Việt Nam", "Hà Nội", "Pháp", "Anh", "Mỹ", "Tâm", "Nguyễn",
                      "Văn", "An", "châu", "Âu", "tỉnh", "Thanh Hóa", "Công ty", "hãng", "Vietjet", "VN-Index", "AI", "109 tỷ Euro",
                      "9/2", "Macron", "Emmanuel", "Paris", "TP.HCM", "của", "và", "đã", ".", ",", "-", "\"", "(", ")", "\n\n",
                      "Mr.", "the", "Bank", "of", "England", "Inc.", "<", "&", "'", "Ủy ban", "Chủ tịch", "Liên Hợp Quốc", "x"]
        var rng = SeededGenerator(seed: 31)
        let dir = Support.temporaryDirectory()
        let json = """
            {"name": "f", "stages": [{"use": "normalize"}, {"use": "sentences"}, {"use": "tokens"}, {"use": "words"},
              {"use": "quantities", "with": {"targets": ["en"]}}, {"use": "entities"}, {"use": "link"},
              {"use": "export.xliff", "with": {"dir": "x"}}, {"use": "export.tbx", "with": {"path": "g.tbx"}}]}
            """
        let p = try Support.pipeline(json, baseDirectory: dir)
        for round in 0..<120 {
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                text += pieces.randomElement(using: &rng)!
                if Int.random(in: 0..<4, using: &rng) > 0 { text += " " }
            }
            var doc = Document(id: "fuzz-\(round)", text: text, language: round % 4 == 0 ? "en" : "vi")
            try p.process(&doc)
            var previousEnd = 0
            for e in doc.layers[.entities] {
                #expect(e.start >= previousEnd && e.start < e.end && e.end <= doc.view.count, "\(text.debugDescription)")
                #expect(doc.text(in: e.range) == e["text"]?.stringValue)
                #expect(KBEntity.types.contains(e.label ?? ""))
                previousEnd = e.end
            }
            let xliff = try FileIO.readAll(dir + "/x/" + ExportXliffStage.fileName(for: doc.id))
            let errors = XMLValidation.errors(of: xliff, schema: Support.fixtures + "/schemas/xliff/xliff_core_2.0.xsd", kind: .xsd)
            #expect(errors.isEmpty, "\(text.debugDescription): \(errors)")
        }
        p.finish()
        let tbx = try FileIO.readAll(dir + "/g.tbx")
        #expect(TBXBasicCheck.problems(tbx).isEmpty, "\(TBXBasicCheck.problems(tbx))")
    }
}
