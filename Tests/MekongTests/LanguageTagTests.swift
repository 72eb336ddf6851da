import Foundation
import Testing
@testable import Mekong

/// Language tags are checked before anything uses them: ICU faulted (SIGSEGV in
/// libicui18n) on `<html lang="aaaaaaaaaaaa">` and on `v적인 사안` in the quantities stage.
@Suite("language tags")
struct LanguageTagTests {
    @Test func thePrimarySubtagIsTheTagsFirstPartInLowerCase() {
        #expect(LanguageIdentifier.primarySubtag("vi") == "vi" && LanguageIdentifier.primarySubtag("EN-gb") == "en")
        #expect(LanguageIdentifier.primarySubtag("zh_Hant") == "zh" && LanguageIdentifier.primarySubtag("Vi") == "vi")
        #expect(LanguageIdentifier.primarySubtag("") == "" && LanguageIdentifier.primarySubtag("fil") == "fil")
    }

    @Test(arguments: [
        ("vi", "vi"), ("vi_VN", "vi-VN"), ("VI-vn", "vi-VN"), ("zh-hant-tw", "zh-Hant-TW"), ("en-US", "en-US"),
        ("es-419", "es-419"), ("sr-latn", "sr-Latn"), ("de-CH-1901", "de-CH-1901"), (" fr ", "fr"), ("und", "und"),
        ("zh-yue-HK", "zh-yue-HK"), ("en-US-u-nu-thai", "en-US-u-nu-thai"), ("en-x-private", "en-x-private"),
    ])
    func validTagsComeOutInCanonicalCase(input: String, canonical: String) {
        #expect(LanguageTag.canonical(input) == canonical)
    }

    @Test(arguments: [
        "", "-", "_", "aaaaaaaaaaaa", "v적인 사안", "x-klingon", "i-klingon", "e", "abcd", "abcdefg", "en--US",
        "en-", "1en", "en US", "en-US-u", "en-a-bb-a-cc", "de-1901-1901", String(repeating: "ab-", count: 100) + "ab",
        "en-verylongsubtag", "vi\u{0}", "tiếng", "en@x=y",
    ])
    func invalidTagsAreRefused(input: String) {
        #expect(LanguageTag(input) == nil, "\(input)")
    }

    @Test func icuLocalesAllowKeywordsAndTheRootLocale() {
        #expect(LanguageTag.icuLocale("de@ss=standard") == "de@ss=standard")
        #expect(LanguageTag.icuLocale("zh-Hant-TW") == "zh_Hant_TW")
        #expect(LanguageTag.icuLocale("en_US_POSIX") == "en_US_POSIX")
        #expect(LanguageTag.icuLocale("root") == "root")
        #expect(LanguageTag.icuLocale("en@") == nil)
        #expect(LanguageTag.icuLocale("en@a=b c") == nil)
        #expect(LanguageTag.icuLocale("aaaaaaaaaaaa@x=y") == nil)
    }

    /// The crash of issue 17: a page whose `lang` is no tag, with too little text for the
    /// language detector, through the shipped news pipeline.
    @Test(arguments: ["aaaaaaaaaaaa", "v적인 사안", "abcdefghijklmnopqrstuvwxyz", "x-", "-"])
    func anInvalidPageLanguageIsDroppedWithANote(lang: String) throws {
        let html = Array("<html lang=\"\(lang)\"><body><p>Giá 5 USD.</p></body></html>".utf8)
        let pipeline = try Pipeline.load(contentsOf: Support.path("Pipelines/news.json"))
        defer { pipeline.finish() }
        var d = Document(id: "p", source: Source(uri: "p.html", format: .html, size: html.count, raw: html))
        try pipeline.process(&d)
        #expect(d.language == "vi")
        #expect(d.metadata["declaredLanguage"] == nil)
        #expect(d.errors.contains { $0.stage == "html" && $0.message.contains("not a valid BCP 47 language tag") })
        #expect(d.layers[.quantities].map { d.text(in: $0.range) } == ["5 USD"])
    }

    /// Every way a tag comes in, through `mekong run` and the shipped pipeline: an RSS
    /// channel's `<language>`, a JSON Lines `language`, a page's `lang` inside JSON Lines.
    @Test func invalidTagsFromFeedsAndJSONLinesDoNotReachICU() throws {
        let dir = Support.temporaryDirectory()
        Support.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>T</title><language>aaaaaaaaaaaa</language>
            <item><title>Giá</title><guid>g1</guid><description>Giá 5 USD.</description></item></channel></rss>
            """, to: dir + "/odd.rss")
        Support.write(#"""
            {"id": "j", "text": "Giá 5 USD.", "language": "v적인 사안"}
            {"id": "k", "html": "<html lang=\"aaaaaaaaaaaa\"><body><p>Giá 5 USD.</p></body></html>"}
            """#, to: dir + "/odd.jsonl")
        let r = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), dir + "/odd.rss", dir + "/odd.jsonl", "-o", dir + "/out.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let records = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(records.count == 3)
        for record in records {
            #expect(record["language"]?.stringValue == "vi")
            #expect(record["errors"]?.arrayValue?.first?["message"]?.stringValue?.contains("not a valid BCP 47 language tag") == true, "\(record)")
        }
    }

    @Test func aDocumentKeepsOnlyValidTagsAndTheFallbackApplies() throws {
        var d = Document(id: "d", text: "Giá 5 USD.", language: "aaaaaaaaaaaa")
        #expect(d.language == nil)
        #expect(d.droppedLanguageTag == "aaaaaaaaaaaa")
        #expect(d.errors.count == 1 && d.errors[0].message.contains("language tag dropped"))
        d.language = "en_us"
        #expect(d.language == "en-US")
        // A bare lower-case subtag takes a short way: the same as the parse, for every one.
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        for tag in letters.flatMap({ a in letters.map { a + $0 } }) + ["fil", "haw", "yue", "zzz"] {
            d.language = tag
            #expect(d.language == LanguageTag.canonical(tag), "\(tag)")
        }
        for tag in ["x", "i", "abcd", "VI", "vi-VN"] {
            d.language = tag
            #expect(d.language == LanguageTag.canonical(tag), "\(tag)")
        }
        let p = try Support.pipeline(#"{"name": "q", "language": "vi", "stages": [{"use": "tokens"}, {"use": "quantities"}]}"#)
        var e = Document(id: "e", text: "Giá 5 USD.", language: "v적인 사안")
        try p.process(&e)
        #expect(e.language == "vi")
        #expect(e.layers[.quantities].count == 1)
    }

    @Test func stageOptionsNamingLocalesAreChecked() {
        for json in [
            #"{"name": "q", "stages": [{"use": "tokens", "with": {"locale": "aaaaaaaaaaaa"}}]}"#,
            #"{"name": "q", "stages": [{"use": "sentences", "with": {"locale": "en@a b"}}]}"#,
            #"{"name": "q", "stages": [{"use": "tokens"}, {"use": "quantities", "with": {"targets": ["en", "v적인"]}}]}"#,
            #"{"name": "q", "stages": [{"use": "tokens"}, {"use": "quantities", "with": {"language": "-"}}]}"#,
        ] {
            #expect(throws: (any Error).self, "\(json)") { try Support.pipeline(json) }
        }
        #expect(throws: QuantityLexiconError.self) { try QuantitiesStage(language: "aaaaaaaaaaaa") }
    }

    /// Odd tags of every kind straight into the calls that reach ICU, and through the
    /// quantities stage on a short text: nothing may crash.
    @Test func oddTagsNeverCrashICUOrTheQuantitiesStage() throws {
        var rng = SeededGenerator(seed: 17)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCZ0123456789-_@=;. xàệ적😀\u{0}\u{7F}")
        var tags = ["", "-", "--", "_", "x-", "x-foo", "i-klingon", "i-default", "en-", "root", "und", "@", "en@",
                    "en@calendar=", "en@=x", "aaaaaaaaaaaa", "aaaaaaaaa", "v적인 사안", String(repeating: "a", count: 300),
                    (0..<100).map { _ in "ab" }.joined(separator: "-"), String(repeating: "en_", count: 60),
                    "zh-Hant-TW-u-nu-hanidec", "de@collation=phonebook;currency=EUR", "en_US_POSIX", "qaa", "zzz-Zzzz-ZZ"]
        for _ in 0..<300 {
            let n = Int.random(in: 0..<40, using: &rng)
            tags.append(String((0..<n).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        let pipeline = try Support.pipeline(#"{"name": "q", "language": "vi", "stages": [{"use": "tokens"}, {"use": "quantities", "with": {"targets": ["en"]}}]}"#)
        defer { pipeline.finish() }
        let stage = try QuantitiesStage()
        let units = Array("Giá 5 USD.".utf16)
        for tag in tags {
            _ = CLDR.symbol(.decimal, locale: tag)
            _ = CLDR.monthName(1, abbreviated: false, locale: tag)
            _ = CLDR.spellOut(25, locale: tag)
            _ = CLDR.parseSpellOut("hai mươi lăm", locale: tag)
            _ = CLDR.currencyName("USD", style: .symbol, locale: tag)
            _ = CLDR.format(1e9, skeleton: "compact-long currency/EUR", locale: tag)
            _ = CLDR.displayNames(.language, ["vi", "en"], in: tag)
            _ = try? ICU.boundaries(.word, locale: tag, utf16: units)
            _ = ICU.countBoundaries(.sentence, locale: tag, utf16: units)
            var d = Document(id: "d", text: "Giá 5 USD.", language: tag)
            try pipeline.process(&d)
            #expect(d.language != nil)
            _ = stage.quantities(in: d, language: tag)
        }
    }
}
