#if canImport(Glibc)
import Glibc
#endif

/// One input document as the runner sees it: a document ready for the pipeline, or a
/// failure to read it, which still becomes one output record.
public enum InputItem: Sendable {
    case document(Document)
    case failure(InputFailure)

    public var id: String {
        switch self {
        case .document(let d): return d.id
        case .failure(let f): return f.id
        }
    }
}

/// A source that could not be read or decoded into a document.
public struct InputFailure: Error, Sendable {
    public var id: String
    public var uri: String
    public var format: DocumentFormat
    public var reason: String
    /// The pseudo-stage named in error records for reading problems.
    public static let stage = "read"
}

/// Streams the documents of files, folders (recursively, sorted by name) and standard
/// input (`-`). JSON Lines files yield one document per line; other files one each, an
/// empty file included; standard input with no bytes at all yields none.
/// Nothing is read ahead beyond the current file or line, so memory stays flat.
///
/// No document larger than `maxDocumentBytes` is ever read into memory: a file is measured
/// before it is read, standard input and JSON Lines lines are read up to the limit and no
/// further, and a WARC record is measured by its (decompressed) length. Each such document
/// becomes an error record naming the limit, and reading goes on with the next one.
public final class DocumentInputs: Sequence, IteratorProtocol {
    /// The document size limit when none is given: 50 MB, as the html stage's `maxBytes`.
    public static let defaultMaxDocumentBytes = 50_000_000
    /// The largest document read, in bytes (decompressed bytes for compressed inputs).
    public let maxDocumentBytes: Int
    private var pending: [String]
    private var queued: [InputItem] = []
    private var lines: LineReader?
    private var warc: WARCReader?
    private var linesFormatPath = ""
    private var stdinUsed = false
    /// How XML files become documents; without one, RSS, Atom and TEI files are split by
    /// their presets and other XML files are one document each.
    public var xmlMapping: XMLMapping?

    /// - Parameter maxDocumentBytes: the document size limit (`--max-document-bytes`); at
    ///   least 1, and at most 500,000,000 (what ICU's converters can take at once).
    public init(paths: [String], xmlMapping: XMLMapping? = nil, maxDocumentBytes: Int = DocumentInputs.defaultMaxDocumentBytes) {
        pending = paths.reversed()
        self.xmlMapping = xmlMapping
        self.maxDocumentBytes = Swift.min(Swift.max(1, maxDocumentBytes), Self.largestDocumentLimit)
    }

    /// The highest limit accepted: ICU converts at most 2^31 bytes of UTF-8 output at once.
    public static let largestDocumentLimit = 500_000_000

    public func next() -> InputItem? {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            if let reader = warc {
                if let item = reader.next() { return item }
                warc = nil
                continue
            }
            if let reader = lines {
                do {
                    switch try reader.next(limit: maxDocumentBytes) {
                    case .line(var line)?:
                        // A byte-order mark before the first record is not part of it.
                        if reader.lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        return JSONLinesReader.document(line: line, file: linesFormatPath, lineNumber: reader.lineNumber)
                    case .tooLong(let count)?:
                        let id = "\(linesFormatPath)#\(reader.lineNumber)"
                        return .failure(InputFailure(id: id, uri: id, format: .jsonl,
                                                     reason: "the line has \(count) bytes, more than the document limit \(maxDocumentBytes) (--max-document-bytes); skipped"))
                    case nil: break
                    }
                } catch {
                    lines = nil
                    return .failure(InputFailure(id: "\(linesFormatPath)#\(reader.lineNumber + 1)", uri: linesFormatPath, format: .jsonl, reason: error.description))
                }
                lines = nil
                continue
            }
            guard let path = pending.popLast() else { return nil }
            if path == "-" {
                if let item = openStandardInput() { return item }
                continue
            }
            if FileIO.isDirectory(path) {
                do {
                    let entries = try FileIO.listDirectory(path)
                    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                    pending.append(contentsOf: entries.reversed().map { "\(base)/\($0)" })
                } catch {
                    return .failure(InputFailure(id: path, uri: path, format: .text, reason: error.description))
                }
                continue
            }
            if let item = openFile(path) { return item }
        }
    }

    private func openFile(_ path: String) -> InputItem? {
        guard FileIO.exists(path) else {
            return .failure(InputFailure(id: path, uri: path, format: .text, reason: "no such file or folder"))
        }
        // The format from the name without a compression suffix (`a.jsonl.gz` is JSON Lines),
        // then from the first (decompressed) bytes.
        let name = Decompressor.Codec.strippingSuffix(path)
        let lower = name.lowercased()
        if FormatSniffer.byExtension[0].0.contains(where: { lower.hasSuffix($0) }) {
            return startLines(path)
        }
        if FormatSniffer.isWARC(path) { return startWARC(path) }
        // JSON Lines and WARC files are streamed, whatever their size; others are read
        // whole, up to the limit.
        // A pipe or a device (`<(zcat news.jsonl.gz)`, a FIFO) is streamed like standard
        // input: sniffed from its first bytes, JSON Lines line by line, compressed or not.
        if !FileIO.isRegularFile(path) {
            do { return readCompressed(try Decompressor(path: path), id: path, uri: path, name: name) } catch {
                return .failure(InputFailure(id: path, uri: path, format: FormatSniffer.format(name: name, head: []), reason: error.reason))
            }
        }
        let head: [UInt8]
        do { head = try FileIO.readHead(path, count: 4096) } catch {
            return .failure(InputFailure(id: path, uri: path, format: .text, reason: error.reason))
        }
        if Decompressor.Codec.sniff(head) != .plain {
            do { return readCompressed(try Decompressor(path: path), id: path, uri: path, name: name) } catch {
                return .failure(InputFailure(id: path, uri: path, format: FormatSniffer.format(name: name, head: []), reason: error.reason))
            }
        }
        let isJSON = JSONFileReader.isJSON(name: name, head: head)
        let format = isJSON ? .jsonl : FormatSniffer.format(name: name, head: head)
        if format == .jsonl && !isJSON { return startLines(path) }
        if format == .warc { return startWARC(path) }
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path, limit: maxDocumentBytes) } catch {
            let hint = isJSON && error.exceededLimit != nil ? "; a .json file is read whole: JSON Lines (one record a line) is read a line at a time" : ""
            return .failure(InputFailure(id: path, uri: path, format: format, reason: error.reason + hint))
        }
        if isJSON { return records(JSONFileReader.documents(path: path, bytes: bytes)) }
        return documents(id: path, uri: path, bytes: bytes, format: format)
    }

    /// The documents of a source that holds several, read whole (an XML feed, a JSON array).
    private func records(_ items: [InputItem]) -> InputItem? {
        queued = items
        return next()
    }

    /// The documents of a whole source's bytes: an XML file's many (by its mapping), else one.
    private func documents(id: String, uri: String, bytes: [UInt8], format: DocumentFormat) -> InputItem? {
        if format == .xml, let items = XMLDocumentsReader.documents(path: id, bytes: bytes, mapping: xmlMapping) {
            return records(items)
        }
        return Self.document(id: id, uri: uri, bytes: bytes, format: format)
    }

    /// A compressed source, or a pipe: JSON Lines streamed line by line, each line up to the
    /// limit; any other format read whole up to the limit of (decompressed) bytes and no
    /// further. Nil for standard input that decompresses to nothing (no document, as for
    /// empty input).
    private func readCompressed(_ source: Decompressor, id: String, uri: String, name: String) -> InputItem? {
        let isStandardInput = uri == "-"
        var head: [UInt8] = []
        do {
            while head.count < 4096, let chunk = try source.next() { head.append(contentsOf: chunk) }
        } catch {
            return .failure(InputFailure(id: id, uri: uri, format: FormatSniffer.format(name: name, head: head), reason: error.reason))
        }
        if head.isEmpty && isStandardInput { return nil }
        let isJSON = !isStandardInput && JSONFileReader.isJSON(name: name, head: head)
        let format = isJSON ? .jsonl : FormatSniffer.format(name: name, head: head)
        switch format {
        case .jsonl where !isJSON:
            lines = LineReader(source: source, path: id, prefix: head)
            linesFormatPath = id
            return next()
        case .warc:
            // The WARC reader decompresses a named file itself, member by member.
            if isStandardInput {
                return .failure(InputFailure(id: id, uri: uri, format: .warc, reason: "a WARC file must be named, not given on standard input"))
            }
            if !FileIO.isRegularFile(id) {
                return .failure(InputFailure(id: id, uri: uri, format: .warc, reason: "a WARC file must be a file, not a pipe: it is read record by record, and a damaged one is passed over"))
            }
            return startWARC(id)
        default:
            break
        }
        var bytes = head
        let tooLarge = "the \(isStandardInput ? "input" : "file") is longer than the document limit of \(maxDocumentBytes) bytes\(source.codec == .plain ? "" : " once decompressed") (--max-document-bytes)"
        do {
            // A compressed source's size says nothing of what it holds: stop at the limit.
            while bytes.count <= maxDocumentBytes, let chunk = try source.next() { bytes.append(contentsOf: chunk) }
        } catch {
            return .failure(InputFailure(id: id, uri: uri, format: format, reason: error.reason))
        }
        if bytes.count > maxDocumentBytes { return .failure(InputFailure(id: id, uri: uri, format: format, reason: tooLarge)) }
        // Standard input is one document, compressed or not.
        if isStandardInput { return Self.document(id: id, uri: uri, bytes: bytes, format: format) }
        if isJSON { return records(JSONFileReader.documents(path: id, bytes: bytes)) }
        return documents(id: id, uri: uri, bytes: bytes, format: format)
    }

    private func startWARC(_ path: String) -> InputItem? {
        do { warc = try WARCReader(path: path, maxRecordBytes: maxDocumentBytes) } catch {
            return .failure(InputFailure(id: path, uri: path, format: .warc, reason: error.description))
        }
        return next()
    }

    private func startLines(_ path: String) -> InputItem? {
        do {
            lines = try LineReader(decompressing: path)
            linesFormatPath = path
            return next()
        } catch {
            return .failure(InputFailure(id: path, uri: path, format: .jsonl, reason: error.description))
        }
    }

    private func openStandardInput() -> InputItem? {
        guard !stdinUsed else {
            return .failure(InputFailure(id: "-", uri: "-", format: .text, reason: "standard input named twice"))
        }
        stdinUsed = true
        // Peek at the first bytes to tell JSON Lines (streamed) from one text document, and
        // compressed input (its magic number: 4 bytes) from plain.
        var head = [UInt8](repeating: 0, count: 4096)
        var got = 0
        while got < head.count {
            let n = head.withUnsafeMutableBytes { read(0, $0.baseAddress! + got, $0.count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
            if got >= 4 && head[0..<got].contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) { break }
        }
        // Zero bytes hold no document (an upstream step that had nothing for us); a file
        // that is empty is still named, and still one document.
        if got == 0 { return nil }
        let prefix = Array(head[0..<got])
        if Decompressor.Codec.sniff(prefix) != .plain {
            do { return readCompressed(try Decompressor(fd: 0, path: "stdin", prefix: prefix), id: "stdin", uri: "-", name: "") } catch {
                return .failure(InputFailure(id: "stdin", uri: "-", format: .text, reason: error.reason))
            }
        }
        if FormatSniffer.format(head: prefix) == .jsonl {
            lines = LineReader(fd: 0, path: "stdin", prefix: prefix)
            linesFormatPath = "stdin"
            return next()
        }
        do throws(FileIOError) {
            guard prefix.count <= maxDocumentBytes else { throw FileIOError.tooLarge("stdin", size: nil, limit: maxDocumentBytes) }
            let rest = try FileIO.readAll(fd: 0, path: "stdin", limit: maxDocumentBytes - prefix.count)
            let bytes = prefix + rest
            return Self.document(id: "stdin", uri: "-", bytes: bytes, format: FormatSniffer.format(head: Array(bytes.prefix(4096))))
        } catch {
            // The limit named is the whole input's, the bytes already peeked at included.
            let reason = error.exceededLimit != nil ? FileIOError.tooLarge("stdin", size: nil, limit: maxDocumentBytes).reason : error.description
            return .failure(InputFailure(id: "stdin", uri: "-", format: .text, reason: reason))
        }
    }

    /// A document from a whole file's bytes; `transportCharset` is what the bytes' carrier
    /// declared (a JSON Lines record's `charset`), tried first.
    static func document(id: String, uri: String, bytes: [UInt8], format: DocumentFormat, transportCharset: String? = nil) -> InputItem {
        switch format {
        case .text:
            do {
                let decoded = try TextDecoder.decode(bytes, declared: transportCharset)
                var doc = Document(id: id, text: decoded.text,
                                   source: Source(uri: uri, format: .text, size: bytes.count, charset: decoded.charset))
                doc.metadata["charsetMethod"] = .string(transportCharset != nil && decoded.method == "declared" ? "transport" : decoded.method)
                if let w = decoded.warning { doc.warn(stage: InputFailure.stage, w) }
                return .document(doc)
            } catch {
                return .failure(InputFailure(id: id, uri: uri, format: format,
                                             reason: "cannot decode the bytes\(transportCharset.map { " as \($0)" } ?? ""): \(error)"))
            }
        case .html, .xml:
            return .document(Document(id: id, source: Source(uri: uri, format: format, size: bytes.count, charset: transportCharset, raw: bytes)))
        default:
            return .failure(InputFailure(id: id, uri: uri, format: format, reason: "no reader for the '\(format)' format yet"))
        }
    }
}

/// One JSON Lines record → one document. A line has `id` and either `text` (plain text) or
/// `html` (markup) as JSON strings, or the page's own bytes in base64 as `text_base64` or
/// `html_base64` with the `charset` its transport declared (a crawler's HTTP header) — the
/// bytes are decoded as the charset rules say, that charset first. Optionally `language`,
/// `metadata`; other top-level strings (`url`, `title`, `date`, …) become metadata. A full
/// Mekong record (with `layers`) is read back as it was written, so runs can be chained.
enum JSONLinesReader {
    static let reserved: Set<String> = ["id", "text", "html", "text_base64", "html_base64", "language", "metadata", "charset",
                                        "layers", "source", "revisions", "errors"]

    static func document(line: [UInt8], file: String, lineNumber: Int) -> InputItem {
        let fallbackID = "\(file)#\(lineNumber)"
        let json: JSONValue
        do { json = try JSONParser.parse(line) } catch {
            return .failure(InputFailure(id: fallbackID, uri: fallbackID, format: .jsonl, reason: "malformed JSON at \(error)"))
        }
        return document(record: json, fallbackID: fallbackID, size: line.count)
    }

    /// One parsed record → one document; `fallbackID` names it when it has no `id` (and is
    /// its source's URI), `size` is the record's size in bytes.
    static func document(record json: JSONValue, fallbackID: String, size: Int) -> InputItem {
        let uri = fallbackID
        guard let o = json.objectValue else {
            return .failure(InputFailure(id: fallbackID, uri: uri, format: .jsonl, reason: "a JSON Lines record must be an object, found \(json.typeName)"))
        }
        var id = fallbackID
        switch o["id"] {
        case .string(let s)?: id = s
        case .integer(let i)?: id = String(i)
        case nil, .null?: break
        case let v?: return .failure(InputFailure(id: fallbackID, uri: uri, format: .jsonl, reason: "'id' must be a string or an integer, found \(v.typeName)"))
        }
        if o["layers"] != nil || o["source"] != nil {
            var withID = o
            withID["id"] = .string(id)
            do { return .document(try Document(json: .object(withID))) } catch {
                return .failure(InputFailure(id: id, uri: uri, format: .jsonl, reason: error.description))
            }
        }
        var metadata = o["metadata"]?.objectValue ?? JSONObject()
        for m in o where !reserved.contains(m.key) { metadata[m.key] = m.value }
        let language = o["language"]?.stringValue
        if language != nil { metadata["languageSource"] = "given" }
        let charset = o["charset"]?.stringValue
        for field in ["html_base64", "text_base64"] {
            guard let encoded = o[field] else { continue }
            guard let string = encoded.stringValue, let bytes = Base64.decode(string) else {
                return .failure(InputFailure(id: id, uri: uri, format: .jsonl, reason: "'\(field)' must be a base64 string"))
            }
            let item = DocumentInputs.document(id: id, uri: uri, bytes: bytes, format: field == "html_base64" ? .html : .text,
                                               transportCharset: charset)
            guard case .document(var doc) = item else { return item }
            doc.language = language
            for m in metadata { doc.metadata[m.key] = m.value }
            return .document(doc)
        }
        if charset != nil { metadata["declaredCharset"] = o["charset"] }
        if let text = o["text"]?.stringValue {
            return .document(Document(id: id, text: text, source: Source(uri: uri, format: .text, size: size, charset: "UTF-8"),
                                      language: language, metadata: metadata))
        }
        if let html = o["html"]?.stringValue {
            return .document(Document(id: id, source: Source(uri: uri, format: .html, size: size, charset: "UTF-8", raw: Array(html.utf8)),
                                      language: language, metadata: metadata))
        }
        return .failure(InputFailure(id: id, uri: uri, format: .jsonl, reason: "the record has none of 'text', 'html', 'text_base64', 'html_base64'"))
    }
}

/// Base64 (RFC 4648, standard alphabet; padding optional, white space ignored).
enum Base64 {
    static func decode(_ string: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var ended = false
        for c in string.utf8 {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): ended = true; continue
            case 0x20, 0x0A, 0x0D, 0x09: continue
            default: return nil
            }
            if ended { return nil }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
