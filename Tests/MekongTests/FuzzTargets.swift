#if canImport(Glibc)
import Glibc
#endif
import CBzip2
import CZlib
import CZstd
import Foundation
import Synchronization
@testable import Mekong

/// What each libFuzzer harness in `Benchmarks/fuzz/` does with one input, shared with
/// `FuzzReplayTests` so that a crash input found by a fuzzer is replayed through exactly the
/// code the fuzzer ran. Every target takes arbitrary bytes; a thrown error is a fine outcome,
/// a crash, hang or broken invariant is not. The first byte of most inputs picks a variant
/// (mode, language, preset, charset), so one harness covers them all.
enum FuzzTargets {
    /// The harness names and their targets (the name is the harness file's and the fixture
    /// folder's).
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "html": { html($0) }, "xml": { xml($0) }, "warc": { warc($0) }, "jsonl": { jsonl($0) }, "compressed": { compressed($0) },
        "charset": { charset($0) },
        "normalize": { normalize($0) },
        "quantities": { quantities($0) }, "entities": { entities($0) }, "language_tags": { languageTags($0) },
        "pipeline_json": { pipelineJSON($0) },
    ]

    /// Makes what a target loads once (pipelines, the segmenter, the default knowledge base,
    /// built on first use, which takes longer than libFuzzer's per-input limit under ASan)
    /// before any timed input; the harnesses call it from `LLVMFuzzerInitialize`.
    static func prepare(_ harness: String) {
        if harness == "entities" || harness == "pipeline_json" { _ = try? DefaultKnowledgeBase.path() }
        let sample = "<p>Hà Nội, 3/12/2026: 25 triệu đồng.</p>"
        all[harness]?(Array((harness == "language_tags" ? "vi\n" : "\u{0}").utf8) + Array(sample.utf8))
    }

    // MARK: - Ingestion

    static let htmlPipelines = [
        pipeline(#"{"name": "fuzz-article", "stages": [{"use": "html"}, {"use": "sentences"}]}"#),
        pipeline(#"{"name": "fuzz-page", "stages": [{"use": "html", "with": {"mode": "all", "keepCaptions": true, "keepTables": false}}, {"use": "sentences"}]}"#),
    ]
    static let transportCharsets: [String?] = [nil, "utf-8", "windows-1258", "windows-1252", "utf-16le", "shift_jis", "x-bogus"]

    /// The html stage over raw bytes: bit 0 of the first byte picks article or page mode, the
    /// next bits the charset a transport (HTTP header) declared; bit 7 reads the bytes as XML.
    static func html(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let bytes = Array(data.dropFirst())
        let charset = transportCharsets[Int(first >> 1 & 0x7) % transportCharsets.count]
        let format: DocumentFormat = first & 0x80 != 0 ? .xml : .html
        var d = Document(id: "fuzz", source: Source(uri: "fuzz", format: format, size: bytes.count, charset: charset, raw: bytes))
        run(htmlPipelines[Int(first & 1)], &d)
    }

    /// A mapping of the kind users write: documents by XPath, fields relative to each.
    static let customMapping = XMLMapping(
        documents: "//doc | //article[@id]", fields: ["id": ["@id", "id"], "title": ["title", "h1"], "text": ["body", "text()"],
                                                     "paragraphs": ["p | para"], "language": ["@xml:lang", "/*/@lang"], "date": ["@date"]])
    static let mappings: [XMLMapping?] = [nil, .rss, .atom, .tei, customMapping]
    static let pagePipeline = htmlPipelines[1]

    /// The first line of an input (a setting the harness reads), and the bytes after it.
    static func splitFirstLine(_ bytes: [UInt8]) -> (line: String, rest: [UInt8]) {
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        return (String(decoding: bytes[..<end], as: UTF8.self), Array(bytes[min(end + 1, bytes.endIndex)...]))
    }

    /// An XML file split into documents (by the preset its root calls for, or a given preset
    /// or mapping, by the first byte), each then through the html stage as the run would.
    /// First byte 0xFF: the first line is an XPath for the documents, the rest the file.
    static func xml(_ data: [UInt8]) {
        guard let first = data.first else { return }
        var bytes = Array(data.dropFirst())
        var mapping: XMLMapping?
        if first == 0xFF {
            let xpath: String
            (xpath, bytes) = splitFirstLine(bytes)
            let custom = XMLMapping(documents: xpath, fields: customMapping.fields, namespaces: ["tei": "http://www.tei-c.org/ns/1.0"])
            // A pipeline compiles its XPaths when it loads; an invalid one never reaches a file.
            guard (try? custom.validate(path: "$")) != nil else { return }
            mapping = custom
        } else {
            mapping = mappings[Int(first) % mappings.count]
        }
        let items = XMLDocumentsReader.documents(path: "fuzz.xml", bytes: bytes, mapping: mapping)
            ?? [DocumentInputs.document(id: "fuzz.xml", uri: "fuzz.xml", bytes: bytes, format: .xml)]
        for case .document(var d) in items.prefix(8) { run(d.hasText ? nil : pagePipeline, &d) }
    }

    /// A WARC file: bit 0 of the first byte, plain (`.warc`) or gzip-compressed with one
    /// member per record as crawlers write them (`.warc.gz`); bit 1 with bit 0 set: the bytes
    /// are taken as the `.warc.gz` file itself (the decompressor's input).
    static func warc(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let bytes = Array(data.dropFirst())
        let gzip = first & 1 != 0
        let path = temporaryPath(gzip ? ".warc.gz" : ".warc")
        defer { unlink(path) }
        if !gzip || first & 2 != 0 {
            writeFile(path, bytes)
        } else {
            writeGzipMembers(path, split(bytes, before: Array("WARC/1.".utf8)))
        }
        for item in DocumentInputs(paths: [path]).prefix(64) {
            guard case .document(var d) = item else { continue }
            if !d.hasText { run(pagePipeline, &d) }
        }
    }

    /// A JSON Lines file through the input reader: every line a record (text, html, base64
    /// with a charset, a full Mekong record read back).
    static func jsonl(_ data: [UInt8]) {
        // The same bytes as JSON Lines and as a `.json` file (one record or an array of them).
        for suffix in [".jsonl", ".json"] {
            let path = temporaryPath(suffix)
            defer { unlink(path) }
            writeFile(path, data)
            for item in DocumentInputs(paths: [path]).prefix(256) {
                guard case .document(var d) = item else { continue }
                _ = d.jsonValue()
                if !d.hasText { run(pagePipeline, &d) }
            }
        }
    }

    /// A compressed input file through the input reader: the first byte picks the codec (gzip,
    /// bzip2, zstd), the format inside (JSON Lines, text, HTML) and what the rest becomes — the
    /// rest compressed whole, compressed and cut short, or the codec's magic number followed by
    /// the rest as it is (garbage to decode). A 64 KB document limit keeps bombs small.
    static func compressed(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let rest = Array(data.dropFirst())
        let codec = Int(first) % 3, format = Int(first) / 3 % 3, mode = Int(first) / 9 % 3
        var bytes: [UInt8]
        switch mode {
        case 0, 1:
            bytes = codec == 0 ? Gzip.member(rest) : codec == 1 ? Bzip2.stream(rest) : Zstd.frame(rest)
            if mode == 1 { bytes = Array(bytes.prefix(bytes.count * 2 / 3)) }
        default:
            bytes = [[0x1F, 0x8B, 0x08], Array("BZh9".utf8), [0x28, 0xB5, 0x2F, 0xFD]][codec] + rest
        }
        let path = temporaryPath([".jsonl", ".txt", ".html"][format] + [".gz", ".bz2", ".zst"][codec])
        defer { unlink(path) }
        writeFile(path, bytes)
        for item in DocumentInputs(paths: [path], maxDocumentBytes: 1 << 16).prefix(64) {
            guard case .document(var d) = item else { continue }
            if !d.hasText { run(pagePipeline, &d) } else { check(d) }
        }
    }

    static let declaredCharsets: [String?] = [nil, "utf-8", "UTF-16", "utf-16be", "utf-32", "windows-1258", "windows-1252",
                                              "iso-8859-1", "shift_jis", "gb18030", "big5", "koi8-r", "tis-620", "viscii",
                                              "x-unknown", ""]

    /// Charset detection and decoding of a text file, with a declared charset picked by the
    /// first byte; first byte 0xFF: the first line is the declared charset itself.
    static func charset(_ data: [UInt8]) {
        guard let first = data.first else { return }
        var bytes = Array(data.dropFirst())
        var declared: String?
        if first == 0xFF {
            let line: String
            (line, bytes) = splitFirstLine(bytes)
            declared = line
        } else {
            declared = declaredCharsets[Int(first) % declaredCharsets.count]
        }
        if case .document(let d) = DocumentInputs.document(id: "fuzz", uri: "fuzz", bytes: bytes, format: .text, transportCharset: declared) {
            check(d)
        }
    }

    // MARK: - Text stages

    static let normalizePipelines = [
        #"{}"#,
        #"{"form": "NFD", "vietnameseTones": "traditional", "asciiQuotes": true, "asciiDashes": true}"#,
        #"{"form": "NFKC_Casefold", "collapseSpaces": false, "legacy": "tcvn3"}"#,
        #"{"form": "NFKD", "whitespace": false, "legacy": "vni"}"#,
        #"{"form": "none", "vietnameseTones": "keep", "legacy": "off"}"#,
    ].map { pipeline(#"{"name": "fuzz-normalize", "stages": [{"use": "normalize", "with": \#($0)}, {"use": "sentences"}, {"use": "tokens"}]}"#) }

    /// The normalize stage (options picked by the first byte) then sentences and tokens,
    /// whose spans must land inside the rewritten text.
    static func normalize(_ data: [UInt8]) {
        guard let first = data.first else { return }
        var d = Document(id: "fuzz", text: String(decoding: data.dropFirst(), as: UTF8.self))
        run(normalizePipelines[Int(first) % normalizePipelines.count], &d)
    }

    static let quantityPipeline = pipeline(
        #"{"name": "fuzz-quantities", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "quantities", "with": {"targets": ["en", "fr", "vi"]}}]}"#)
    static let languages = ["vi", "en"]

    /// Text through tokens and quantities (rendered for translators) in Vietnamese or
    /// English, by the first byte.
    static func quantities(_ data: [UInt8]) {
        guard let first = data.first else { return }
        var d = Document(id: "fuzz", text: String(decoding: data.dropFirst(), as: UTF8.self), language: languages[Int(first & 1)])
        run(quantityPipeline, &d)
    }

    static let entityPipeline = pipeline(
        #"{"name": "fuzz-entities", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "words"}, {"use": "entities"}, {"use": "link"}]}"#)

    /// Sentences, tokens, words, entities and links over text in Vietnamese or English.
    static func entities(_ data: [UInt8]) {
        guard let first = data.first else { return }
        var d = Document(id: "fuzz", text: String(decoding: data.dropFirst(), as: UTF8.self), language: languages[Int(first & 1)])
        run(entityPipeline, &d)
    }

    static let languageTagPipelines = [
        pipeline(#"{"name": "fuzz-tags", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "quantities", "with": {"targets": ["en"]}}]}"#),
        pipeline(#"{"name": "fuzz-tags-detected", "stages": [{"use": "language", "with": {"paragraphs": true}}, {"use": "sentences"}, {"use": "tokens"}, {"use": "quantities"}]}"#),
    ]

    /// A fuzzed language tag on a short document (too short for the detector to override the
    /// tag, as on a web page with `<html lang=…>`): the first line is the tag, the rest the
    /// text (a short Vietnamese sentence when empty); through quantities, and through the
    /// language stage before them.
    static func languageTags(_ data: [UInt8]) {
        let (tag, rest) = splitFirstLine(data)
        var text = String(decoding: rest, as: UTF8.self)
        if text.isEmpty { text = "Giá 25 triệu đồng." }
        for p in languageTagPipelines {
            var d = Document(id: "fuzz", text: text, language: tag)
            run(p, &d)
        }
    }

    // MARK: - Pipeline files

    /// Every built-in stage but those that run programs or write files.
    static let safeRegistry: StageRegistry = {
        var r = StageRegistry()
        for d in BuiltinStages.all where d.name != "external" && !d.name.hasPrefix("export") { r.register(d) }
        return r
    }()
    /// An empty folder the fuzzed pipelines resolve their relative paths against.
    static let pipelineFolder: String = {
        let dir = NSTemporaryDirectory() + "mekong-fuzz-pipeline-\(getpid())"
        mkdir(dir, 0o700)
        return dir
    }()
    static let sampleHTML = Array("<html lang=vi><body><p>Ông Nguyễn Văn An đến Paris ngày 3/12/2026; giá 25 triệu đồng.</p><p>Apple paid $1.5 billion.</p></body></html>".utf8)

    /// A pipeline file: parsed, validated, built; a pipeline that builds then runs a small
    /// page (or, without an ingestion stage, its text).
    static func pipelineJSON(_ data: [UInt8]) {
        guard let json = try? JSONParser.parse(data),
              let p = try? Pipeline.build(json, registry: safeRegistry, baseDirectory: pipelineFolder) else { return }
        defer { p.finish() }
        var d = Document(id: "fuzz", source: Source(uri: "fuzz", format: .html, size: sampleHTML.count, raw: sampleHTML))
        if p.stages.first?.adds.contains(.text) != true {
            d = Document(id: "fuzz", text: String(decoding: sampleHTML, as: UTF8.self))
        }
        run(p, &d)
    }

    // MARK: - Support

    static func pipeline(_ json: String) -> Pipeline {
        do { return try Pipeline.build(JSONParser.parse(json)) } catch { fatalError("fuzz pipeline: \(error)") }
    }

    /// Runs a pipeline (when given) and checks the result: every span inside the text.
    static func run(_ pipeline: Pipeline?, _ d: inout Document) {
        if let pipeline {
            guard (try? pipeline.process(&d)) != nil else { return }
        }
        check(d)
    }

    /// Invariants any document must keep, whatever its input.
    static func check(_ d: Document) {
        guard d.hasText else { return }
        for name in d.layers.names {
            for a in d.layers[name] {
                precondition(a.start >= 0 && a.start <= a.end && a.end <= d.length,
                             "layer \(name): span \(a.start)..<\(a.end) outside the text (length \(d.length))")
            }
        }
    }

    private static let counter = Mutex(0)

    /// A file name of this process's own, unique within it.
    static func temporaryPath(_ suffix: String) -> String {
        let n = counter.withLock { n in n += 1; return n }
        return NSTemporaryDirectory() + "mekong-fuzz-\(getpid())-\(n)\(suffix)"
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot write \(path)")
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            precondition(n > 0, "cannot write \(path)")
            offset += n
        }
    }

    /// One gzip member per part, one after another, as in a `.warc.gz` file.
    static func writeGzipMembers(_ path: String, _ parts: [ArraySlice<UInt8>]) {
        writeFile(path, [])
        for part in parts {
            guard let gz = gzopen(path, "ab") else { preconditionFailure("cannot write \(path)") }
            part.withUnsafeBytes { _ = gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
            gzclose(gz)
        }
    }

    /// `bytes` cut before every occurrence of `marker` (but at its very start).
    static func split(_ bytes: [UInt8], before marker: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 1
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0] && bytes[i..<(i + marker.count)].elementsEqual(marker) {
                parts.append(bytes[start..<i])
                start = i
                i += marker.count
            } else {
                i += 1
            }
        }
        parts.append(bytes[start...])
        return parts
    }
}

/// Gzip members for tests and fuzz targets of compressed inputs, through the zlib the readers use.
enum Gzip {
    /// One gzip member holding `bytes`.
    static func member(_ bytes: [UInt8]) -> [UInt8] {
        var zs = z_stream()
        precondition(deflateInit2_(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&zs) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(bytes.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o -> Int in
                zs.next_in = i.baseAddress
                zs.avail_in = UInt32(i.count)
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                precondition(deflate(&zs, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(zs.avail_out)
            }
        }
        return Array(out[0..<produced])
    }
}

/// Zstd frames for tests, through libzstd's one-shot call (not Mekong's streaming writer).
enum Zstd {
    static func frame(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = bytes.withUnsafeBytes { i in out.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, $0.count, i.baseAddress, i.count, 3) } }
        precondition(ZSTD_isError(n) == 0)
        return Array(out[0..<n])
    }
}

/// A bzip2 stream for tests.
enum Bzip2 {
    static func stream(_ bytes: [UInt8]) -> [UInt8] {
        var input = bytes
        var out = [UInt8](repeating: 0, count: bytes.count + bytes.count / 100 + 700)
        var length = UInt32(out.count)
        let rc = input.withUnsafeMutableBytes { i in
            out.withUnsafeMutableBytes { o in
                BZ2_bzBuffToBuffCompress(o.baseAddress!.assumingMemoryBound(to: CChar.self), &length,
                                         i.baseAddress!.assumingMemoryBound(to: CChar.self), UInt32(i.count), 9, 0, 0)
            }
        }
        precondition(rc == BZ_OK)
        return Array(out[0..<Int(length)])
    }
}
