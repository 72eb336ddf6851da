import Testing
@testable import Mekong

/// XML inputs are parsed without entity substitution: an internal entity, however it nests,
/// is never expanded, and an item that refers to one keeps its other text, with a note.
@Suite("XML entities and sizes")
struct XMLEntityTests {
    static func write(_ xml: String) -> String {
        let path = Support.temporaryDirectory() + "/feed.rss"
        Support.write(xml, to: path)
        return path
    }

    static let laughs: String = {
        var dtd = "<!DOCTYPE rss [<!ENTITY a \"\(String(repeating: "a", count: 100))\">"
        let names = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) { dtd += "<!ENTITY \(name) \"\(String(repeating: "&\(previous);", count: 10))\">" }
        return dtd + "]>"
    }()

    static func feed(_ doctype: String, _ first: String, title: String = "Một &z; hai") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(doctype)
        <rss version="2.0"><channel><title>Tin</title>
        <item><guid>i1</guid><title>\(title)</title><description>\(first)</description></item>
        <item><guid>i2</guid><title>Hai</title><description>Bình thường</description></item>
        </channel></rss>
        """
    }

    @Test func billionLaughsInAFeedIsNeitherExpandedNorDropped() throws {
        let path = Self.write(Self.feed(Self.laughs, "Trước &z; sau"))
        let clock = ContinuousClock()
        let start = clock.now
        let items = Array(DocumentInputs(paths: [path]))
        #expect(clock.now - start < .seconds(5))
        #expect(items.map(\.id) == ["i1", "i2"])
        guard case .document(let first) = items[0], case .document(let second) = items[1] else { Issue.record("\(items)"); return }
        #expect(first.source.raw.map { String(decoding: $0, as: UTF8.self) } == "Trước  sau")
        #expect(first.metadata["title"] == "Một  hai")
        #expect(first.errors.map(\.message) == ["2 entity references (&z;) left out: entities are never expanded"])
        #expect(second.errors.isEmpty)
        // XPath's string() would expand the entity too: it never sees the reference.
        let mapped = Array(DocumentInputs(paths: [path], xmlMapping: XMLMapping(documents: "//item", fields: ["text": ["string(description)"]])))
        guard case .document(let text)? = mapped.first else { Issue.record("\(mapped)"); return }
        #expect(text.text == "Trước  sau")
        // Nor in an attribute value.
        let attribute = Self.write(Self.feed(Self.laughs, "<![CDATA[x]]>").replacingOccurrences(of: "<guid>i1</guid>", with: "<guid>i1</guid><enclosure url=\"&z;\"/>"))
        let start2 = clock.now
        let withAttribute = Array(DocumentInputs(paths: [attribute], xmlMapping: XMLMapping(documents: "//item", fields: ["id": ["guid"], "text": ["enclosure/@url", "string(title)"]])))
        #expect(clock.now - start2 < .seconds(5))
        #expect(withAttribute.count == 2)
    }

    /// XML that is one document goes through the html stage's parser: the same guard there.
    @Test func anEntityInAnXMLDocumentCostsNoOtherText() throws {
        let xml = "<?xml version=\"1.0\"?>" + Self.laughs.replacingOccurrences(of: "DOCTYPE rss", with: "DOCTYPE r") + "<r><x a=\"&z;\">t &z; u</x><y>v</y></r>"
        var d = Document(id: "lol.xml", source: Source(uri: "lol.xml", format: .xml, size: xml.utf8.count, raw: Array(xml.utf8)))
        try Support.pipeline(#"{"name": "x", "stages": [{"use": "html"}]}"#).process(&d)
        #expect(d.text.contains("t") && d.text.contains("u") && d.text.contains("v") && d.length < 100)
    }

    @Test func anUndeclaredEntityCostsOnlyItself() throws {
        let items = Array(DocumentInputs(paths: [Self.write(Self.feed("", "Trước &nope; sau"))]))
        #expect(items.map(\.id) == ["i1", "i2"])
        guard case .document(let first) = items[0] else { Issue.record("\(items)"); return }
        let html = first.source.raw.map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(html == "Trước  sau")
        #expect(first.errors.map(\.message) == ["2 entity references (&z;, &nope;) left out: entities are never expanded"])
    }

    @Test func aFeedThatIsNotWellFormedIsReadInRecoveryModeWithANote() throws {
        let items = Array(DocumentInputs(paths: [Self.write(Self.feed("", "Trước <b>sau</description>", title: "Một"))]))
        #expect(items.count == 2)
        guard case .document(let first)? = items.first else { Issue.record("\(items)"); return }
        #expect(first.errors.contains { $0.message.contains("the XML is not well-formed") && $0.message.contains("recovery mode") })
    }

    /// libxml2 cuts a text node at 10 MB unless told otherwise; the document limit bounds it.
    @Test func aTextNodeOverTenMegabytesIsReadWhole() throws {
        let big = String(repeating: "chữ ", count: 3_000_000)
        let items = Array(DocumentInputs(paths: [Self.write(Self.feed("", big, title: "Một"))]))
        guard case .document(let first)? = items.first else { Issue.record("\(items.first.map { "\($0)" } ?? "none")"); return }
        #expect(first.source.raw?.count == big.utf8.count - 1 && first.errors.isEmpty, "\(first.errors)")
    }
}
