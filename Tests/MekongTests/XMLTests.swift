import Testing
@testable import Mekong

private func items(_ path: String, mapping: XMLMapping? = nil) -> [InputItem] {
    Array(DocumentInputs(paths: [path], xmlMapping: mapping))
}

private func documents(_ list: [InputItem]) -> [Document] {
    list.compactMap { if case .document(let d) = $0 { return d } else { return nil } }
}

@Suite("XML input")
struct XMLTests {
    @Test func rssItemsAreDocuments() throws {
        let docs = documents(items(Support.path("Corpus/tin-cong-nghe.rss")))
        #expect(docs.map(\.id) == ["https://tin.example/mistral-trung-tam-du-lieu", "tin-example-0002"])
        #expect(docs[0].metadata["title"] == "Mistral AI xây trung tâm dữ liệu tại Pháp")
        #expect(docs[0].metadata["published"] == "2025-02-10T08:30:00+07:00")
        #expect(docs[0].metadata["author"] == "Lan Anh")
        #expect(docs[0].language == "vi")
        // content:encoded is preferred to description, and is markup for the html stage.
        var first = docs[0]
        try Support.pipeline(#"{"name": "x", "stages": [{"use": "html"}]}"#).process(&first)
        #expect(first.text.hasPrefix("Công ty AI Mistral, có trụ sở tại Paris"))
        #expect(first.layers[.paragraphs].count == 2)
    }

    /// libxml2 checks each attribute against all earlier ones of its element: 80,000 on one
    /// element of a feed took 15 s of the reader, where no document time limit applies.
    @Test func aFeedElementWithTensOfThousandsOfAttributesIsReadQuickly() throws {
        let dir = Support.temporaryDirectory()
        let attributes = (0..<80_000).map { " a\($0)=\"x\"" }.joined()
        Support.write("<rss version=\"2.0\"><channel><item\(attributes)><title>Tin</title><description>Giá vàng tăng.</description></item></channel></rss>",
                      to: dir + "/feed.rss")
        let clock = ContinuousClock()
        let started = clock.now
        let docs = documents(items(dir + "/feed.rss"))
        #expect(clock.now - started < .seconds(5))
        #expect(docs.count == 1 && docs[0].metadata["title"] == "Tin")
        #expect(docs[0].errors.contains { $0.message == "79000 attributes of the file left out: an element may carry at most 1000" })
    }

    @Test func atomAndTEIPresets() throws {
        let atom = documents(items(Support.fixtures + "/xml/feed.atom"))
        #expect(atom.count == 1 && atom[0].id == "urn:uuid:entry-0001")
        #expect(atom[0].metadata["url"] == "https://bao.example/hoi-nghi-ai")
        #expect(atom[0].metadata["author"] == "Minh An")
        let tei = documents(items(Support.fixtures + "/xml/article.tei.xml"))
        #expect(tei.count == 1 && tei[0].id == "tei-ai-001")
        #expect(tei[0].metadata["published"] == "2025-02-09")
        #expect(tei[0].layers[.paragraphs].map { tei[0].text(in: $0.range) } == [
            "Pháp nhận 109 tỷ Euro",
            "Ngành trí tuệ nhân tạo của Pháp sẽ nhận được khoản đầu tư tư nhân trị giá 109 tỷ Euro.",
            "Các Tiểu vương quốc Ả Rập Thống nhất sẽ đầu tư từ 30 đến 50 tỷ Euro.",
        ])
    }

    @Test func customMappingFromThePipelineWithNamespaces() throws {
        let pipeline = try Pipeline.load(contentsOf: Support.path("Pipelines/custom-xml.json"))
        let list = items(Support.fixtures + "/xml/archive.xml", mapping: pipeline.xmlMapping)
        let docs = documents(list)
        #expect(docs.map(\.id) == ["S-1", "S-2"])
        #expect(docs[0].metadata["title"] == "Tin một" && docs[0].metadata["published"] == "2025-02-09")
        // The external entity is never loaded.
        #expect(docs[0].text == "Nội dung tin một .")
        guard case .failure(let f) = list[2] else { Issue.record("third story"); return }
        #expect(f.id == "S-3" && f.reason.contains("found no text"))
    }

    @Test func mappingErrorsAreReportedAtLoad() {
        func errors(_ input: String) -> [PipelineError] {
            do { _ = try Support.pipeline(#"{"name": "x", "input": \#(input), "stages": [{"use": "tokens"}]}"#); return [] } catch let e as PipelineValidationError { return e.errors } catch { return [] }
        }
        #expect(errors(#"{"xml": "rs"}"#).first?.message.contains("did you mean 'rss'") == true)
        #expect(errors(#"{"xml": {"documents": "//item[", "text": "body"}}"#).first?.path == "$.input.xml.documents")
        #expect(errors(#"{"xml": {"documents": "//item", "txt": "body"}}"#).first?.message.contains("did you mean 'text'") == true)
        #expect(errors(#"{"xml": {"text": "body"}}"#).first?.message.contains("needs 'documents'") == true)
        #expect(errors(#"{"xm": "rss"}"#).first?.path == "$.input.xm")
    }

    @Test func otherXMLIsOneDocument() throws {
        let dir = Support.temporaryDirectory()
        Support.write("<?xml version=\"1.0\"?><note><to>An</to><body>Hẹn gặp lúc 8 giờ.</body></note>", to: dir + "/note.xml")
        let list = items(dir + "/note.xml")
        #expect(list.count == 1)
        guard case .document(var d) = list[0] else { Issue.record("note"); return }
        try Support.pipeline(#"{"name": "x", "stages": [{"use": "html"}]}"#).process(&d)
        #expect(d.text.contains("Hẹn gặp lúc 8 giờ."))
    }
}

@Suite("Ingestion safety")
struct SafetyTests {
    @Test func billionLaughsFailsCleanly() throws {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for i in 2...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        var d = Document(id: "lol.xml", source: Source(uri: "lol.xml", format: .xml, size: xml.utf8.count, raw: Array(xml.utf8)))
        let p = try Support.pipeline(#"{"name": "x", "stages": [{"use": "html"}]}"#)
        do {
            try p.process(&d)
            // Entities are never expanded into the text: it stays tiny.
            #expect(d.length < 1_000)
        } catch {
            #expect(error.stage == "html")
        }
        // The XML splitter refuses it too, with a message, instead of expanding it.
        let dir = Support.temporaryDirectory()
        Support.write(xml, to: dir + "/lol.xml")
        let list = items(dir + "/lol.xml", mapping: XMLMapping(documents: "/lolz", fields: ["text": ["."]]))
        if case .document(let doc)? = list.first { #expect(doc.length < 1_000) }
    }

    @Test func deepNestingIsCutAtTheDepthLimit() throws {
        let html = String(repeating: "<div>", count: 5_000) + "deep text" + String(repeating: "</div>", count: 5_000)
        var d = Document(id: "deep.html", source: Source(uri: "deep.html", format: .html, size: html.utf8.count, raw: Array(html.utf8)))
        let p = try Support.pipeline(#"{"name": "x", "stages": [{"use": "html", "with": {"mode": "all"}}]}"#)
        try p.process(&d)
        #expect(d.warningMentions("nests deeper than 256 levels"))
        #expect(!d.text.contains("deep text"))
    }
}

extension Document {
    func warningMentions(_ word: String) -> Bool { errors.contains { $0.message.contains(word) } }
}
