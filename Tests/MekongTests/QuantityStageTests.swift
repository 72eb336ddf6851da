import Foundation
import Testing
@testable import Mekong

private func quantities(_ text: String, language: String = "vi", with options: String = "{}") throws -> [Annotation] {
    let d = try Support.process(Document(id: "q", text: text, language: language),
                                #"{"name": "q", "stages": [{"use": "normalize"}, {"use": "tokens"}, {"use": "quantities", "with": \#(options)}]}"#)
    return d.layers[.quantities]
}

@Suite("quantities: lexicon files, renderings, user words, robustness")
struct QuantityStageTests {
    @Test(arguments: ["common", "vi", "en", "fr", "de"])
    func shippedLexiconsLoadAndCheck(_ name: String) throws {
        let lexicon = try QuantityLexicon.load(path: Support.path("Sources/Mekong/Resources/quantities/\(name).json"))
        if name != "common" {
            #expect(lexicon.language == name)
            try QuantityLexicon.shipped(language: name).validateReferences(file: name)
            #expect(!QuantityLexicon.shipped(language: name).approximate.isEmpty)
        }
    }

    /// Found by the fuzzer: a date part too long for an Int was dropped, and the reader then
    /// read past the end of the parts.
    @Test func aSlashDateWithAnOverlongPartIsNoDateAndNoCrash() throws {
        for language in ["sv", "vi", "en"] {
            let doc = try Support.process(Document(id: "d", text: "G66 25/12/2026666666666666666666666y và 9/2/2025.", language: language),
                                          #"{"name": "q", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "quantities"}]}"#)
            let dates = doc.layers[.quantities].filter { $0.label == "date" }.map { doc.text(in: $0.range) }
            #expect(dates == ["9/2/2025"], "\(language)")
        }
    }

    @Test func lexiconMistakesNameTheFileThePathAndTheFix() {
        func error(_ json: String) -> String {
            do { _ = try QuantityLexicon.parse(Array(json.utf8), name: "mine.json"); return "no error" } catch { return error.description }
        }
        #expect(error(#"{"currencis": {}}"#).contains("mine.json: $: unknown key 'currencis' (did you mean 'currencies'?)"))
        #expect(error(#"{"currencies": {"đô": "dollar"}}"#).contains(#"$.currencies["đô"]: expected an ISO 4217 code"#))
        #expect(error(#"{"scales": {"củ": -1}}"#).contains(#"$.scales["củ"]: expected a positive number"#))
        #expect(error(#"{"numberWords": {"digits": {"mười": 10}}}"#).contains("expected an integer in 0…9"))
        #expect(error(#"{"durations": {"năm": "YEAR"}}"#).contains("expected one of"))
        #expect(error(#"{"dateOrder": "dym"}"#).contains(#"$.dateOrder: expected "dmy", "mdy" or "ymd""#))
        #expect(error(#"{"units": "km"}"#).contains("$.units: expected an object"))
        #expect(error("{").contains("mine.json: $:"))
        // The keys the grammar gained this session are checked the same way.
        #expect(error(#"{"multipliers": {"word": {"đôi": 2}}}"#).contains("$.multipliers: unknown key 'word' (did you mean 'words'?)"))
        #expect(error(#"{"durationPrefixes": {"tuổi": "YEAR"}}"#).contains(#"$.durationPrefixes["tuổi"]: expected one of"#))
        #expect(error(#"{"vagueScales": {"hundreds": 0}}"#).contains(#"$.vagueScales["hundreds"]: expected a positive number"#))
        #expect(error(#"{"dates": {"dayContex": []}}"#).contains("did you mean 'dayContext'?"))
        #expect(error(#"{"unitDefinitions": {"tạ": {"dimension": "mass", "to": "kg"}}}"#).contains(#"$.unitDefinitions["tạ"]: "to" (a unit symbol) and "factor""#))
        // A unit phrase must name a defined unit, and a unit given in another must name one of
        // its own: checked once the files are merged.
        var lexicon = QuantityLexicon.shipped(language: "vi")
        lexicon.units["sải"] = "fathom"
        #expect(throws: QuantityLexiconError.self) { try lexicon.validateReferences(file: "mine.json") }
        var converted = QuantityLexicon.shipped(language: "vi")
        converted.unitDefinitions["tạ"] = .init(dimension: "mass", to: "pood", factor: 100)
        #expect(throws: QuantityLexiconError.self) { try converted.validateReferences(file: "mine.json") }
        #expect(throws: Never.self) { try QuantityLexicon.shipped(language: "vi").validateReferences(file: "vi.json") }
    }

    @Test func usersExtendTheWordsFromThePipeline() throws {
        let dir = Support.temporaryDirectory()
        Support.write(#"{"language": "vi", "scales": {"củ": 1e6}, "units": {"sải": "fathom"}, "unitDefinitions": {"fathom": {"dimension": "length"}}}"#, to: dir + "/words.json")
        let pipeline = #"{"name": "q", "stages": [{"use": "tokens"}, {"use": "quantities", "with": {"lexicons": ["words.json"]}}]}"#
        Support.write(pipeline, to: dir + "/p.json")
        let p = try Pipeline.load(contentsOf: dir + "/p.json", registry: .builtIn)
        var doc = Document(id: "d", text: "Lương 15 củ, sâu 20 sải.", language: "vi")
        try p.process(&doc)
        let q = doc.layers[.quantities]
        #expect(q.map { $0["text"]?.stringValue } == ["15 củ", "20 sải"])
        #expect(q.first?["value"]?.doubleValue == 15_000_000)
        #expect(q.last?["unit"]?.stringValue == "fathom")
        // A broken file stops the pipeline at load time, naming the option.
        Support.write(#"{"language": "vi", "units": {"sải": "fathom"}}"#, to: dir + "/bad.json")
        Support.write(#"{"name": "q", "stages": [{"use": "tokens"}, {"use": "quantities", "with": {"lexicons": ["bad.json"]}}]}"#, to: dir + "/bad-p.json")
        #expect {
            _ = try Pipeline.load(contentsOf: dir + "/bad-p.json", registry: .builtIn)
        } throws: { error in
            "\(error)".contains("$.stages[1].with.lexicons") && "\(error)".contains("unit 'fathom' is not defined")
        }
    }

    @Test func renderingsForTranslatorsComeFromCLDR() throws {
        let q = try quantities("Pháp đầu tư 109 tỷ Euro, tăng 5,2%, dài 120 km.", with: #"{"targets": ["en", "fr", "de"]}"#)
        let money = try #require(q.first)["renderings"]?.objectValue
        #expect(money?["en"]?.stringValue == "€109 billion")
        #expect(money?["fr"]?.stringValue == "109 milliards\u{00A0}€")
        #expect(money?["de"]?.stringValue == "109 Milliarden\u{00A0}€")
        #expect(q[1]["renderings"]?["en"]?.stringValue == "5.2%")
        #expect(q[1]["renderings"]?["fr"]?.stringValue == "5,2\u{00A0}%")
        #expect(q[2]["renderings"]?["en"]?.stringValue == "120 km")
    }

    @Test func keptFormattersAnswerForTheirOwnLocaleAndSkeleton() {
        // ICU's formatters are kept per thread by locale and skeleton (opening one costs far
        // more than formatting): interleaved locales and skeletons each get their own, more
        // of them than the cache holds.
        for _ in 0..<2 {
            #expect(CLDR.format(5.2, skeleton: "percent", locale: "en") == "5.2%")
            #expect(CLDR.format(5.2, skeleton: "percent", locale: "fr") == "5,2\u{00A0}%")
            #expect(CLDR.spellOut(25, locale: "en") == "twenty-five")
            #expect(CLDR.spellOut(25, locale: "vi") == "hai mươi lăm")
            #expect(CLDR.parseSpellOut("twenty-five", locale: "en")?.value == 25)
            for k in 0..<20 {
                #expect(CLDR.format(1234.5, skeleton: "precision-integer scale/\(k + 1)", locale: "de") != nil)
            }
            #expect(CLDR.format(1234.5, skeleton: "group-off", locale: "de") == "1234,5")
        }
    }

    @Test func everyLanguageICUKnowsGetsCLDRWords() throws {
        // No Spanish file ships: currency names, scale words and month names come from CLDR.
        let q = try quantities("Invirtió 109 millones de euros el 9 de febrero.", language: "es")
        #expect(q.first?["text"]?.stringValue == "109 millones de euros" || q.first?["text"]?.stringValue == "109 millones")
        #expect(q.first?["value"]?.doubleValue == 109_000_000)
        let it = try quantities("Un investimento di 5 miliardi di dollari statunitensi.", language: "it")
        #expect(it.first?["value"]?.doubleValue == 5_000_000_000)
    }

    @Test func valuesAreExactForLargeDecimalAmounts() throws {
        let q = try quantities("Doanh thu 112,6 tỷ USD và 0,1 nghìn tỷ đồng.")
        #expect(q.map { $0["value"] } == [.integer(112_600_000_000), .integer(100_000_000_000)])
    }

    @Test func randomTextNeverBreaksTheSpans() throws {
        let pieces = ["109", "112,6", "1.000.000", "30", "-", "–", "50", "tỷ", "triệu", "nghìn", "Euro", "USD", "đồng", "%", "km", "ngày", "tháng",
                      "năm", "9/2", "1/8/2014", "8h30", "giờ", "hai", "mươi", "lăm", "một", "trăm", "linh", "rưỡi", "phẩy", "khoảng", "hơn", "từ",
                      "đến", "thứ", "ba", "Ba", "Đình", "quốc", "lộ", "0912", "345", "+84", "$", "€", "bn", ".", ",", " ", "  ", "\n", "a", "\u{0301}",
                      "twenty", "-five", "million", "Feb.", "9th", "d'euros", "²", "°C", "/", ":"]
        var rng = SeededGenerator(seed: 23)
        let stage = try QuantitiesStage()
        for round in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                text += pieces.randomElement(using: &rng)!
                if Bool.random(using: &rng) { text += " " }
            }
            var doc = Document(id: "fuzz\(round)", text: text, language: ["vi", "en", "fr"][round % 3])
            try TokensStage().process(&doc)
            try stage.process(&doc)
            var previousEnd = 0
            for q in doc.layers[.quantities] {
                #expect(q.start >= previousEnd && q.start < q.end && q.end <= doc.view.count, "\(text.debugDescription)")
                #expect(doc.text(in: q.range) == q["text"]?.stringValue)
                if let v = q["value"]?.doubleValue { #expect(v.isFinite) }
                previousEnd = q.end
            }
        }
    }
}
