import Testing
@testable import Mekong

@Suite("Readers")
struct InputTests {
    func items(_ paths: [String]) -> [InputItem] { Array(DocumentInputs(paths: paths)) }

    /// Files are read whole, whatever their size against the read size, and a pipe (no size
    /// known beforehand) too.
    @Test(arguments: [0, 1, 65_535, 65_536, 200_001])
    func filesAreReadWhole(size: Int) throws {
        let dir = Support.temporaryDirectory()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try FileIO.writeAll(path: dir + "/f.bin", bytes)
        #expect(try FileIO.readAll(dir + "/f.bin") == bytes)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread { try? FileIO.writeAll(fd: writeEnd, bytes, path: "pipe"); close(writeEnd) }
        writer.start()
        defer { close(readEnd) }
        #expect(try FileIO.readAll(fd: readEnd, path: "pipe") == bytes)
    }

    @Test func foldersAreReadRecursivelyInNameOrder() {
        let dir = Support.temporaryDirectory()
        Support.write("b", to: dir + "/b.txt")
        Support.write("a", to: dir + "/a.txt")
        _ = try? FileManagerShim.mkdir(dir + "/sub")
        Support.write("c", to: dir + "/sub/c.txt")
        Support.write("hidden", to: dir + "/.hidden.txt")
        let ids = items([dir]).map(\.id)
        #expect(ids == [dir + "/a.txt", dir + "/b.txt", dir + "/sub/c.txt"])
    }

    @Test func jsonLinesGiveOneDocumentOrErrorPerLine() throws {
        let dir = Support.temporaryDirectory()
        Support.write("""
            {"id": "a", "text": "Xin chào", "language": "vi", "url": "https://x.invalid/a", "metadata": {"k": 1}}

            {"id": 7, "html": "<p>Chào</p>"}
            {"id": "c", "text": 
            ["not", "an", "object"]
            {"id": "e"}
            {"text": "no id"}
            """, to: dir + "/in.jsonl")
        let list = items([dir + "/in.jsonl"])
        #expect(list.count == 6)
        guard case .document(let a) = list[0] else { Issue.record("line 1"); return }
        #expect(a.text == "Xin chào" && a.language == "vi")
        #expect(a.metadata["url"] == "https://x.invalid/a" && a.metadata["k"] == 1)
        guard case .document(let b) = list[1] else { Issue.record("line 3"); return }
        #expect(b.id == "7" && b.source.format == .html && !b.hasText)
        guard case .failure(let c) = list[2] else { Issue.record("line 4"); return }
        #expect(c.id == dir + "/in.jsonl#4" && c.reason.contains("malformed JSON at line 1"))
        guard case .failure(let d) = list[3] else { Issue.record("line 5"); return }
        #expect(d.reason.contains("must be an object"))
        guard case .failure(let e) = list[4] else { Issue.record("line 6"); return }
        #expect(e.id == "e" && e.reason.contains("none of 'text', 'html'"))
        guard case .document(let f) = list[5] else { Issue.record("line 7"); return }
        #expect(f.id == dir + "/in.jsonl#7")
    }

    /// A `.json` file, pretty-printed: one record, or an array of records, each one document —
    /// not an error for every line, nor the array's text as one document.
    @Test func jsonFilesHoldOneRecordOrAnArrayOfThem() throws {
        let dir = Support.temporaryDirectory()
        Support.write("""
            {
              "id": "one",
              "text": "Xin chào",
              "url": "https://x.invalid/a"
            }
            """, to: dir + "/a.json")
        Support.write("""
            [
              {"id": "b1", "text": "Một"},
              {"text": "Hai"},
              {"html": "<p>Ba</p>"},
              "not a record",
              {"id": "b5"}
            ]
            """, to: dir + "/b.json")
        Support.write("{\n  \"text\": \"Không có id\"\n}", to: dir + "/c.json")
        Support.write("[]", to: dir + "/d.json")
        Support.write("{\n  \"id\": \"e\",\n", to: dir + "/e.json")
        Support.write("42", to: dir + "/f.json")
        try FileIO.writeAll(path: dir + "/g.json.gz", Gzip.member(Array(#"[{"id": "g1", "text": "Nén"}, {"id": "g2", "text": "lại"}]"#.utf8)))
        let list = items([dir])
        #expect(list.map(\.id) == ["one", "b1", dir + "/b.json#2", dir + "/b.json#3", dir + "/b.json#4", "b5",
                                   dir + "/c.json", dir + "/d.json", dir + "/e.json", dir + "/f.json", "g1", "g2"])
        guard case .document(let a) = list[0], case .document(let b2) = list[2], case .document(let b3) = list[3],
              case .failure(let b4) = list[4], case .failure(let b5) = list[5], case .document(let c) = list[6],
              case .failure(let d) = list[7], case .failure(let e) = list[8], case .failure(let f) = list[9],
              case .document(let g2) = list[11] else {
            Issue.record("\(list)"); return
        }
        #expect(a.text == "Xin chào" && a.metadata["url"] == "https://x.invalid/a" && a.source.uri == dir + "/a.json")
        #expect(b2.text == "Hai" && b2.source.uri == dir + "/b.json#2")
        #expect(b3.source.format == .html && !b3.hasText)
        #expect(b4.reason.contains("must be an object, found string"))
        #expect(b5.reason.contains("none of 'text', 'html'"))
        #expect(c.text == "Không có id")
        #expect(d.reason == "the JSON array holds no records")
        #expect(e.reason.hasPrefix("malformed JSON at line 3"))
        #expect(f.reason.contains("must hold a record (a JSON object) or an array of records, found integer"))
        #expect(g2.text == "lại")
    }

    /// Without a name that says its format, a file opening with `{` alone on its first line is
    /// pretty-printed JSON (no JSON Lines file has such a line); one record a line stays JSON Lines.
    @Test func aPrettyPrintedRecordWithoutAJSONNameIsOneDocument() throws {
        let dir = Support.temporaryDirectory()
        Support.write("{\n  \"id\": \"p\",\n  \"text\": \"Một bản ghi.\"\n}\n", to: dir + "/record")
        Support.write("{\"id\": \"l1\", \"text\": \"Một.\"}\n{\"id\": \"l2\", \"text\": \"Hai.\"}\n", to: dir + "/lines")
        Support.write("{\n  \"text\": \"tên nói văn bản\"\n}\n", to: dir + "/note.txt")
        let list = items([dir])
        #expect(list.map(\.id) == ["l1", "l2", dir + "/note.txt", "p"])
        guard case .document(let note) = list[2], case .document(let p) = list[3] else { Issue.record("\(list)"); return }
        #expect(note.text.hasPrefix("{"))
        #expect(p.text == "Một bản ghi.")
        #expect(!JSONFileReader.opensPrettyJSON(Array("{\"id\": 1}\n".utf8)) && JSONFileReader.opensPrettyJSON(Array("\u{FEFF} \n{ \r\n".utf8)))
    }

    @Test func aJSONFileOverTheDocumentLimitSaysJSONLinesStreams() throws {
        let dir = Support.temporaryDirectory()
        Support.write("[" + String(repeating: #"{"text": "Một câu."}, "#, count: 100) + #"{"text": "Hết."}]"#, to: dir + "/big.json")
        let list = Array(DocumentInputs(paths: [dir + "/big.json"], maxDocumentBytes: 1000))
        #expect(list.count == 1)
        guard case .failure(let f) = list.first else { Issue.record("\(list)"); return }
        #expect(f.reason.contains("document limit") && f.reason.contains("JSON Lines (one record a line) is read a line at a time"))
    }

    @Test func jsonLinesCarryPageBytesWithTheirTransportCharset() throws {
        // windows-1258 bytes with no declaration in the page: the record's charset decodes them.
        let page: [UInt8] = Array("<html><body><p>Vi".utf8) + [0xEA, 0xF2] + Array("t Nam, H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i</p></body></html>".utf8)
        let text: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me".utf8)
        func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
        let dir = Support.temporaryDirectory()
        Support.write("""
            {"id": "p", "html_base64": "\(base64(page))", "charset": "windows-1258"}
            {"id": "t", "text_base64": "\(base64(text))", "charset": "windows-1252"}
            {"id": "bad", "html_base64": "not base64!"}
            """, to: dir + "/in.jsonl")
        let list = items([dir + "/in.jsonl"])
        guard case .document(var p) = list[0], case .document(let t) = list[1], case .failure(let bad) = list[2] else {
            Issue.record("\(list)"); return
        }
        try Support.pipeline(#"{"name": "h", "stages": [{"use": "html"}]}"#).process(&p)
        #expect(p.text == "Việt Nam, Hà Nội" && p.metadata["charset"] == "windows-1258")
        #expect(t.text == "Café crème" && t.source.charset == "windows-1252" && t.metadata["charsetMethod"] == "transport")
        #expect(bad.id == "bad" && bad.reason.contains("base64"))
        #expect(Base64.decode("SGVsbG8=") == Array("Hello".utf8) && Base64.decode("SGVsbG8") == Array("Hello".utf8))
    }

    @Test func formatsAreSniffedFromNameAndContent() {
        #expect(FormatSniffer.format(name: "a.HTML", head: []) == .html)
        #expect(FormatSniffer.format(name: "a.warc.gz", head: []) == .warc)
        #expect(FormatSniffer.format(name: "noext", head: Array("\u{FEFF}  <!DOCTYPE html><html>".utf8)) == .html)
        #expect(FormatSniffer.format(name: "noext", head: Array("<?xml version='1.0'?><rss>".utf8)) == .xml)
        #expect(FormatSniffer.format(name: "noext", head: Array("{\"id\": 1}".utf8)) == .jsonl)
        #expect(FormatSniffer.format(name: "noext", head: Array("WARC/1.1\r\n".utf8)) == .warc)
        #expect(FormatSniffer.format(name: "noext", head: Array("Tin tức".utf8)) == .text)
    }

    @Test func textIsDecodedFromBOMsAndOtherCharsets() throws {
        let utf16 = try #require(TextDecoder.decode([0xFF, 0xFE, 0x56, 0x00, 0xEC, 0x1E]) as TextDecoder.Decoded?)
        #expect(utf16.text == "Vì" || utf16.text == "V\u{1EEC}" || utf16.text.unicodeScalars.count == 2)
        #expect(utf16.charset == "UTF-16LE" && utf16.method == "bom")
        let bom = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Hà".utf8))
        #expect(bom.text == "Hà" && bom.method == "bom")
        let plain = try TextDecoder.decode(Array("Hà Nội".utf8))
        #expect(plain.method == "utf8-valid" && plain.warning == nil)
        // Declared UTF-8, in any spelling: valid bytes as they are; invalid ones through ICU,
        // each replaced and counted.
        for name in ["utf-8", "UTF8", "Utf_8"] {
            let declared = try TextDecoder.decode(Array("Hà Nội".utf8), declared: name)
            #expect(declared.text == "Hà Nội" && declared.method == "declared" && declared.charset == name && declared.warning == nil)
        }
        let broken = try TextDecoder.decode(Array("H".utf8) + [0xC3] + Array(" Nội".utf8), declared: "utf-8")
        #expect(broken.text == "H\u{FFFD} Nội" && broken.warning?.contains("1 undecodable byte sequence") == true)
        #expect(!TextDecoder.isUTF8("utf-16") && !TextDecoder.isUTF8("windows-1258"))
    }

    @Test func missingFilesAndUnknownFormatsBecomeFailures() {
        let dir = Support.temporaryDirectory()
        Support.write("WARC/1.1\r\n", to: dir + "/x.warc")
        let list = items([dir + "/none.txt", dir + "/x.warc"])
        #expect(list.count == 2)
        guard case .failure(let a) = list[0], case .failure(let b) = list[1] else { Issue.record("expected failures"); return }
        #expect(a.reason.contains("no such file"))
        #expect(b.reason.contains("cannot read WARC record 1") && b.reason.contains("no valid Content-Length"))
    }
}

import Foundation
enum FileManagerShim {
    static func mkdir(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
