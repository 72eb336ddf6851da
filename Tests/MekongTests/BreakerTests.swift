import Foundation
import Testing
@testable import Mekong

/// Mekong's own word breaker must give exactly ICU's segments and rule statuses: these
/// tests run both over real text in many scripts and over random strings drawn from the
/// characters the rules treat differently.
@Suite("word breaker: the same segments as ICU")
struct WordBreakerTests {
    static let native = WordBreaker(engine: .native)
    static let icu = WordBreaker(engine: .icu)

    static func expectSame(_ text: String, locale: String = "vi", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scalars = Array(text.unicodeScalars)
        let a = try native.segments(scalars, locale: locale)
        let b = try icu.segments(scalars, locale: locale)
        if a != b {
            let firstDifference = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let at = min(firstDifference < a.count ? a[firstDifference].end : scalars.count, scalars.count)
            var context = String.UnicodeScalarView()
            context.append(contentsOf: scalars[max(0, at - 12)..<min(scalars.count, at + 12)])
            Issue.record("segments differ near \(at) (\(String(context).debugDescription)): native \(a[firstDifference...].prefix(3)), ICU \(b[firstDifference...].prefix(3)) in \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func sentencesInManyScripts() throws {
        let samples = [
            "Ngành trí tuệ nhân tạo (AI) của Pháp sẽ nhận 109 tỷ Euro (tương đương 112,6 tỷ USD), ông Macron nói hôm 9/2.",
            "Thanh Hoá và Thanh Hóa: hai cách viết, một tỉnh. Giá 500.000đ/kg, 1.5kg, 30-50km; TP.HCM, v.v. và U.S.",
            "It's the U.S.A.'s 3.5-year plan: e-mail me at a.b@c.org or see https://example.com/a_b?x=1#top — can't stop.",
            "L'économie française a crû de 0,9 % en 2024 ; aujourd'hui l'État dépense 1 234,5 milliards d'euros.",
            "Die Bundesregierung hat 2,5 Mrd. € für den Ausbau bereitgestellt (vgl. S. 12), z.B. für Straßen.",
            "Президент России заявил: «Экономика выросла на 3,6%». В 2024 году — рекорд.",
            "Η Ελλάδα έχει 10,4 εκατ. κατοικους· η πρωτεύουσα είναι η Αθήνα.",
            "قالت الحكومة إن الاقتصاد نما بنسبة ٣٫٥٪ في عام ٢٠٢٤.",
            "नई दिल्ली में 12.5 करोड़ रुपये की योजना शुरू हुई।",
            "ประเทศไทยมีประชากร 70 ล้านคน และกรุงเทพฯ เป็นเมืองหลวง",
            "中国经济增长5.2%，东京は日本の首都です。서울은 한국의 수도입니다.",
            "ព្រះរាជាណាចក្រកម្ពុជា ມີ ລາວ မြန်မာ",
            "שלום עולם, זה צה\"ל ו-ג'ירפה.",
            "Emoji 👍🏽 and flags 🇻🇳🇫🇷, family 👨‍👩‍👧 © 2024 VnExpress ® ™.",
            "Tab\tand\r\nCRLF\rCR\u{2028}LS\u{85}NEL\u{2029}PS\u{0B}VT\u{0C}FF end",
            "decomposed: Tha\u{0300}nh pho\u{0302}\u{0301} \u{0301}mark-first a\u{00AD}b soft\u{200B}zwsp x\u{2060}y",
            "snake_case __init__ _x 1_000 a_1 1_a __ _ x__ 3__4",
            "a.b.c a..b 1.2.3 1..2 a:b 1:2 a'b 1'2 a’b a,b 1,2 a;b 1;2 a.1 1.a a1.2 1a.b",
            "  leading and trailing spaces   ",
            "",
        ]
        for text in samples {
            for locale in ["vi", "en", "fr", "de", "und", "sv", "fi-FI", "en_US_POSIX"] { try Self.expectSame(text, locale: locale) }
        }
        // Swedish and Finnish keep their own rules: a colon joins letters there, not elsewhere.
        let sv = try Self.native.segments(Array("k:a".unicodeScalars), locale: "sv")
        let vi = try Self.native.segments(Array("k:a".unicodeScalars), locale: "vi")
        #expect(sv.count == 1 && vi.count == 3)
    }

    @Test func theSampleCorpus() throws {
        let corpus = Support.path("Corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
            guard let data = FileManager.default.contents(atPath: corpus + "/" + name),
                  let text = String(data: data, encoding: .utf8) else { continue }
            try Self.expectSame(text)
        }
    }

    /// Random strings over the characters whose word-break classes differ.
    @Test func randomStrings() throws {
        let pool: [Unicode.Scalar] = [
            "a", "B", "z", "đ", "Ư", "ệ", "ñ", "ß", "Ж", "λ", "ب", "ह", "\u{0301}", "\u{0323}", "\u{093F}",
            "0", "7", "٣", "५", ".", ",", ":", ";", "'", "’", "\"", "-", "_", "/", "@", "#", "?", "!", "(", ")", "…",
            "\u{2024}", "\u{FE52}", "\u{FF0E}", "\u{203F}", "\u{FE55}", "\u{FF1A}", "\u{FF20}", "\u{00B7}", "\u{05F4}",
            " ", " ", " ", "\u{00A0}", "\t", "\u{2009}", "\u{3000}", "\n", "\r", "\u{2028}", "\u{85}", "\u{0B}",
            "\u{00AD}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{200D}", "\u{200C}",
            "ก", "中", "カ", "あ", "한", "א", "©", "😀", "\u{1F3FD}", "\u{1F1FB}", "\u{1D400}", "𝟘", "$", "€", "%",
        ]
        var random = SeededGenerator(seed: 29)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...32, using: &random)
            var v = String.UnicodeScalarView()
            for _ in 0..<length { v.append(pool.randomElement(using: &random)!) }
            try Self.expectSame(String(v))
        }
    }

    /// The shortcut after a run of letters or digits (one space, or a comma or period and one
    /// space, before the next word) against every neighbour that could make it wrong.
    @Test func runsEndingAtASpaceOrAMarkAndASpace() throws {
        for run in ["ab", "12", "a1", "1a", "ạ", "e\u{0301}", "a_"] {
            for mark in ["", ",", ".", ":", ";", "'"] {
                for space in [" ", "  ", "\u{00A0}", "", "\n"] {
                    for next in ["c", "3", "ệ", "\u{0301}", ",", " ", "", "(", "_", "ก", "中", ".5", "a.b"] {
                        try Self.expectSame(run + mark + space + next + " x")
                        try Self.expectSame("x " + run + mark + space + next)
                    }
                }
            }
        }
    }

    @Test func tokensStageGivesTheSameTokensEitherWay() throws {
        let text = "Giá 500.000đ, 1.5kg và 30-50km hôm 9/2; TS. Lê, v.v. #tin @vnexpress a@b.vn https://vnexpress.net/x ... 👍 ประเทศไทย"
        func tokens(_ engine: WordBreaker.Engine) throws -> [Annotation] {
            var d = Document(id: "t", text: text, language: "vi")
            try TokensStage(engine: engine).process(&d)
            return d.layers[.tokens]
        }
        #expect(try tokens(.native) == tokens(.icu))
    }
}

@Suite("special tokens: the word-at-a-time scan")
struct SpecialTokenScanTests {
    /// The scan visits word starts only, and only around the marks special shapes hold; it
    /// must find what trying every position finds.
    @Test func findsWhatTryingEveryPositionFinds() {
        let special = SpecialTokens(abbreviations: Abbreviations())
        // The fast ASCII answer of isWord is the class table's.
        for v in 0..<128 {
            let c = Unicode.Scalar(UInt8(v))
            #expect(special.isWord(c) == c.isWordPart, "U+\(String(v, radix: 16))")
        }
        func everyPosition(_ s: [Unicode.Scalar]) -> [Range<Int>] {
            var spans: [Range<Int>] = []
            var i = 0
            while i < s.count {
                let atWordStart = i == 0 || !special.isWord(s[i - 1])
                if let span = atWordStart ? special.candidate(s, i) : s[i] == "." ? special.ellipsis(s, i) : nil {
                    spans.append(span.range)
                    i = span.range.upperBound
                    continue
                }
                i += 1
            }
            return spans
        }
        let pieces = ["TP.", "HCM", "v.v.", "U.S.", "a", "đồng", "112", ",", "6", ".", "..", "…", "#", "@", "tin", "vn", "x@y.vn", "https://", "www.", "a.b", "9", "/", "2", "-", "_", " ", " ", "\n", "“", "ThS.", "e.g.", "J.", "–", "+", ":", "3.5km", "+84", "a-b", "8:30", "đ", "_", "x.y@z", "\u{0301}", ", ", "1, 5", "www.a.vn/x, y"]
        var random = SeededGenerator(seed: 5)
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...16, using: &random) { text += pieces.randomElement(using: &random)! }
            let s = Array(text.unicodeScalars)
            #expect(special.scan(s).map(\.range) == everyPosition(s), "\(text.debugDescription)")
        }
    }
}

/// Mekong's sentence breaker must give exactly ICU's boundaries.
@Suite("sentence breaker: the same boundaries as ICU")
struct SentenceBreakerTests {
    static func expectSame(_ text: String, locale: String = "vi", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scalars = Array(text.unicodeScalars)
        let a = try SentenceBreaker(engine: .native).boundaries(scalars, locale: locale)
        let b = try SentenceBreaker(engine: .icu).boundaries(scalars, locale: locale)
        #expect(a == b, "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func realText() throws {
        let samples = [
            "Ông nói: “Đây là bước đi lớn.” Sau đó ông rời đi. TS. Lê Văn A cho biết... Hết! Thật sao? Vâng.",
            "Mr. Smith went to Washington D.C. on Jan. 5. He said: \"It's done.\" (Really.) Then e.g. 3.5 km. U.S.A. Okay.",
            "Il a dit : « C'est fini ! » Puis il est parti… Non ? Si.",
            "Er sagte: „Das ist gut.“ Dann ging er. Nr. 5 ist hier. 1. Januar 2024.",
            "Он сказал: «Всё». Потом ушёл. Т.е. ничего.",
            "他说：“好。”然后走了。真的吗？是的！",
            "a.b. c. D. e.f? G! h… i\u{2029}j\r\nk\nl\u{85}m",
            "",
        ]
        for text in samples { try Self.expectSame(text) }
        // Greek has rules of its own in ICU (`;` asks a question); they are ICU's here too.
        for locale in ["el", "el-GR", "el_GR"] { try Self.expectSame("Τι κάνεις; Καλά. Εσύ;", locale: locale) }
        let greek = try SentenceBreaker().boundaries(Array("Τι κάνεις; Καλά.".unicodeScalars), locale: "el")
        #expect(greek == [11, 16])
        let corpus = Support.path("Corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
            if let data = FileManager.default.contents(atPath: corpus + "/" + name), let text = String(data: data, encoding: .utf8) {
                try Self.expectSame(text)
            }
        }
    }

    @Test func randomStrings() throws {
        let pool: [Unicode.Scalar] = [
            "a", "B", "đ", "Ư", "ж", "Ж", "ب", "中", "1", "٣", ".", "?", "!", "…", "。", "！", "\u{2024}", ",", ";", ":", "-", "—",
            "\"", "'", "“", "”", "«", "»", "(", ")", "[", "]", " ", " ", "\u{00A0}", "\t", "\n", "\r", "\u{2029}", "\u{85}",
            "\u{0301}", "\u{00AD}", "\u{200B}", "\u{FEFF}", "\u{200D}", "😀", "𝐀", "x", "y", "Z",
        ]
        var random = SeededGenerator(seed: 31)
        for _ in 0..<5000 {
            var v = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...32, using: &random) { v.append(pool.randomElement(using: &random)!) }
            try Self.expectSame(String(v))
        }
    }

    /// A locale's language by its bytes is the one that splitting by characters gives.
    @Test func aLocalesLanguageIsItsFirstPart() {
        func byCharacters(_ locale: String) -> String {
            locale.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "@" }).first.map { $0.lowercased() } ?? ""
        }
        for locale in ["vi", "vi-VN", "EN_us", "sv", "zh-Hant-TW", "@x", "-vi", "", "_", "de@collation=phonebook", "root", "en_US_POSIX", "x--y", "Tiếng-Việt", "a\u{301}-b"] {
            #expect(localeLanguage(locale) == byCharacters(locale), "\(locale)")
        }
        #expect(WordBreaker.hasRulesOfItsOwn("sv-SE") && WordBreaker.hasRulesOfItsOwn("vi@x=y") && !WordBreaker.hasRulesOfItsOwn("vi"))
        #expect(SentenceBreaker.hasRulesOfItsOwn("el") && SentenceBreaker.hasRulesOfItsOwn("en@ss=standard") && !SentenceBreaker.hasRulesOfItsOwn("en"))
    }
}
