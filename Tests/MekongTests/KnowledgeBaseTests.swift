import Foundation
import Synchronization
import Testing
@testable import Mekong

@Suite("knowledge base: store, Wikidata dumps, default entities")
struct KnowledgeBaseTests {
    func temporaryKB() throws -> KnowledgeBase {
        try KnowledgeBase(path: Support.temporaryDirectory() + "/kb.sqlite", create: true)
    }

    @Test func namesMatchInAnyCaseFormAndTonePlacement() throws {
        let kb = try temporaryKB()
        try kb.add(KBEntity(id: "x:thanh-hoa", type: "LOC", prior: 0.5, labels: ["vi": "Thanh Hóa"], aliases: ["vi": ["xứ Thanh"]]))
        try kb.add(KBEntity(id: "x:other", type: "LOC", prior: 0.9, labels: ["vi": "Thanh Hoa"]))
        for name in ["Thanh Hóa", "THANH HÓA", "Thanh Hoá", "Thanh Ho\u{0301}a", "  thanh   hóa "] {
            #expect(try kb.candidates(for: name).map(\.id) == ["x:thanh-hoa"], "\(name)")
        }
        // Without diacritics: the exact match first, then what folds to it.
        #expect(try kb.candidates(for: "thanh hoa").map(\.id) == ["x:other", "x:thanh-hoa"])
        #expect(try kb.candidates(for: "thanh hoa").map(\.folded) == [false, true])
        #expect(try kb.candidates(for: "Xứ Thanh").first?.id == "x:thanh-hoa")
        #expect(try kb.hasAlias(withPrefix: AliasKey.exact("xứ")))
        #expect(try !kb.hasAlias(withPrefix: AliasKey.exact("Thanh Hóa")))
    }

    /// The queries that run per name must never be compiled again as their parameters change:
    /// SQLite does that when a term like `folded = ?` meets a partial index whose condition
    /// compares the same column with a constant, and it cost the entity stages a seventh of
    /// their time.
    @Test func lookupsAreNotRecompiledAsTheirParametersChange() throws {
        let kb = try temporaryKB()
        try kb.add(KBEntity(id: "x:hanoi", type: "LOC", prior: 0.9, labels: ["vi": "Hà Nội", "en": "Hanoi"], aliases: ["vi": ["thủ đô Hà Nội"]]))
        try kb.add(KBEntity(id: "x:ho-chi-minh-city", type: "LOC", prior: 0.6, labels: ["vi": "Thành phố Hồ Chí Minh", "en": "Ho Chi Minh City"]))
        try kb.add(KBEntity(id: "x:le-loi", type: "PER", prior: 0.4, labels: ["vi": "Lê Lợi", "en": "Lê Lợi"], descriptions: ["en": "emperor of Đại Việt"]))
        for name in ["Hà Nội", "ha noi", "Lê Lợi", "le loi", "Hanoi", "Thành phố Hồ Chí Minh", "nowhere"] {
            for candidate in try kb.candidates(for: name) {
                _ = try kb.labels(of: candidate, languages: ["vi", "en"])
                _ = try kb.contextWordHashes(of: candidate, language: "vi")
            }
            _ = try kb.candidates(for: name, folded: false, limit: 3)
            _ = try kb.candidates(exactKey: AliasKey.exact(name), folded: false, limit: 3, languages: ["vi"])
            _ = try kb.hasAlias(withPrefix: AliasKey.exact(name))
        }
        for (language, prior) in [("vi", 0.25), ("vi", 0.55), ("en", 0.25)] { _ = try kb.placeNames(language: language, prior: prior) }
        #expect(try kb.placeNames(language: "vi", prior: 0.25).names.contains("hà nội"))
        let recompiled = kb.recompilations.filter { $0.value > 0 }
        #expect(recompiled.isEmpty, "\(recompiled)")
    }

    /// The index's answer to "does a name start with these words" agrees with SQLite's, on a
    /// base whose index is built in memory (a collision is too rare to meet here).
    @Test func theIndexAnswersPrefixQuestionsAsTheStoreDoes() throws {
        let path = Support.temporaryDirectory() + "/kb.sqlite"
        do {
            let kb = try KnowledgeBase(path: path, create: true)
            try kb.add(KBEntity(id: "x:hcmc", type: "LOC", prior: 0.6, labels: ["vi": "Thành phố Hồ Chí Minh", "en": "Ho Chi Minh City"]))
            try kb.add(KBEntity(id: "x:ba-dinh", type: "LOC", prior: 0.4, labels: ["vi": "Quảng trường Ba Đình"]))
        }
        let kb = try KnowledgeBase(path: path, readOnly: true)
        _ = try kb.candidates(for: "Ba Đình")
        #expect(kb.hasAliasIndex)
        for words in ["thành", "thành phố", "thành phố hồ", "thành phố hồ chí", "thành phố hồ chí minh", "ho", "ho chi", "ho chi minh city",
                      "thanh pho", "quảng trường", "quảng", "ba", "ba đình", "hồ", "phố", "x", "quang truong ba"] {
            #expect(try kb.mayHaveAlias(withPrefix: words) == kb.hasAlias(withPrefix: words), "\(words)")
        }
    }

    /// A name of printable ASCII takes a short way to its key: the key the normalizer gives.
    @Test func printableASCIINamesKeyAsTheNormalizerDoes() {
        var rng = SystemRandomNumberGenerator()
        let pieces = [" ", "  ", "A", "z", "Q", "-", "--", "...", "'", "\"", "`", "~", "&", "(", ")", "0", "9", "Mc", "D'Arcy", " - ", ".", ",", "/"]
        var names = ["", " ", "Hanoi", "  New   York ", "AT&T", "U.S.", "O'Neil", "Jean-Luc Picard", "MIT", "x86-64", "\"Quoted\"", "a -- b", "~tilde~"]
        for _ in 0..<2_000 { names.append((0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()) }
        for name in names {
            #expect(AliasKey.printableASCIIKey(name) == AliasKey.normalizedKey(name), "\(name)")
        }
        #expect(AliasKey.printableASCIIKey("Hà Nội") == nil && AliasKey.printableASCIIKey("a\tb") == nil)
        #expect(AliasKey.exact("Hà  Nội") == "hà nội")
    }

    /// The linker reads an entity's context words and its labels in one pass over its names: the
    /// labels kept from that pass are those read apart, and the words those of the names in the
    /// text's language and English.
    @Test func labelsKeptWithTheContextWordsAreThoseReadApart() throws {
        let path = Support.temporaryDirectory() + "/kb.sqlite"
        do {
            let kb = try KnowledgeBase(path: path, create: true)
            try kb.add(KBEntity(id: "x:hanoi", type: "LOC", prior: 0.9, labels: ["vi": "Hà Nội", "en": "Hanoi", "fr": "Hanoï", "de": "Hanoi"],
                                aliases: ["vi": ["thủ đô Hà Nội"], "en": ["Ha Noi"]], descriptions: ["vi": "thủ đô Việt Nam", "en": "capital of Vietnam"]))
            try kb.add(KBEntity(id: "x:none", type: "PER", prior: 0.1, labels: ["ja": "ハノイ"]))
        }
        let apart = try KnowledgeBase(path: path, readOnly: true), together = try KnowledgeBase(path: path, readOnly: true)
        let targets = ["en", "fr", "vi"]
        for name in ["Hà Nội", "ハノイ"] {
            let c = try #require(apart.candidates(for: name).first)
            let words = try together.contextWordHashes(of: c, language: "vi", labelsIn: targets)
            #expect(try together.labels(of: c, languages: targets) == apart.labels(of: c, languages: targets))
            var expected: [UInt64] = []
            for text in try apart.context(of: c, language: "vi") { ContextWords.hashes(ofName: text, into: &expected) }
            let alone = try apart.contextWordHashes(of: c, language: "vi")
            #expect(words == expected && words == alone)
        }
        #expect(try together.labels(of: together.candidates(for: "Hà Nội")[0], languages: targets) == ["en": "Hanoi", "fr": "Hanoï", "vi": "Hà Nội"])
    }

    /// The linker's context words read code point by code point must be those that splitting
    /// at every character that is no letter gives: each code point of the fast range between
    /// letters, and whole keys in and out of the range.
    @Test func contextWordsByCodePointAgreeWithCharacters() {
        func byCharacters(_ name: String) -> [UInt64] {
            AliasKey.exact(name).split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 }.map(DocumentWords.hash)
        }
        func fast(_ name: String) -> [UInt64] {
            var out: [UInt64] = []
            ContextWords.hashes(ofName: name, into: &out)
            return out
        }
        for v in Array(UInt32(0)..<0x300) + Array(UInt32(0x1E00)..<0x1F00) {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(ContextWords.isOwnCharacter(s))
            for key in ["abc\(s)def", "ab\(s)", "\(s)\(s)\(s)", "x\(s)\r\ny", "Abc\(s)DEF"] {
                #expect(fast(key) == byCharacters(key), "U+\(String(v, radix: 16))")
            }
        }
        for key in ["Thành phố Hồ Chí Minh", "ĐÀ NẴNG – Huế, Việt Nam", "L'Hôpital St. John's Ærø naïve", "Ho\u{0301}a Bình",
                    "Thuỷ Hoà, Khoẻ", "Hàn Quốc 한국어 tiếng", "a\u{200D}bc def", "x\u{00AD}yz ʼabc", "İstanbul Straße ẞIG", "ΑΘΗΝΑ Σοφία", ""] {
            #expect(fast(key) == byCharacters(key), "\(key)")
        }
    }

    /// The keys' per-scalar tables must give what the general path gives, scalar by scalar and
    /// for whole names (mixed with scalars the tables send down the general path).
    @Test func aliasKeysFastPathsAgreeWithTheGeneralPath() {
        for v in UInt32(0)..<KeyScalars.limit + 64 {
            guard let s = Unicode.Scalar(v) else { continue }
            let text = "A\(s)b"
            #expect(AliasKey.quick(text[...]) == AliasKey.generalQuick(text[...]), "U+\(String(v, radix: 16))")
            #expect(AliasKey.quick(scalars: ArraySlice(text.unicodeScalars)) == AliasKey.generalQuick(text[...]), "U+\(String(v, radix: 16))")
            let key = AliasKey.generalQuick(text[...])
            #expect(AliasKey.fold(key) == AliasKey.generalFold(key), "U+\(String(v, radix: 16))")
            #expect(AliasKey.foldKeeps(key) == (AliasKey.fold(key) == key), "U+\(String(v, radix: 16)) \(Array(key.unicodeScalars.map(\.value))) -> \(Array(AliasKey.fold(key).unicodeScalars.map(\.value)))")
        }
        for name in ["Thành phố  Hồ Chí Minh", "ĐÀ NẴNG – Huế", "İstanbul", "Straße", "“Sông Hương”", "Ho\u{0301}a 𝔸 x\u{2212}y", "\tỞ\u{00A0}đây "] {
            #expect(AliasKey.quick(name[...]) == AliasKey.generalQuick(name[...]), "\(name)")
            #expect(AliasKey.quick(scalars: ArraySlice(name.unicodeScalars)) == AliasKey.generalQuick(name[...]), "\(name)")
            let key = AliasKey.generalQuick(name[...])
            #expect(AliasKey.fold(key) == AliasKey.generalFold(key), "\(name)")
            #expect(AliasKey.foldKeeps(key) == (AliasKey.fold(key) == key), "\(name)")
        }
        for key in ["hanoi", "da nang", "đà nẵng", "ha noi - hue", "tp . hcm", ""] {
            #expect(AliasKey.foldKeeps(key) == (AliasKey.fold(key) == key), "\(key)")
        }
        #expect(NameVariants.hasSpacedDash("thừa thiên - huế") && !NameVariants.hasSpacedDash("thừa thiên-huế") && !NameVariants.hasSpacedDash("-"))
        #expect(NameVariants.closingDots("tp . hcm") == "tp.hcm" && NameVariants.closingDots("tp .hcm") == "tp.hcm" && NameVariants.closingDots("hà nội") == "hà nội")
        #expect(AliasKey.quick("ĐÀ NẴNG – Huế") == "đà nẵng - huế")
        #expect(AliasKey.fold("đà nẵng") == "da nang")
    }

    /// A key set answers as the `Set<String>` of its members does, for NFC keys.
    @Test func keySetsAnswerAsSetsDo() {
        var members = Set<String>()
        for a in ["hà", "nội", "sài", "gòn", "thành phố", "tp", "", "đà nẵng", "ở", "a"] {
            members.insert(a)
            members.insert(a + " " + a)
        }
        let keys = KeySet(Array(members) + ["hà", "tp"])
        #expect(keys.count == members.count)
        for probe in members.union(["hà nộ", "ha", "thành", "phố", "nội hà", "đà  nẵng", "x", " "]) {
            #expect(keys.contains(probe) == members.contains(probe), "\(probe)")
        }
        let empty: KeySet = []
        #expect(!empty.contains("") && !empty.contains("hà") && empty.isEmpty)
    }

    /// A read-only base answers lookups that find nothing from its in-memory index of alias keys:
    /// the answers must be the ones SQLite gives.
    @Test func theAliasIndexAnswersAsSQLiteDoes() throws {
        let path = Support.temporaryDirectory() + "/kb.sqlite"
        let writable = try KnowledgeBase(path: path, create: true)
        try writable.add(KBEntity(id: "x:hcm", type: "LOC", prior: 0.9, labels: ["vi": "Thành phố Hồ Chí Minh", "en": "Ho Chi Minh City"], aliases: ["vi": ["Sài Gòn"]]))
        try writable.add(KBEntity(id: "x:hn", type: "LOC", prior: 0.9, labels: ["vi": "Hà Nội", "en": "Hanoi"]))
        try writable.add(KBEntity(id: "x:paris", type: "LOC", prior: 0.8, labels: ["fr": "Paris"]))
        let readOnly = try KnowledgeBase(path: path, readOnly: true)
        #expect(readOnly.hasAliasIndex && !writable.hasAliasIndex)
        for name in ["thành phố hồ chí minh", "thành phố", "thành", "hồ chí minh", "sài gòn", "sai gon", "hà nội", "ha noi", "paris", "pa", "hanoi", "x", ""] {
            for folded in [false, true] {
                #expect(try readOnly.candidates(exactKey: name, folded: folded).map(\.id) == writable.candidates(exactKey: name, folded: folded).map(\.id), "\(name)")
            }
            #expect(try readOnly.hasAlias(withPrefix: name) == writable.hasAlias(withPrefix: name), "\(name)")
        }
        #expect(try readOnly.hasAlias(withPrefix: "thành phố hồ"))
        #expect(try !readOnly.hasAlias(withPrefix: "hồ chí"))
        #expect(try readOnly.candidates(exactKey: "sai gon").map(\.id) == ["x:hcm"])
    }

    @Test func namesCountOnlyInTheLanguagesAskedForRegionalVariantsIncluded() throws {
        let kb = try temporaryKB()
        try kb.add(KBEntity(id: "x:du", type: "LOC", prior: 0.9, labels: ["sr-Latn": "Du", "fr": "Royaume"]))
        try kb.add(KBEntity(id: "x:du-vi", type: "PER", prior: 0.5, labels: ["vi": "Du"]))
        try kb.add(KBEntity(id: "x:du-en", type: "ORG", prior: 0.4, labels: ["en-GB": "Du"]))
        let key = AliasKey.exact("Du")
        // Asked again and again with other languages: each answer is for its own languages.
        for _ in 0..<3 {
            #expect(try kb.candidates(exactKey: key, languages: ["vi"]).map(\.id) == ["x:du-vi"])
            #expect(try kb.candidates(exactKey: key, languages: ["sr"]).map(\.id) == ["x:du"])
            #expect(try kb.candidates(exactKey: key, languages: ["en", "vi"]).map(\.id) == ["x:du-vi", "x:du-en"])
            #expect(try kb.candidates(exactKey: key, languages: ["s"]).isEmpty)
            #expect(try kb.candidates(exactKey: key).count == 3)
        }
    }

    @Test func addingTheSameIdMergesNames() throws {
        let kb = try temporaryKB()
        try kb.add(KBEntity(id: "Q1", type: "ORG", prior: 0.2, labels: ["en": "Acme"]))
        try kb.add(KBEntity(id: "Q1", type: "ORG", prior: 0.6, aliases: ["vi": ["Công ty Acme"]], externalIDs: ["wikidata": "Q1"]))
        let e = try #require(try kb.entity(id: "Q1"))
        #expect(e.labels == ["en": "Acme"] && e.aliases == ["vi": ["Công ty Acme"]] && e.prior == 0.6 && e.externalIDs["wikidata"] == "Q1")
        #expect(try kb.count().entities == 1)
    }

    @Test(arguments: ["wikidata-sample.json", "wikidata-sample.json.gz", "wikidata-sample.json.bz2"])
    func dumpsStreamIntoTheStoreAndJoinDefaultEntities(_ file: String) throws {
        let kb = try temporaryKB()
        try kb.add(KBEntity(id: "iso3166:FR", type: "LOC", prior: 0.8, labels: ["vi": "Pháp"], externalIDs: ["iso3166": "FR"]))
        try kb.add(KBEntity(id: "iso4217:USD", type: "MISC", prior: 0.4, labels: ["en": "US Dollar"], externalIDs: ["iso4217": "USD"]))
        let report = try WikidataDump().build(from: Support.fixtures + "/kb/" + file, into: kb)
        #expect(report.lines == 10)
        // Kept: France (joined), Macron, Paris, the Vietnamese company, the dollar (joined by its code).
        #expect(report.kept == 5 && report.merged == 2)
        let france = try #require(try kb.entity(id: "iso3166:FR"))
        #expect(france.externalIDs["wikidata"] == "Q142" && france.labels["en"] == "France" && france.labels["de"] == nil)
        #expect(france.aliases["vi"] == ["Cộng hòa Pháp"])
        #expect(try kb.entity(id: "iso4217:USD")?.externalIDs["wikidata"] == "Q4917")
        let macron = try #require(try kb.entity(id: "Q3052772"))
        #expect(macron.type == "PER" && macron.labels["vi"] == "Emmanuel Macron")  // from the viwiki sitelink
        #expect(macron.prior > 0.1 && macron.prior < france.prior)
        #expect(try kb.entity(id: "Q99999001")?.type == "ORG")
        for dropped in ["Q99999002", "Q99999003", "Q99999004"] { #expect(try kb.entity(id: dropped) == nil) }
    }

    @Test func aBrokenDumpLineNamesTheLine() throws {
        let dir = Support.temporaryDirectory()
        Support.write("[\n{\"id\": \"Q1\", \"labels\": {}},\n{not json\n]\n", to: dir + "/bad.json")
        let kb = try temporaryKB()
        #expect { _ = try WikidataDump().build(from: dir + "/bad.json", into: kb) } throws: { "\($0)".contains("bad.json:3") }
    }

    @Test func entityFilesAreCheckedLineByLine() throws {
        func error(_ text: String, tsv: Bool = false) -> String {
            do { _ = try EntityFile.parse(Array(text.utf8), name: "mine", tsv: tsv); return "no error" } catch { return error.description }
        }
        #expect(error(#"{"id": "a", "type": "PERSON", "labels": {"vi": "A"}}"#).contains("mine:1") )
        #expect(error("\n" + #"{"id": "a", "label": {"vi": "A"}}"#).contains("mine:2: unknown key 'label' (did you mean 'labels'?)"))
        #expect(error(#"{"id": "a", "type": "ORG"}"#).contains("at least one label"))
        #expect(error("a\tORG\tvi", tsv: true).contains("found 3 fields"))
        #expect(error("a\tORG\tvi\tA\t7", tsv: true).contains("prior '7'"))
        let ok = try EntityFile.parse(Array("a\tORG\tvi\tAcme\t0.5\na\tORG\tvi\tCông ty Acme\n".utf8), name: "mine", tsv: true)
        #expect(ok.count == 1 && ok[0].labels["vi"] == "Acme" && ok[0].aliases["vi"] == ["Công ty Acme"])
    }

    @Test func theDefaultKnowledgeBaseHasCLDRCuratedAndWorldEntities() throws {
        let kb = try KnowledgeBase(path: DefaultKnowledgeBase.path(), readOnly: true, immutable: true)
        #expect(try kb.candidates(for: "Pháp").first?.id == "iso3166:FR")
        #expect(try kb.candidates(for: "Frankreich").first?.id == "iso3166:FR")
        #expect(try kb.candidates(for: "UAE").first?.id == "iso3166:AE")
        #expect(try kb.candidates(for: "Các Tiểu vương quốc Ả Rập Thống nhất").first?.id == "iso3166:AE")
        #expect(try kb.candidates(for: "Tiếng Việt").first?.id == "iso639:vi")
        #expect(try kb.candidates(for: "Ủy ban châu Âu").first?.id == "Q8880")
        let fr = try #require(try kb.entity(id: "iso3166:FR"))
        #expect(fr.labels.count > 100, "names in every language ICU has")
        #expect(fr.labels["ja"] == "フランス" && fr.labels["en"] == "France")
        // The world data: GeoNames places with English Wikipedia's titles, ROR organizations.
        let austin = try #require(try kb.candidates(for: "Austin").first)
        #expect(try kb.entity(id: austin.id)?.labels["en"] == "Austin, Texas")
        #expect(try kb.candidates(for: "University of Oxford").first?.type == "ORG")
        // English names as English Wikipedia titles them, not GeoNames' official or local forms.
        func english(_ name: String) throws -> [String] { try kb.candidates(for: name).compactMap { try kb.entity(id: $0.id)?.labels["en"] } }
        #expect(try english("Frankfurt").first == "Frankfurt", "not 'Frankfurt am Main'")
        #expect(try english("Kandal").first == "Kandal Province", "not 'Kandaal'")
        #expect(try english("Praha").prefix(2) == ["Prague", "Prague"], "the city and the capital region it is")
        // A governorate named like its city answers to its own name, not the city's.
        #expect(try english("Basra").first == "Basra" && !english("Basra").contains("Basra Governorate"))
        #expect(try english("Basra Governorate") == ["Basra Governorate"])
        let counts = try kb.count()
        #expect(counts.entities > 300_000)
        #expect(try kb.countWithLabel(in: "en") > 300_000)
        #expect(try kb.meta("sources")?.contains("GeoNames") == true)
        #expect(kb.notablePrior == 0.5)
        #expect(kb.hasMappedAliasIndex, "the alias index is a file beside the store")
    }

    /// scripts/build-kb on small sources of its own (the real ones are too big for CI): joins,
    /// English titles, ROR's bracketed countries, withdrawn records, the codes left out.
    @Test func theWorldBuildScriptJoinsAndNamesEntities() throws {
        let dir = Support.temporaryDirectory()
        let sources = Support.fixtures + "/kb-sources"
        let script = try Support.run(["/usr/bin/env", "python3", Support.root + "/scripts/build-kb", "--sources", sources,
                                      "--curated", sources + "/curated", "--out", dir + "/world.jsonl.gz"])
        #expect(script.status == 0, "\(script.stderr)")
        do {
            let kb = try KnowledgeBase(path: dir + "/kb.sqlite", create: true)
            try DefaultKnowledgeBase.build(into: kb, world: dir + "/world.jsonl.gz")
            try kb.writeAliasIndex()
            // Two Austins: the bigger first, each titled as English Wikipedia titles it.
            let austins = try kb.candidates(for: "Austin")
            #expect(austins.map(\.id).prefix(2) == ["Q16559", "geonames:5016884"])
            #expect(try kb.entity(id: "Q16559")?.labels["en"] == "Austin, Texas")
            #expect(try kb.entity(id: "geonames:5016884")?.labels["en"] == "Austin, Minnesota")
            // A GeoNames city joined to the curated one of the same name, keeping its labels.
            let danang = try #require(try kb.entity(id: "mekong:da-nang"))
            #expect(danang.externalIDs["geonames"] == "1583992" && danang.labels["en"] == "Da Nang")
            #expect(danang.aliases["mul"]?.contains("Tourane") == true)
            // GeoNames' municipality of Đà Nẵng joins the curated city by its ISO 3166-2 code.
            #expect(danang.externalIDs["iso3166-2"] == "VN-DN" && danang.aliases["mul"]?.contains("Da Nang City") == true)
            #expect(try kb.entity(id: "mekong:vn-da-nang") == nil && kb.candidates(for: "Đà Nẵng").map(\.id) == ["mekong:da-nang"])
            // No codes ("DAD") and no lower-case transliterations ("da nam") as names.
            #expect(try kb.candidates(for: "DAD", folded: false).isEmpty && kb.candidates(for: "da nam", folded: false).isEmpty)
            // "Qinghai Sheng": the English name without the administrative word.
            #expect(try kb.entity(id: "geonames:1280239")?.labels["en"] == "Qinghai")
            #expect(try kb.entity(id: "Q100000001")?.labels["en"] == "WWF Denmark")
            #expect(try kb.entity(id: "ror:000000002") == nil, "withdrawn records are left out")
            #expect(try kb.meta("built") != nil && kb.meta("sources")?.contains("ROR") == true)
            // Listed companies: titled as English Wikipedia titles them, joined to ROR's branch in the
            // listing's country or to the curated entity of that English name, sized by employees.
            let fondue = try #require(try kb.entity(id: "Q100000003"))
            #expect(fondue.labels["en"] == "Fondue SA" && fondue.externalIDs["isin"] == "CH0000000001" && fondue.prior == 0.62)
            #expect(try kb.entity(id: "Q100000004")?.externalIDs["isin"] == nil, "the Canadian branch stays apart")
            let curated = try #require(try kb.entity(id: "Q100000005"))
            #expect(curated.labels.isEmpty && Set(curated.aliases["en"] ?? []) == ["Quả Táo Inc.", "Quả Táo"] && curated.externalIDs["enwiki"] == "Quả Táo Inc.",
                    "the curated entity keeps its own labels: the listing's names arrive as aliases")
            // One word cut from a longer name links, but is no name of its own for the recognizer.
            #expect(try kb.candidates(for: "Aim").first?.id == "enwiki:Aim_Corporation")
            #expect(try kb.entity(id: "enwiki:Aim_Corporation")?.aliases["mul"] == ["Aim"])
            #expect(try kb.entity(id: "isin:DE0000000004")?.labels["en"] == "Werk AG", "a German page gives no English title")
            #expect(try kb.candidates(for: "Small Trust").isEmpty, "a company without a Wikipedia page is left out")
        }
        // Read-only, the index file is mapped; a write makes it stale and it is no longer used.
        do {
            let reader = try KnowledgeBase(path: dir + "/kb.sqlite", readOnly: true, immutable: true)
            #expect(try reader.candidates(for: "Texas").first?.id == "geonames:4736286")
            #expect(reader.hasMappedAliasIndex && reader.notablePrior == 0.5)
        }
        _ = try KnowledgeBase(path: dir + "/kb.sqlite")
        let after = try KnowledgeBase(path: dir + "/kb.sqlite", readOnly: true, immutable: true)
        #expect(try after.candidates(for: "Texas").first?.id == "geonames:4736286")
        #expect(after.hasAliasIndex && !after.hasMappedAliasIndex)
    }

    /// Processes that find no default store build it one at a time: the second waits for the lock.
    @Test func aBuildLockMakesTheSecondBuilderWait() throws {
        let path = Support.temporaryDirectory() + "/store.lock"
        let first = try BuildLock(path: path)
        let clock = ContinuousClock()
        let start = clock.now
        let waited = Mutex<Duration?>(nil)
        let second = Thread {
            if let lock = try? BuildLock(path: path, timeout: 10) {
                waited.withLock { $0 = clock.now - start }
                lock.release()
            }
        }
        second.start()
        Thread.sleep(forTimeInterval: 0.3)
        first.release()
        while waited.withLock({ $0 }) == nil && clock.now - start < .seconds(10) { Thread.sleep(forTimeInterval: 0.02) }
        let w = try #require(waited.withLock { $0 })
        #expect(w >= .milliseconds(250), "the second lock was taken while the first was held")
    }
}
