import Testing
@testable import Mekong

@Suite("WARC input")
struct WARCTests {
    @Test(arguments: ["records.warc", "records.warc.gz"])
    func responsesBecomeDocumentsAndTheRestIsReported(file: String) throws {
        let items = Array(DocumentInputs(paths: [Support.fixtures + "/warc/" + file]))
        // warcinfo and request are not documents; five records are.
        #expect(items.count == 5)
        guard case .document(var page) = items[0] else { Issue.record("first item: \(items[0])"); return }
        #expect(page.id == "<urn:uuid:00000000-0000-0000-0000-000000000002>")
        #expect(page.source.uri == "https://tin.example/ha-noi")
        #expect(page.source.format == .html)
        #expect(page.metadata["crawlDate"] == "2025-02-09T12:00:00Z")
        #expect(page.metadata["payloadDigest"] == "sha1:FIXTUREDIGEST")
        #expect(page.metadata["httpCharset"] == "windows-1258")
        #expect(page.metadata["httpStatus"] == 200)
        // The charset comes only from the HTTP header: the page declares none.
        let pipeline = try Support.pipeline(#"{"name": "w", "stages": [{"use": "html"}, {"use": "normalize"}]}"#)
        try pipeline.process(&page)
        #expect(page.text.hasPrefix("Hà Nội là thủ đô của Việt Nam"))
        #expect(page.metadata["charset"] == "windows-1258")

        guard case .failure(let revisit) = items[1] else { Issue.record("revisit"); return }
        #expect(revisit.reason.contains("revisit record"))
        guard case .document(let notes) = items[2] else { Issue.record("resource"); return }
        #expect(notes.text == "Ghi chú: giá 112,6 tỷ USD.")
        guard case .failure(let missing) = items[3] else { Issue.record("404"); return }
        #expect(missing.reason == "HTTP status 404: no document in this response")
        guard case .failure(let cut) = items[4] else { Issue.record("truncated"); return }
        #expect(cut.reason.contains("truncated record: Content-Length says 500 bytes"))
    }

    @Test func aBrokenGzipIsAnErrorRecordNotACrash() throws {
        let dir = Support.temporaryDirectory()
        let whole = try FileIO.readAll(Support.fixtures + "/warc/records.warc.gz")
        Support.write(Array(whole.prefix(whole.count / 2)) + [0x00, 0x01, 0x02], to: dir + "/broken.warc.gz")
        let items = Array(DocumentInputs(paths: [dir + "/broken.warc.gz"]))
        guard case .failure(let f)? = items.last else { Issue.record("expected a failure last"); return }
        #expect(f.reason.contains("cannot read WARC record"))
    }

    @Test func chunkedBodiesAreDecoded() {
        let body = Array("4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n".utf8)
        #expect(String(decoding: HTTPMessage.dechunk(body[...]), as: UTF8.self) == "Wikipedia")
        #expect(HTTPMessage.charset(of: "text/html; charset=\"UTF-8\"") == "UTF-8")
    }
}
