import Testing
@testable import Mekong

@Suite("Document model")
struct DocumentTests {
    /// The tokens' syllable keys are made once per text and token layer, and made again for
    /// other tokens: never those of spans the document no longer has.
    @Test func tokenKeysFollowTheTokenLayer() {
        var d = Document(id: "d", text: "Trí tuệ nhân tạo, Hà Nội.")
        func fresh() -> [(hash: UInt64, shape: UInt8)] { d.layers.spans(.tokens).map { SyllableKey.of(d.view.scalars[$0.start..<$0.end]) } }
        d.layers.set(.tokens, [Annotation(start: 0, end: 3), Annotation(start: 4, end: 7), Annotation(start: 8, end: 12)])
        #expect(SyllableKey.ofTokens(d).map(\.hash) == fresh().map(\.hash))
        #expect(SyllableKey.ofTokens(d).map(\.shape) == fresh().map(\.shape))
        d.layers.set(.tokens, [Annotation(start: 0, end: 7), Annotation(start: 18, end: 20), Annotation(start: 21, end: 24)])
        #expect(SyllableKey.ofTokens(d).map(\.hash) == fresh().map(\.hash) && SyllableKey.ofTokens(d).count == 3)
        #expect(SyllableKey.ofTokens(d)[1].hash == SyllableKey.of("Hà".unicodeScalars).hash)
    }

    @Test func theCharacterClassTableMatchesThePropertiesOfEveryCodePoint() {
        let fast = CharacterClass.fastTable, slow = CharacterClass.slowTable()
        let differing = (0..<0x10000).filter { fast[$0] != slow[$0] }
        #expect(differing.isEmpty, "first differing code points: \(differing.prefix(8).map { String($0, radix: 16) })")
    }

    /// A record may bring any number of layers: reading, looking up and writing n of them costs
    /// time linear in n (100,000 layers in an input record took 84 s to run through one stage).
    @Test func aRecordOfManyLayersReadsAndWritesInLinearTime() throws {
        let n = 30_000
        let record = "{\"id\":\"d\",\"text\":\"Xin chào.\",\"layers\":{" + (0..<n).map { "\"l\($0)\":[{\"start\":0,\"end\":3}]" }.joined(separator: ",") + "}}"
        var d = try Document(json: JSONParser.parse(record))
        #expect(d.layers.names.count == n && d.layers.names.prefix(2) == ["l0", "l1"])
        #expect(d.layers.count(of: "l29999") == 1 && !d.layers.contains("l30000"))
        d.layers.set("l5", SpanLayer())
        d.layers.remove("l6")
        d.layers.set(.tokens, SpanLayer())
        #expect(d.layers.count(of: "l5") == 0 && !d.layers.contains("l6") && d.layers.contains(.tokens) && d.layers.count(of: "l7") == 1)
        let again = try Document(json: JSONParser.parse(String(decoding: d.jsonLine(), as: UTF8.self)))
        #expect(again.layers == d.layers)
    }

    @Test func offsetsAreCodePoints() {
        let d = Document(id: "d", text: "Hà Nội 😀 e\u{0301}")
        #expect(d.length == 11)
        #expect(d.text(in: 0..<6) == "Hà Nội")
        #expect(d.text(in: 7..<8) == "😀")
        #expect(d.text(in: 9..<10) == "e")
    }

    @Test func rewriteKeepsTheOldTextAndMapsBack() throws {
        var d = Document(id: "d", text: "\u{FEFF}Thanh Hoa\u{0301}")
        // Drop the BOM, compose "a + combining acute" into "á".
        var b = OffsetMap.Builder()
        b.replace(old: 1, new: 0)
        b.copy(8)
        b.replace(old: 2, new: 1)
        try d.rewriteText("Thanh Hoá", map: b.build(), by: "normalize")
        #expect(d.text == "Thanh Hoá")
        #expect(d.originalText == "\u{FEFF}Thanh Hoa\u{0301}")
        #expect(d.originalRange(6..<9) == 7..<11)
        #expect(d.originalRange(0..<5) == 1..<6)
        #expect(d.revisions.count == 1)
    }

    @Test func rewriteMovesExistingSpansOntoTheNewText() throws {
        var d = Document(id: "d", text: "\u{FEFF}Hoa\u{0300}  bình\n\n\u{00A0}Đoạn")
        d.layers.set(.paragraphs, [Annotation(start: 0, end: 11), Annotation(start: 13, end: 19)])
        var b = OffsetMap.Builder()
        b.replace(old: 1, new: 0)   // BOM
        b.copy(2)                   // Ho
        b.replace(old: 2, new: 1)   // a + grave → à
        b.replace(old: 2, new: 1)   // two spaces → one
        b.copy(6)                   // bình\n\n
        b.replace(old: 1, new: 0)   // NBSP
        b.copy(4)
        try d.rewriteText("Hoà bình\n\nĐoạn", map: b.build(), by: "normalize")
        #expect(d.layers[.paragraphs].map { d.text(in: $0.range) } == ["Hoà bình", "Đoạn"])
    }

    @Test func rewriteNeedsAMatchingMap() {
        var d = Document(id: "d", text: "abc")
        #expect(throws: StageError.self) { try d.rewriteText("abcd", map: .identity(length: 3), by: "x") }
    }

    @Test func markupDocumentsHaveNoTextUntilIngested() throws {
        var d = Document(id: "p", source: Source(uri: "p.html", format: .html, size: 3, raw: Array("<p>".utf8)))
        #expect(!d.hasText)
        try d.setText("hello", by: "html")
        #expect(d.hasText && d.length == 5)
        #expect(throws: StageError.self) { try d.setText("again", by: "html") }
    }

    @Test func layersStaySorted() {
        var layers = Layers()
        layers.set("custom", [Annotation(start: 5, end: 6), Annotation(start: 0, end: 2), Annotation(start: 0, end: 1)])
        #expect(layers["custom"].map(\.range) == [0..<1, 0..<2, 5..<6])
        #expect(layers.names == ["custom"])
        #expect(layers["absent"].isEmpty && layers.layer("absent") == nil)
    }

    @Test func jsonRoundTripKeepsEverything() throws {
        var d = Document(id: "x", text: "  Xin chào", language: "vi", metadata: ["title": "T"])
        var b = OffsetMap.Builder()
        b.replace(old: 2, new: 0)
        b.copy(8)
        try d.rewriteText("Xin chào", map: b.build(), by: "normalize")
        d.layers.set(.tokens, [Annotation(start: 0, end: 3, label: "word"), Annotation(start: 4, end: 8, label: "word", attributes: ["norm": "chào"])])
        d.warn(stage: "s", "careful")
        let json = d.jsonValue()
        let back = try Document(json: json)
        #expect(back.id == "x" && back.text == "Xin chào" && back.language == "vi")
        #expect(back.layers == d.layers)
        #expect(back.revisions == d.revisions)
        #expect(back.errors == d.errors)
        #expect(back.metadata == d.metadata)
        #expect(back.originalRange(0..<3) == 2..<5)
    }

    @Test func decodingNamesThePathOfABadAnnotation() {
        let json: JSONValue = ["id": "x", "text": "abc", "layers": ["tokens": [["start": 0, "end": 2], ["start": 2, "end": 9]]]]
        do {
            _ = try Document(json: json)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "$.layers.tokens[1]")
            #expect(error.reason.contains("outside the text"))
        }
    }
}

@Suite("code-point counting")
struct CodePointCountTests {
    /// The word-at-a-time count agrees with Swift's own over strings of 1- to 4-byte characters
    /// at every length and alignment.
    @Test func agreesWithUnicodeScalarsCount() {
        let pool: [Unicode.Scalar] = ["a", " ", "\n", "é", "đ", "\u{0301}", "ệ", "中", "\u{FEFF}", "😀", "\u{10FFFF}", "\u{7F}", "\u{80}"]
        var random = SeededGenerator(seed: 8)
        for length in 0..<200 {
            var v = String.UnicodeScalarView()
            for _ in 0..<length { v.append(pool.randomElement(using: &random)!) }
            let s = String(v)
            #expect(s.codePointCount == s.unicodeScalars.count)
        }
    }
}
