import Testing
@testable import Mekong

/// Damaged WARC files: a record with a wrong length costs that record only, in plain files
/// (the reader goes on at the next `WARC/1.` line) and in gzip files (at the next member).
@Suite("WARC damage")
struct WARCDamageTests {
    /// A `resource` record of plain text; `length` replaces its true Content-Length.
    static func record(_ n: Int, text: String, length: String? = nil) -> [UInt8] {
        let body = Array(text.utf8)
        let head = "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:r\(n)>\r\nWARC-Target-URI: https://x.example/\(n)\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: \(length ?? String(body.count))\r\n\r\n"
        return Array(head.utf8) + body + Array("\r\n\r\n".utf8)
    }

    static func write(_ records: [[UInt8]], gzip: Bool) -> String {
        let path = Support.temporaryDirectory() + (gzip ? "/in.warc.gz" : "/in.warc")
        Support.write(gzip ? records.flatMap(Gzip.member) : records.flatMap { $0 }, to: path)
        return path
    }

    static func texts(_ items: [InputItem]) -> [String] {
        items.map { item in
            switch item {
            case .document(let d): return d.text
            case .failure(let f): return "error: " + f.reason
            }
        }
    }

    @Test(arguments: [false, true])
    func wrongLengthsCostOneRecordEach(gzip: Bool) {
        let text = "Giá vàng hôm nay tăng mạnh"
        let records = [
            Self.record(1, text: "một " + text),
            Self.record(2, text: "hai " + text, length: "10"),      // short
            Self.record(3, text: "ba " + text),
            Self.record(4, text: "bốn " + text, length: "-5"),      // negative
            Self.record(5, text: "năm " + text),
            Self.record(6, text: "sáu " + text, length: "12abc"),   // garbage
            Self.record(7, text: "bảy " + text),
            Self.record(8, text: "tám " + text, length: "90"),      // long: runs into record 9
            Self.record(9, text: "chín " + text),
        ]
        let items = Array(DocumentInputs(paths: [Self.write(records, gzip: gzip)]))
        let texts = Self.texts(items)
        #expect(items.count == 9)
        #expect(items.map(\.id) == (1...9).map { "<urn:uuid:r\($0)>" })
        for (i, n) in ["một", "ba", "năm", "bảy", "chín"].enumerated() {
            #expect(texts[2 * i] == n + " " + text)
        }
        #expect(texts[1].hasPrefix("error: damaged record: Content-Length says 10 bytes, but the record does not end there"))
        #expect(texts[3].contains("no valid Content-Length ('-5')") && texts[5].contains("no valid Content-Length ('12abc')"))
        #expect(texts[7].hasPrefix("error: damaged record: Content-Length says 90 bytes"))
        #expect(texts[1].contains(gzip ? "next gzip member" : "next WARC/1. line"))
    }

    @Test func aFileCutInARecordEndsWithItsError() {
        var bytes = Self.record(1, text: "một")
        bytes += Self.record(2, text: "hai hai hai hai").dropLast(10)
        let items = Array(DocumentInputs(paths: [Self.write([bytes], gzip: false)]))
        #expect(Self.texts(items) == ["một", "error: truncated record: Content-Length says 15 bytes, the file ends after 9"])
    }

    /// Junk between records: in a plain file the record before it does not end where the next
    /// begins and is reported damaged; in a gzip file it filled its own member and is whole,
    /// and the junk member is an error of its own. The record after it comes out either way.
    @Test(arguments: [false, true])
    func garbageBetweenRecordsCostsNoOtherRecord(gzip: Bool) {
        let junk = Array("<html>stray bytes\r\nmore junk\r\n\r\n".utf8)
        let items = Array(DocumentInputs(paths: [Self.write([Self.record(1, text: "a"), junk, Self.record(2, text: "b")], gzip: gzip)]))
        let texts = Self.texts(items)
        if gzip {
            #expect(texts.count == 3 && texts[0] == "a" && texts[2] == "b")
            #expect(texts[1].contains("expected a WARC/1.x version line") && texts[1].contains("next gzip member"))
        } else {
            #expect(texts.count == 2 && texts[1] == "b")
            #expect(texts[0].contains("damaged record") && texts[0].contains("next WARC/1. line (37 bytes passed over)"), "\(texts[0])")
        }
    }

    @Test func headersRunningIntoTheNextRecordCostOnlyTheirOwn() {
        let broken = Array("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:broken>\r\n".utf8)
        let items = Array(DocumentInputs(paths: [Self.write([broken, Self.record(2, text: "b")], gzip: false)]))
        #expect(items.map(\.id) == ["<urn:uuid:broken>", "<urn:uuid:r2>"])
        #expect(Self.texts(items)[0].contains("its headers do not end with a blank line") && Self.texts(items)[1] == "b")
    }

    /// A corrupt gzip member costs its record; the reader goes on at the next member's header.
    @Test func aCorruptGzipMemberCostsItsRecordOnly() {
        var rng = SeededGenerator(seed: 37)
        for round in 0..<30 {
            let members = (1...3).map { Gzip.member(Self.record($0, text: String(repeating: "tin số \($0) ", count: 40))) }
            var middle = members[1]
            // Damage a few bytes of the deflate data (after the 10-byte header), or the header itself.
            for _ in 0..<3 {
                let at = round % 5 == 0 ? Int.random(in: 0..<10, using: &rng) : Int.random(in: 10..<middle.count - 8, using: &rng)
                middle[at] ^= UInt8.random(in: 1...255, using: &rng)
            }
            let path = Support.temporaryDirectory() + "/in.warc.gz"
            Support.write(members[0] + middle + members[2], to: path)
            let items = Array(DocumentInputs(paths: [path]))
            let texts = Self.texts(items)
            #expect(texts.first == String(repeating: "tin số 1 ", count: 40), "round \(round): \(texts)")
            #expect(texts.last == String(repeating: "tin số 3 ", count: 40), "round \(round): \(texts)")
            #expect(items.count <= 3, "round \(round): \(texts)")
        }
    }

    /// Elsewhere (knowledge-base dumps) a corrupt member is an error, never a silent gap.
    @Test func outsideWARCACorruptMemberIsAnError() throws {
        var middle = Gzip.member(Array(String(repeating: "dòng\n", count: 200).utf8))
        middle[middle.count / 2] ^= 0x5A
        let path = Support.temporaryDirectory() + "/dump.json.gz"
        Support.write(Gzip.member(Array("một\n".utf8)) + middle + Gzip.member(Array("ba\n".utf8)), to: path)
        let lines = try CompressedLines(path: path)
        #expect(throws: FileIOError.self) { while try lines.next() != nil {} }
    }

    /// Records over the document limit are passed over, never held, compressed or not: a gzip
    /// bomb (20 MB of zeros in a 20 KB member) costs its record and nothing else.
    @Test(arguments: [false, true])
    func recordsOverTheLimitArePassedOver(gzip: Bool) {
        let big = String(repeating: "0", count: 20_000_000)
        let path = Self.write([Self.record(1, text: "trước"), Self.record(2, text: big), Self.record(3, text: "sau")], gzip: gzip)
        if gzip { #expect(FileIO.fileSize(path)! < 100_000) }
        let items = Array(DocumentInputs(paths: [path], maxDocumentBytes: 1_000_000))
        let texts = Self.texts(items)
        #expect(texts.count == 3 && texts[0] == "trước" && texts[2] == "sau")
        #expect(texts[1] == "error: the record has 20000000 bytes, more than the document limit 1000000 (--max-document-bytes); skipped")
    }

    /// Property: whatever lengths the records declare, every record yields exactly one item,
    /// and every record with a true length comes out whole.
    @Test(arguments: [false, true])
    func randomLengthDamageNeverCostsAnotherRecord(gzip: Bool) {
        var rng = SeededGenerator(seed: gzip ? 23 : 29)
        for _ in 0..<40 {
            let count = Int.random(in: 1...8, using: &rng)
            var damaged: Set<Int> = []
            let records = (0..<count).map { n -> [UInt8] in
                let text = String(repeating: "chữ \(n) ", count: Int.random(in: 1...30, using: &rng))
                let size = text.utf8.count
                let length: String?
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: length = String(Int.random(in: 0..<size, using: &rng))
                case 1: length = String(size + Int.random(in: 5...60, using: &rng))
                case 2: length = ["", "-1", "0x10", "９", "99999999999999999999999", " "].randomElement(using: &rng)!
                default: length = nil
                }
                if length != nil { damaged.insert(n) }
                return Self.record(n, text: text, length: length)
            }
            let items = Array(DocumentInputs(paths: [Self.write(records, gzip: gzip)]))
            #expect(items.count == count)
            for (n, item) in items.enumerated() where !damaged.contains(n) {
                guard case .document(let d) = item else { Issue.record("record \(n): \(item)"); continue }
                #expect(d.text == String(repeating: "chữ \(n) ", count: d.text.utf8.count / "chữ \(n) ".utf8.count))
            }
        }
    }

    /// Random bytes between good records: no crash, no hang, and the record after them comes
    /// out (in a gzip file, the one before them too).
    @Test func randomBytesNeverCrashTheReader() {
        var rng = SeededGenerator(seed: 31)
        for round in 0..<200 {
            var noise = (0..<Int.random(in: 0..<600, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if round % 3 == 0 { noise = Array("WARC/1.0\r\nContent-Length: 5\r\n".utf8) + noise }
            let gzip = round % 2 == 1
            let items = Array(DocumentInputs(paths: [Self.write([Self.record(1, text: "đầu"), noise, Self.record(2, text: "cuối")], gzip: gzip)]))
            guard case .document(let last)? = items.last else { Issue.record("round \(round) gzip \(gzip): \(Self.texts(items))"); continue }
            #expect(last.text == "cuối" && items.dropLast().allSatisfy { $0.id != "<urn:uuid:r2>" })
            if gzip, case .document(let first)? = items.first { #expect(first.text == "đầu") } else if gzip { Issue.record("round \(round): \(items)") }
        }
        for round in 0..<100 {
            let noise = (0..<Int.random(in: 0..<2000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = Array(DocumentInputs(paths: [Self.write([noise], gzip: round % 2 == 1)]))
        }
    }
}
