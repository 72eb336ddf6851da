import Testing
@testable import Mekong

/// Charset decoding of untrusted bytes: damaged UTF-8 stays UTF-8, binary data is refused,
/// and charset names from outside are checked before ICU sees them.
@Suite("Decoding")
struct DecodingTests {
    static let vietnamese = "Hà Nội là thủ đô của nước Cộng hòa Xã hội chủ nghĩa Việt Nam, nơi có nhiều di tích lịch sử."

    @Test func oneBadByteKeepsADocumentUTF8() throws {
        let bytes = Array("Hà Nội là thủ đô".utf8) + [0xFF] + Array(Self.vietnamese.utf8)
        let d = try TextDecoder.decode(bytes)
        #expect(d.charset == "UTF-8" && d.method == "utf8-lossy")
        #expect(d.text == "Hà Nội là thủ đô\u{FFFD}" + Self.vietnamese)
        #expect(d.warning?.contains("1 invalid UTF-8 byte replaced with U+FFFD") == true)
        // A truncated sequence is one replacement and its bytes are counted.
        let cut = try TextDecoder.decode(Array(Self.vietnamese.utf8) + [0xE1, 0xBB])
        #expect(cut.method == "utf8-lossy" && cut.text.hasSuffix("\u{FFFD}") && cut.warning?.contains("2 invalid UTF-8 bytes") == true)
    }

    /// The markup path checks and decodes UTF-8 in one pass of its own: it must accept exactly
    /// what Swift's validation accepts and give the same code points — ASCII runs of every
    /// length and alignment, every lead byte, truncated, overlong and surrogate sequences.
    @Test func markupValidationAgreesWithSwiftOnRandomBytes() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("<p>Hà Nội</p> ".utf8), Array("plain ascii text of some length ".utf8), Array("ộ".utf8), Array("😀".utf8),
            [0xC0, 0x80], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xFF], [0x80], [0xE1, 0xBB],
        ]
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                // Mostly valid text, sometimes one damaged piece.
                let piece = round % 3 == 0 ? pieces.randomElement(using: &rng)! : pieces[Int.random(in: 0...3, using: &rng)]
                bytes += piece.prefix(Int.random(in: 0...piece.count, using: &rng) + (round % 2 == 0 ? piece.count : 0))
            }
            let ours = bytes.withUnsafeBufferPointer { UTF8Validation.scalars($0) }
            let swift = String(validating: bytes, as: UTF8.self)
            #expect((ours == nil) == (swift == nil), "\(bytes)")
            if let ours, let swift { #expect(ours == Array(swift.unicodeScalars), "\(bytes)") }
        }
        let page = Array("<html><body><p>\(Self.vietnamese)</p></body></html>".utf8)
        let markup = try? TextDecoder.decodeMarkup(page, declared: "utf-8", scalars: true)
        #expect(markup?.utf8 == page && markup?.scalars == Array(String(decoding: page, as: UTF8.self).unicodeScalars) && markup?.method == "declared")
    }

    /// The sniffer skips words free of control bytes when the bytes are contiguous: it must
    /// say what the byte-by-byte reading (any other collection) says.
    @Test func binarySniffingAgreesWithTheByteByByteReading() {
        struct Bytes: Collection {
            var array: [UInt8]
            var startIndex: Int { 0 }
            var endIndex: Int { array.count }
            func index(after i: Int) -> Int { i + 1 }
            subscript(i: Int) -> UInt8 { array[i] }
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab <p>ộ\t\r\n".utf8) + [0x01, 0x1B, 0x1F, 0x00, 0x7F, 0x80, 0xFF]
        for _ in 0..<2_000 {
            let n = Int.random(in: 0...300, using: &rng)
            let rare = Int.random(in: 1...40, using: &rng)
            let bytes = (0..<n).map { _ in
                Int.random(in: 0..<rare, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            #expect(BinarySniffer.reason(bytes) == BinarySniffer.reason(Bytes(array: bytes)), "\(bytes)")
            #expect(BinarySniffer.utf16ByteOrder(bytes) == BinarySniffer.utf16ByteOrder(Bytes(array: bytes)), "\(bytes)")
        }
    }

    /// Article mode measures its passes in characters; the count from code points must be what
    /// `String.count` says, marks, CR LF and emoji included.
    @Test func characterCountsAreStringCounts() {
        for text in ["Hà Nội", "Ha\u{0300} No\u{0323}\u{0302}i", "a\r\nb", "a\rb", "👍🏽 ok", "🇻🇳", "“Đà Nẵng” — 2025…", "한국어", ""] {
            var collector = TextCollector()
            collector.appendParagraphs(text)
            #expect(collector.characterCount == collector.peekText.count, "\(text)")
        }
    }

    @Test func htmlWithoutADeclarationKeepsUTF8Too() throws {
        let page = Array("<html><body><p>\(Self.vietnamese)</p><p>".utf8) + [0xC0] + Array(" Đà Nẵng</p></body></html>".utf8)
        var d = Document(id: "p", source: Source(uri: "p", format: .html, size: page.count, raw: page))
        try Support.pipeline(#"{"name": "h", "stages": [{"use": "html"}]}"#).process(&d)
        #expect(d.metadata["charset"] == "UTF-8" && d.metadata["charsetMethod"] == "utf8-lossy")
        #expect(d.text.contains("Hà Nội") && d.text.contains("\u{FFFD} Đà Nẵng"))
        #expect(d.errors.contains { $0.message.contains("1 invalid UTF-8 byte") })
    }

    @Test func legacyCharsetsAreStillDetected() throws {
        // windows-1258: hardly a valid UTF-8 sequence in it, so the detector decides.
        let latin: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9] + Array("e, d".utf8) + [0xE9, 0x6A, 0xE0]
        let d = try TextDecoder.decode(latin + latin + latin)
        #expect(d.method == "detected" && d.text.hasPrefix("Café crème brûlée"))
        // Where the invalid sequences are many beside the valid ones, UTF-8 does not win.
        var mixed = UTF8Survey(Array("ộ".utf8) + [0xFF, 0xFF])
        #expect(!mixed.isMostlyUTF8)
        mixed = UTF8Survey(Array(String(repeating: "ộ", count: 40).utf8) + [0xFF, 0xFF])
        #expect(mixed.isMostlyUTF8 && mixed.invalidBytes == 2 && mixed.invalidSequences == 2 && mixed.multiByteCharacters == 40)
    }

    /// The survey counts replacements exactly as Swift's decoder makes them.
    @Test func surveyMatchesSwiftsReplacements() {
        var rng = SeededGenerator(seed: 17)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("ộ".utf8), Array("😀".utf8), [0xE1], [0xE1, 0xBB], [0xF0, 0x9F], [0xC0], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<20, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            let survey = UTF8Survey(bytes)
            let replaced = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            #expect(survey.invalidSequences == replaced)
        }
    }

    @Test func binaryIsRefusedButUTF16WithAMarkIsText() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(throws: TextDecoder.Failure.self) { try TextDecoder.decode(png) }
        do { _ = try TextDecoder.decode(png, declared: "utf-8"); Issue.record("binary accepted") } catch {
            #expect(error.description == "binary content (a NUL byte at offset 8), not text")
        }
        // Control bytes without a NUL, as in compressed data.
        var rng = SeededGenerator(seed: 3)
        let noise = (0..<4000).map { _ in UInt8.random(in: 1...255, using: &rng) }
        #expect(BinarySniffer.reason(noise)?.contains("control bytes") == true)
        // A stray control byte in a long text is not binary.
        #expect(BinarySniffer.reason(Array((Self.vietnamese + "\u{1}" + Self.vietnamese).utf8)) == nil)
        // UTF-16 and UTF-32 with a byte-order mark, and UTF-16 declared by the transport, are text.
        let utf16 = try TextDecoder.decode([0xFF, 0xFE] + Array("Hà Nội".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(utf16.text == "Hà Nội" && utf16.charset == "UTF-16LE")
        let utf16be = try TextDecoder.decode(Array("Huế".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, declared: "UTF-16BE")
        #expect(utf16be.text == "Huế")
        // UTF-16 without a mark, told by its NULs; binary with NULs on both sides is not.
        let text = "Hà Nội là thủ đô của Việt Nam.\r\n"
        let le = try TextDecoder.decode(Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(le.text == text && le.charset == "UTF-16LE" && le.warning?.contains("told by its NUL bytes") == true)
        let be = try TextDecoder.decode(Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(be.text == text && be.charset == "UTF-16BE")
        let samples: [UInt8] = (0..<2000).flatMap { i -> [UInt8] in [UInt8(truncatingIfNeeded: i * 7), i % 3 == 0 ? 0 : 0xFF] }
        #expect(BinarySniffer.utf16ByteOrder(samples) == nil && BinarySniffer.utf16ByteOrder(png) == nil)
        let utf32 = try TextDecoder.decode([0xFF, 0xFE, 0x00, 0x00] + Array("Vũ".unicodeScalars).flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } })
        #expect(utf32.text == "Vũ" && utf32.charset == "UTF-32LE")
    }

    @Test func binaryFilesAndPayloadsBecomeErrorRecords() throws {
        let dir = Support.temporaryDirectory()
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + Array(repeating: 0x01, count: 50)
        Support.write(zip, to: dir + "/a.txt")
        Support.write(zip, to: dir + "/b.html")
        let list = Array(DocumentInputs(paths: [dir + "/a.txt", dir + "/b.html"]))
        guard case .failure(let a) = list[0], case .document(var b) = list[1] else { Issue.record("\(list)"); return }
        #expect(a.reason.contains("binary content (a NUL byte at offset 5), not text"))
        let pipeline = try Support.pipeline(#"{"name": "h", "stages": [{"use": "html"}]}"#)
        #expect { try pipeline.process(&b) } throws: { error in
            "\(error)".contains("binary content (a NUL byte at offset 5), not text")
        }
    }

    @Test func untrustedCharsetNamesAreCheckedBeforeICU() throws {
        let text = Array("Hà Nội".utf8)
        for bad in [String(repeating: "a", count: 5000), "v적인 사안", "utf-8\u{0}x", "../../etc", "x y"] {
            let d = try TextDecoder.decode(text, declared: bad)
            #expect(d.text == "Hà Nội" && d.method == "utf8-valid")
            #expect(d.warning?.contains("is not a charset name; ignored") == true)
            #expect((d.warning?.count ?? 0) < 200)
        }
        // A well-formed name ICU does not know: ignored with a note, the bytes decoded anyway.
        let unknown = try TextDecoder.decode(text, declared: "x-no-such-charset")
        #expect(unknown.text == "Hà Nội" && unknown.warning?.contains("'x-no-such-charset' is unknown") == true)
        #expect(throws: ICU.Failure.self) { try ICU.decode(text, charset: String(repeating: "b", count: 100)) }
        #expect(ICU.detectCharset(Array("abc".utf8), declared: String(repeating: "é", count: 300)) != nil)
        #expect(CharsetName.validated(" windows-1258 ") == "windows-1258" && CharsetName.validated("ISO_8859-1:1987") != nil)
        #expect(CharsetName.isWide("UTF-16le") && CharsetName.isWide("ucs_2") && !CharsetName.isWide("utf-8"))
    }

    @Test func jsonLinesCharsetFieldsAreChecked() throws {
        let dir = Support.temporaryDirectory()
        let bytes = Array("Xin chào".utf8)
        Support.write("{\"id\": \"a\", \"text_base64\": \"\(Data(bytes).base64EncodedString())\", \"charset\": \"\(String(repeating: "z", count: 300))\"}\n", to: dir + "/in.jsonl")
        let list = Array(DocumentInputs(paths: [dir + "/in.jsonl"]))
        guard case .document(let d) = list.first else { Issue.record("\(list)"); return }
        #expect(d.text == "Xin chào" && d.errors.contains { $0.message.contains("is not a charset name") })
    }
}

import Foundation
