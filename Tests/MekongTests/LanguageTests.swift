import Testing
@testable import Mekong

/// Paragraphs written for these tests, one per language, and what they must come out as.
let languageParagraphs: [(expected: String, script: String, text: String)] = [
    ("vi", "Latn", "Ngành trí tuệ nhân tạo của Pháp sẽ nhận được khoản đầu tư tư nhân trị giá 109 tỷ Euro trong những năm tới."),
    ("en", "Latn", "France's artificial intelligence sector will receive 109 billion euros of private investment in the coming years."),
    ("fr", "Latn", "Le secteur français de l'intelligence artificielle recevra 109 milliards d'euros d'investissements privés."),
    ("de", "Latn", "Die französische Branche für künstliche Intelligenz erhält in den kommenden Jahren private Investitionen."),
    ("es", "Latn", "El sector francés de la inteligencia artificial recibirá inversiones privadas en los próximos años."),
    ("it", "Latn", "Il settore francese dell'intelligenza artificiale riceverà investimenti privati nei prossimi anni."),
    ("pt", "Latn", "O setor francês de inteligência artificial receberá investimentos privados nos próximos anos."),
    ("nl", "Latn", "De Franse sector voor kunstmatige intelligentie ontvangt de komende jaren particuliere investeringen."),
    ("ru", "Cyrl", "Французская отрасль искусственного интеллекта получит частные инвестиции в ближайшие годы."),
    ("zh", "Hani", "法国人工智能行业将在未来几年获得一千零九十亿欧元的私人投资。"),
    ("ja", "Hani", "フランスの人工知能産業は今後数年間で民間投資を受ける予定です。"),
    ("ko", "Hang", "프랑스의 인공지능 산업은 앞으로 몇 년 동안 민간 투자를 받게 됩니다."),
    ("th", "Thai", "อุตสาหกรรมปัญญาประดิษฐ์ของฝรั่งเศสจะได้รับการลงทุนจากภาคเอกชนในอีกไม่กี่ปีข้างหน้า"),
    ("ar", "Arab", "سيحصل قطاع الذكاء الاصطناعي الفرنسي على استثمارات خاصة في السنوات المقبلة."),
    ("id", "Latn", "Sektor kecerdasan buatan Prancis akan menerima investasi swasta dalam beberapa tahun mendatang."),
]

/// Short snippets that mix languages, as news does; the language of the sentence's frame wins.
let mixedSnippets: [(expected: String, text: String)] = [
    ("vi", "Ông Sam Altman, CEO của OpenAI, tham dự hội nghị."),
    ("vi", "CEO của startup AI Synthesia có trụ sở tại Anh"),
    ("vi", "Hội nghị AI Action Summit tại Paris"),
    ("en", "Tổng thống Emmanuel Macron announced the plan"),
    ("en", "the French President said in Hà Nội yesterday that"),
    ("fr", "Bonjour à tous, merci beaucoup"),
]

@Suite("language stage")
struct LanguageTests {
    @Test(arguments: languageParagraphs.indices)
    func paragraphsInFifteenLanguages(index: Int) {
        let p = languageParagraphs[index]
        let guess = LanguageIdentifier.identify(p.text)
        #expect(guess?.code == p.expected, "\(p.text) → \(guess?.code ?? "nil")")
        #expect((guess?.confidence ?? 0) > 0.9)
        #expect(LanguageIdentifier.dominantScript(p.text) == p.script)
    }

    @Test(arguments: mixedSnippets.indices)
    func shortMixedSnippets(index: Int) {
        let s = mixedSnippets[index]
        #expect(LanguageIdentifier.identify(s.text)?.code == s.expected, "\(s.text)")
    }

    @Test func realGalicianStaysGalician() {
        #expect(LanguageIdentifier.identify("O governo galego anunciou onte que a Xunta de Galicia investirá en centros de datos e na formación de enxeñeiros.")?.code == "gl")
    }

    @Test func aDeclaredLanguageIsOnlyAHint() throws {
        let html = "<html lang=\"en-us\"><body><p>Ngành trí tuệ nhân tạo của Pháp sẽ nhận được khoản đầu tư tư nhân trị giá 109 tỷ Euro.</p></body></html>"
        let d = try Support.process(Document(id: "p", source: Source(uri: "p.html", format: .html, size: 0, raw: Array(html.utf8))),
                                    #"{"name": "l", "language": "en", "stages": [{"use": "html"}, {"use": "language"}]}"#)
        #expect(d.language == "vi")
        #expect(d.metadata["declaredLanguage"] == "en-US")
        #expect(d.metadata["script"] == "Latn")
        // Too short to tell: the declaration decides.
        let short = "<html lang=\"vi\"><body><p>Xin chào</p></body></html>"
        let s = try Support.process(Document(id: "s", source: Source(uri: "s.html", format: .html, size: 0, raw: Array(short.utf8))),
                                    #"{"name": "l", "stages": [{"use": "html"}, {"use": "language"}]}"#)
        #expect(s.language == "vi")
    }

    @Test func perParagraphLayer() throws {
        let text = languageParagraphs[0].text + "\n\n" + languageParagraphs[2].text + "\n\n" + languageParagraphs[8].text
        let d = try Support.process(Document(id: "m", text: text), #"{"name": "l", "stages": [{"use": "language", "with": {"paragraphs": true}}]}"#)
        #expect(d.layers[LanguageStage.languagesLayer].map { $0.label } == ["vi", "fr", "ru"])
        #expect(d.layers[LanguageStage.languagesLayer].last?["script"] == "Cyrl")
    }

    @Test func keepGivenLanguages() throws {
        var doc = Document(id: "g", text: languageParagraphs[1].text, language: "vi", metadata: ["languageSource": "given"])
        // The record's word is kept by default: detection guesses wrong on short text.
        let p = try Support.pipeline(#"{"name": "l", "stages": [{"use": "language"}]}"#)
        try p.process(&doc)
        #expect(doc.language == "vi")
        #expect(doc.metadata["script"] == "Latn")
        #expect(doc.metadata["languageConfidence"] == nil)
        // Asked to detect anyway, it says so and keeps what was given beside it.
        let q = try Support.pipeline(#"{"name": "l", "stages": [{"use": "language", "with": {"keepGiven": false}}]}"#)
        try q.process(&doc)
        #expect(doc.language == "en")
        #expect(doc.metadata["languageSource"] == "detected")
        #expect(doc.metadata["givenLanguage"] == "vi")
    }

    /// Fragments too short to tell by their letters (navigation, captions, one-line records):
    /// CLD2 alone calls `Brooklyn, NY` Malagasy and `Rotterdam movers` Dutch, "reliably".
    @Test func shortFragmentsKeepTheExpectedLanguageOrEnglish() throws {
        let vi = try Support.pipeline(#"{"name": "l", "language": "vi", "stages": [{"use": "language"}]}"#)
        let none = try Support.pipeline(#"{"name": "l", "stages": [{"use": "language"}]}"#)
        func language(_ text: String, _ p: Pipeline) throws -> (String?, Document) {
            var d = Document(id: "s", text: text)
            try p.process(&d)
            return (d.language, d)
        }
        // In the pipeline's language's script and unclear: the pipeline's language, unreliable,
        // with CLD2's own guess kept as an alternative.
        let (rotterdam, d) = try language("Rotterdam movers", vi)
        #expect(rotterdam == "vi")
        #expect(d.metadata["languageReliable"] == false)
        #expect(d.metadata["languageConfidence"] == .number(0))
        #expect(d.metadata["languageAlternatives"]?.arrayValue?.first?.objectValue?["code"] == "nl")
        // English is the other likely language of short Latin text on the web.
        #expect(try language("Thank you very much", vi).0 == "en")
        #expect(try language("Brooklyn, NY", vi).0 == "en")
        #expect(try language("Brooklyn, NY", none).0 == "en")
        #expect(try language("Xin chào các bạn", vi).0 == "vi")
        // Another script than the pipeline language's: CLD2's guess, else the script's likeliest language.
        #expect(try language("Москва", vi).0 == "ru")
        #expect(try language("東京都", vi).0 == "ja")
        let (_, short) = try language("Xin chào các bạn", none)
        #expect(short.metadata["languageReliable"] == false)
        // Long enough, the text decides against the pipeline's language as before.
        #expect(try language(languageParagraphs[2].text, vi).0 == "fr")
    }

    @Test func scriptsAndLikelyLanguagesComeFromCLDR() {
        #expect(LanguageIdentifier.likelyScript(of: "vi") == "Latn")
        #expect(LanguageIdentifier.likelyScript(of: "sr") == "Cyrl")
        #expect(LanguageIdentifier.likelyLanguage(script: "Cyrl") == "ru")
        #expect(LanguageIdentifier.likelyLanguage(script: "Hang") == "ko")
        #expect(LanguageIdentifier.writes("zh-TW", in: "Hani"))
        #expect(LanguageIdentifier.writes("ja", in: "Hira"))
        #expect(!LanguageIdentifier.writes("vi", in: "Cyrl"))
        #expect(LanguageIdentifier.likelyScript(of: "not a tag!") == nil)
    }

    /// Every ISO code list comes whole: the last entry of a list that filled the buffer exactly
    /// was once dropped, leaving NULs (Zimbabwe missing, Zambia `ZM\0\0\0`).
    @Test func isoCodeListsAreWholeAndClean() {
        for kind in [CLDR.CodeKind.region, .language, .script] {
            let codes = CLDR.codes(kind)
            #expect(codes.count > 100)
            #expect(codes.allSatisfy { !$0.isEmpty && !$0.unicodeScalars.contains("\u{0}") }, "\(kind)")
        }
        #expect(CLDR.codes(.region).suffix(2) == ["ZM", "ZW"])
    }
}
