import Foundation
import Testing
@testable import Mekong
@testable import MekongCLI

/// Compressed inputs of every format (gzip, bzip2, zstd), told by their first bytes, the
/// format by the name without its compression suffix, then by the decompressed bytes.
@Suite("Compressed inputs")
struct CompressedInputTests {
    static func describe(_ items: [InputItem]) -> [String] {
        items.map { item in
            switch item {
            case .document(let d): return "\(d.id) \(d.source.format): \(d.hasText ? d.text : String(decoding: d.source.raw ?? [], as: UTF8.self))"
            case .failure(let f): return "\(f.id) error: \(f.reason)"
            }
        }
    }

    let jsonl = Array("{\"id\":\"a\",\"text\":\"Một.\"}\n{\"id\":\"b\",\"text\":\"Hai.\"}\n".utf8)

    @Test func everyCodecAndFormatReadsAsItsPlainSelf() throws {
        let dir = Support.temporaryDirectory()
        let html = Array("<html><body><p>Xin chào.</p></body></html>".utf8)
        let text = Array("Hà Nội mùa thu.".utf8)
        Support.write(Gzip.member(jsonl), to: dir + "/a.jsonl.gz")
        Support.write(Zstd.frame(jsonl), to: dir + "/b.jsonl.zst")
        Support.write(Bzip2.stream(jsonl), to: dir + "/c.jsonl.bz2")
        Support.write(Gzip.member(text), to: dir + "/d.txt.gz")
        Support.write(Zstd.frame(html), to: dir + "/e.html.zst")
        Support.write(Bzip2.stream(text), to: dir + "/f.txt.bz2")
        // No format in the name: the decompressed bytes tell it.
        Support.write(Zstd.frame(jsonl), to: dir + "/g.zst")
        Support.write(Gzip.member(html), to: dir + "/h.gz")
        // Compressed whatever the name says.
        Support.write(Gzip.member(text), to: dir + "/i.txt")
        let items = Array(DocumentInputs(paths: [dir]))
        #expect(Self.describe(items) == [
            "a text: Một.", "b text: Hai.",
            "a text: Một.", "b text: Hai.",
            "a text: Một.", "b text: Hai.",
            "\(dir)/d.txt.gz text: Hà Nội mùa thu.",
            "\(dir)/e.html.zst html: <html><body><p>Xin chào.</p></body></html>",
            "\(dir)/f.txt.bz2 text: Hà Nội mùa thu.",
            "a text: Một.", "b text: Hai.",
            "\(dir)/h.gz html: <html><body><p>Xin chào.</p></body></html>",
            "\(dir)/i.txt text: Hà Nội mùa thu.",
        ])
        // The size is what the document holds, decompressed.
        if case .document(let d) = items[6] { #expect(d.source.size == text.count) }
    }

    /// Writes `bytes` into a new FIFO at `path` from another thread (opening a FIFO to read
    /// waits for its writer).
    static func fifo(_ path: String, _ bytes: [UInt8]) {
        _ = mkfifo(path, 0o600)
        Thread.detachNewThread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { var offset = 0
                while offset < bytes.count {
                    let n = write(fd, $0.baseAddress! + offset, bytes.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
    }

    /// A pipe (`<(zcat news.jsonl.gz)`, a FIFO) is streamed like standard input: JSON Lines
    /// line by line, compressed or not, whatever its name says; one text is one document.
    @Test func pipesAreSniffedAndStreamed() throws {
        let dir = Support.temporaryDirectory()
        let cases: [(String, [UInt8], [String])] = [
            ("plain", jsonl, ["a text: Một.", "b text: Hai."]),
            ("gzip", Gzip.member(jsonl), ["a text: Một.", "b text: Hai."]),
            ("zstd", Zstd.frame(jsonl), ["a text: Một.", "b text: Hai."]),
            ("named.jsonl.gz", Gzip.member(jsonl), ["a text: Một.", "b text: Hai."]),
            ("text", Array("Hà Nội.".utf8), ["\(dir)/text text: Hà Nội."]),
            ("empty", [], ["\(dir)/empty text: "]),
        ]
        for (name, bytes, expected) in cases {
            Self.fifo(dir + "/" + name, bytes)
            #expect(Self.describe(Array(DocumentInputs(paths: [dir + "/" + name]))) == expected, "\(name)")
        }
        // The progress line's count leaves a pipe to the run, which can read it only once.
        Self.fifo(dir + "/counted.jsonl", jsonl)
        #expect(InputCounter.count([dir + "/counted.jsonl"]) == nil)
        #expect(Self.describe(Array(DocumentInputs(paths: [dir + "/counted.jsonl"]))) == ["a text: Một.", "b text: Hai."])
        // The limit holds for a pipe too, and names it without "decompressed".
        Self.fifo(dir + "/long", Array(repeating: 0x61, count: 2000))
        let long = Self.describe(Array(DocumentInputs(paths: [dir + "/long"], maxDocumentBytes: 1000)))
        #expect(long == ["\(dir)/long error: the file is longer than the document limit of 1000 bytes (--max-document-bytes)"])
    }

    @Test func membersAndFramesOneAfterAnotherReadAsOneStream() throws {
        let dir = Support.temporaryDirectory()
        let half = jsonl.count / 2
        Support.write(Gzip.member(Array(jsonl[..<half])) + Gzip.member(Array(jsonl[half...])), to: dir + "/in.jsonl.gz")
        Support.write(Zstd.frame(Array(jsonl[..<half])) + Zstd.frame(Array(jsonl[half...])), to: dir + "/in.jsonl.zst")
        let items = Array(DocumentInputs(paths: [dir + "/in.jsonl.gz", dir + "/in.jsonl.zst"]))
        #expect(Self.describe(items) == ["a text: Một.", "b text: Hai.", "a text: Một.", "b text: Hai."])
    }

    /// A compressed file's size says nothing of what it holds: reading stops at the limit.
    @Test func theDocumentLimitCountsDecompressedBytes() throws {
        let dir = Support.temporaryDirectory()
        // 20 MB of text in some 20 KB of gzip: a bomb, for a limit of 1 MB.
        let big = [UInt8](repeating: 0x61, count: 20_000_000)
        Support.write(Gzip.member(big), to: dir + "/big.txt.gz")
        Support.write(Zstd.frame(big), to: dir + "/big.html.zst")
        let line = Array("{\"id\":\"long\",\"text\":\"".utf8) + [UInt8](repeating: 0x62, count: 2_000_000) + Array("\"}\n".utf8)
        Support.write(Gzip.member(jsonl + line + jsonl), to: dir + "/lines.jsonl.gz")
        let items = Array(DocumentInputs(paths: [dir + "/big.txt.gz", dir + "/big.html.zst", dir + "/lines.jsonl.gz"], maxDocumentBytes: 1_000_000))
        #expect(Self.describe(items) == [
            "\(dir)/big.txt.gz error: the file is longer than the document limit of 1000000 bytes once decompressed (--max-document-bytes)",
            "\(dir)/big.html.zst error: the file is longer than the document limit of 1000000 bytes once decompressed (--max-document-bytes)",
            "a text: Một.", "b text: Hai.",
            "\(dir)/lines.jsonl.gz#3 error: the line has \(line.count - 1) bytes, more than the document limit 1000000 (--max-document-bytes); skipped",
            "a text: Một.", "b text: Hai.",
        ])
    }

    @Test func aCorruptOrTruncatedFileIsAnErrorRecordNamingIt() throws {
        let dir = Support.temporaryDirectory()
        let text = Array(String(repeating: "Hà Nội mùa thu. ", count: 200).utf8)
        let gz = Gzip.member(text)
        Support.write(Array(gz.prefix(gz.count / 2)), to: dir + "/a-cut.txt.gz")
        var damaged = gz
        for i in 12..<40 { damaged[i] ^= 0x5A }
        Support.write(damaged, to: dir + "/b-damaged.txt.gz")
        let zst = Zstd.frame(text)
        Support.write(Array(zst.prefix(zst.count - 5)), to: dir + "/c-cut.html.zst")
        var zdamaged = zst
        for i in 8..<zdamaged.count - 4 { zdamaged[i] ^= 0xA5 }
        Support.write(zdamaged, to: dir + "/d-damaged.txt.zst")
        let bz = Bzip2.stream(text)
        Support.write(Array(bz.prefix(bz.count / 2)), to: dir + "/e-cut.txt.bz2")
        // JSON Lines: the lines before the damage are documents, then one error record.
        let lines = Gzip.member(jsonl + jsonl)
        Support.write(Array(lines.prefix(lines.count - 6)), to: dir + "/f-cut.jsonl.gz")
        let items = Array(DocumentInputs(paths: [dir]))
        let described = Self.describe(items)
        #expect(described.count == 10, "\(described)")
        #expect(described[0] == "\(dir)/a-cut.txt.gz error: the gzip data ends in the middle of a member (truncated file)")
        #expect(described[1].hasPrefix("\(dir)/b-damaged.txt.gz error: corrupt gzip data"))
        #expect(described[2] == "\(dir)/c-cut.html.zst error: the zstd data ends in the middle of a frame (truncated file)")
        #expect(described[3].hasPrefix("\(dir)/d-damaged.txt.zst error: corrupt zstd data"))
        #expect(described[4] == "\(dir)/e-cut.txt.bz2 error: the bzip2 data ends in the middle of a stream (truncated file)")
        #expect(Array(described[5...8]) == ["a text: Một.", "b text: Hai.", "a text: Một.", "b text: Hai."])
        #expect(described[9] == "\(dir)/f-cut.jsonl.gz#5 error: \(dir)/f-cut.jsonl.gz: the gzip data ends in the middle of a member (truncated file)")
    }

    @Test func compressedWARCFilesAreKnownByName() {
        #expect(FormatSniffer.isWARC("crawl.warc.zst") && FormatSniffer.isWARC("crawl.WARC.gz") && FormatSniffer.isWARC("x.warc.bz2"))
        #expect(!FormatSniffer.isWARC("crawl.jsonl.gz"))
        #expect(FormatSniffer.format(name: "a.jsonl.zst") == .jsonl && FormatSniffer.format(name: "a.html.gz") == .html)
        #expect(FormatSniffer.format(name: "a.gz") == nil)
        #expect(Decompressor.Codec.sniff(Array("BZh and so on".utf8)) == .plain)
    }
}
