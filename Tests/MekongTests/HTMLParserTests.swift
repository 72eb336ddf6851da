import CLibXML2
import Testing
@testable import Mekong

@Suite("HTML parser limits")
struct HTMLParserTests {
    /// libxml2 stops a text node at 10 MB unless told XML_PARSE_HUGE, which htmlReadMemory
    /// cannot be told: the rest of the page was lost without an error.
    @Test func aTextNodeOverTenMegabytesIsReadWhole() throws {
        let page = Array("<html><body><p>".utf8) + [UInt8](repeating: 0x78, count: 10_500_000) + Array("</p><p>END</p></body></html>".utf8)
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue)
        let tree = try #require(HTMLParser.parse(page, url: "big.html", options: options))
        defer { xmlFreeDoc(tree) }
        let content = try #require(xmlNodeGetContent(xmlDocGetRootElement(tree)))
        defer { mk_xml_free(content) }
        let text = String(cString: content)
        // Booleans, so that a failure does not print ten megabytes.
        let whole = text.utf8.count == 10_500_003, endsWithTheLastParagraph = text.hasSuffix("END")
        #expect(whole)
        #expect(endsWithTheLastParagraph)
    }
}
