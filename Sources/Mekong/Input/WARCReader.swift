/// Streams the records of a WARC file (ISO 28500; plain or gzip-compressed record by
/// record) as input items: each `response` (or `resource`) record becomes a document with
/// its target URI, crawl date, record ID, payload digest and HTTP charset; `request`,
/// `warcinfo` and `metadata` records are not documents and are passed over; `revisit`
/// and truncated records become error records, never silently dropped.
///
/// A damaged record costs itself only: one whose block does not end where the next record
/// begins (a wrong Content-Length, junk, headers running into the next record, a corrupt
/// gzip member) is an error record, and reading goes on at the next gzip member, else at
/// the next `WARC/1.x` version line. Records over the document limit are passed over unread.
final class WARCReader {
    private let stream: ByteStream
    private let path: String
    private var recordNumber = 0
    private var inRecord = false
    private var done = false
    /// Records larger than this (the document limit) are reported instead of read into memory.
    let maxRecordBytes: Int

    init(path: String, maxRecordBytes: Int = DocumentInputs.defaultMaxDocumentBytes) throws(FileIOError) {
        stream = try ByteStream(path: path)
        self.path = path
        self.maxRecordBytes = maxRecordBytes
    }

    func next() -> InputItem? {
        while !done {
            do {
                guard let item = try nextRecord() else { done = true; return nil }
                if let item { return item }
            } catch {
                done = true
                let number = inRecord ? recordNumber : recordNumber + 1
                return .failure(InputFailure(id: "\(path)#record-\(number)", uri: path, format: .warc,
                                             reason: "cannot read WARC record \(number): \(error.reason)"))
            }
        }
        return nil
    }

    /// The next record as an item; `.some(nil)` for a record that is not a document.
    private func nextRecord() throws(FileIOError) -> InputItem?? {
        inRecord = false
        // Skip the blank lines between records.
        var versionLine: [UInt8]?
        var recordStart = stream.offset
        while true {
            recordStart = stream.offset
            guard let line = try stream.readLine() else { break }
            if line.isEmpty { continue }
            versionLine = line
            break
        }
        guard let version = versionLine else { return nil }
        stream.forgetMemberEnds(upTo: recordStart)
        stream.mark = recordStart
        recordNumber += 1
        inRecord = true
        let fallbackID = "\(path)#record-\(recordNumber)"
        guard version.starts(with: Array("WARC/".utf8)) else {
            let found = String(decoding: version.prefix(40), as: UTF8.self).debugDescription
            let next = try resynchronize(after: recordStart)
            return .some(.failure(InputFailure(id: fallbackID, uri: path, format: .warc,
                                               reason: "cannot read WARC record \(recordNumber): expected a WARC/1.x version line, found \(found); \(next)")))
        }
        var headers: [String: String] = [:]
        while let line = try stream.readLine(), !line.isEmpty {
            if stream.lineWasCut || line.starts(with: Array("WARC/1.".utf8)) {
                // Not a header: binary data, or the next record before this one's blank line.
                if !stream.lineWasCut { stream.unread(line + [0x0D, 0x0A]) }
                let id = headers["warc-record-id"] ?? fallbackID
                let next = try resynchronize(after: recordStart)
                return .some(.failure(InputFailure(id: id, uri: headers["warc-target-uri"] ?? path, format: .warc,
                                                   reason: "cannot read WARC record \(recordNumber): its headers do not end with a blank line; \(next)")))
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingWhitespace().lowercased()
            headers[name] = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
        }
        let type = headers["warc-type"]?.lowercased() ?? ""
        let recordID = headers["warc-record-id"] ?? fallbackID
        let target = headers["warc-target-uri"] ?? ""
        func failure(_ reason: String) -> InputItem {
            .failure(InputFailure(id: recordID, uri: target.isEmpty ? path : target, format: .warc, reason: reason))
        }
        guard let length = headers["content-length"].flatMap({ Int($0) }), length >= 0 else {
            let given = headers["content-length"].map { " ('\(String($0.prefix(40)))')" } ?? ""
            let next = try resynchronize(after: recordStart)
            return .some(failure("cannot read WARC record \(recordNumber): record \(recordID) has no valid Content-Length\(given); \(next)"))
        }
        guard length <= maxRecordBytes else {
            // Passed over, never held. (A wrong length this large cannot be checked first: the
            // records it covers are lost, and the reader goes on after it.)
            let skipped = try stream.discard(length)
            var reason = "the record has \(length) bytes, more than the document limit \(maxRecordBytes) (--max-document-bytes); skipped"
            if skipped < length {
                done = true
                reason += "; the file ends after \(skipped) of them"
            } else if try !boundaryFollows() {
                reason += "; its end is not followed by another record: \(try resynchronize(after: stream.offset - 1))"
            }
            return .some(failure(reason))
        }
        let blockStart = stream.offset
        let body = try stream.read(length)
        let intact = body.count == length ? try boundaryFollows() : false
        // A corrupt member inside the record (not at its end, where the next one starts).
        let recordEnd = stream.offset + Int64(try stream.peek(64).prefix { $0 == 0x0D || $0 == 0x0A }.count)
        if let damage = stream.damage(after: recordStart, before: recordEnd) {
            if !stream.rewind(to: blockStart) { stream.unread(body) }
            return .some(failure("cannot read WARC record \(recordNumber): \(damage); \(try resynchronize(after: recordStart))"))
        }
        if !intact {
            // The block does not end where the next record begins: the length is wrong (or the
            // file is cut). Read again from the block's start to find the next record.
            if !stream.rewind(to: blockStart) { stream.unread(body) }
            let next = try resynchronize(after: recordStart)
            if body.count < length && done {
                return .some(failure("truncated record: Content-Length says \(length) bytes, the file ends after \(body.count)"))
            }
            return .some(failure("damaged record: Content-Length says \(length) bytes, but the record does not end there; \(next)"))
        }
        switch type {
        case "request", "warcinfo", "metadata", "conversion", "continuation":
            return .some(nil)
        case "revisit":
            return .some(failure("revisit record: the payload is that of an earlier capture (\(headers["warc-refers-to"] ?? headers["warc-refers-to-target-uri"] ?? "not named")), not repeated here"))
        case "response", "resource":
            if let reason = headers["warc-truncated"] {
                return .some(failure("truncated record (WARC-Truncated: \(reason))"))
            }
            return .some(document(type: type, headers: headers, body: body, recordID: recordID, target: target))
        default:
            return .some(failure("unknown WARC-Type '\(type)'"))
        }
    }

    /// Whether what follows a block is the end of the record: line ends, then the next
    /// record's version line or the end of the file.
    private func boundaryFollows() throws(FileIOError) -> Bool {
        let ahead = try stream.peek(64)
        let rest = ahead.drop { $0 == 0x0D || $0 == 0x0A }
        if rest.isEmpty || rest.starts(with: Array("WARC/".utf8)) { return true }
        // In a gzip file a record that fills its member exactly is whole, whatever follows.
        return stream.isGzip && stream.memberEnds(at: stream.offset + Int64(ahead.count - rest.count))
    }

    /// After a damaged record: on to the next record — in a gzip file, the next member (a
    /// record each, as WARC writers make them) if it starts one, else the next line that
    /// begins with `WARC/1.`. Says where it went, for the damaged record's error.
    private func resynchronize(after recordStart: Int64) throws(FileIOError) -> String {
        let from = stream.offset
        if stream.isGzip, try stream.discard(toMemberEndAfter: recordStart) {
            if try stream.peek(7).elementsEqual("WARC/1.".utf8) {
                return "the reader went on at the next gzip member (\(stream.offset - from) bytes passed over)"
            }
        }
        if try stream.discardToVersionLine() {
            return "the reader went on at the next WARC/1. line (\(stream.offset - from) bytes passed over)"
        }
        done = true
        return "no record follows (\(stream.offset - from) bytes passed over to the end of the file)"
    }

    private func document(type: String, headers: [String: String], body: [UInt8], recordID: String, target: String) -> InputItem {
        var payload = body[...]
        var contentType = headers["content-type"] ?? ""
        var status: Int?
        if type == "response", body.starts(with: Array("HTTP/".utf8)) {
            guard let http = HTTPMessage(body) else {
                return .failure(InputFailure(id: recordID, uri: target, format: .warc, reason: "the HTTP response in the record has no end of headers"))
            }
            status = http.status
            contentType = http.headers["content-type"] ?? ""
            payload = body[http.bodyStart...]
            if http.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
                payload = HTTPMessage.dechunk(payload)[...]
            }
            if let s = status, !(200..<300).contains(s) {
                return .failure(InputFailure(id: recordID, uri: target, format: .warc, reason: "HTTP status \(s): no document in this response"))
            }
        }
        let mime = contentType.split(separator: ";").first.map { $0.trimmingWhitespace().lowercased() } ?? ""
        let charset = HTTPMessage.charset(of: contentType)
        let format: DocumentFormat
        switch mime {
        case "text/html", "application/xhtml+xml", "": format = .html
        case "text/plain": format = .text
        case "application/xml", "text/xml", "application/rss+xml", "application/atom+xml": format = .xml
        default:
            return .failure(InputFailure(id: recordID, uri: target, format: .warc, reason: "content type '\(mime)' is not text"))
        }
        var metadata = JSONObject()
        if !target.isEmpty { metadata["url"] = .string(target) }
        if let date = headers["warc-date"] { metadata["crawlDate"] = .string(date) }
        metadata["warcRecordID"] = .string(recordID)
        if let digest = headers["warc-payload-digest"] { metadata["payloadDigest"] = .string(digest) }
        if let status { metadata["httpStatus"] = .integer(status) }
        if let charset { metadata["httpCharset"] = .string(charset) }
        let bytes = Array(payload)
        let source = Source(uri: target.isEmpty ? path : target, format: format, size: bytes.count, charset: charset, raw: bytes)
        if format == .text {
            do {
                let decoded = try TextDecoder.decode(bytes, declared: charset)
                var d = Document(id: recordID, text: decoded.text, source: Source(uri: source.uri, format: .text, size: bytes.count, charset: decoded.charset), metadata: metadata)
                if let w = decoded.warning { d.warn(stage: InputFailure.stage, w) }
                return .document(d)
            } catch {
                return .failure(InputFailure(id: recordID, uri: target, format: .warc, reason: "\(error)"))
            }
        }
        return .document(Document(id: recordID, source: source, metadata: metadata))
    }
}

/// The parts of an HTTP response that WARC readers need.
struct HTTPMessage {
    var status: Int
    var headers: [String: String]
    var bodyStart: Int

    init?(_ bytes: [UInt8]) {
        var end: Int?
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A { end = i; break }
            i += 1
        }
        guard let end else { return nil }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ") ?? []
        status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        headers = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingWhitespace().lowercased()] = line[line.index(after: colon)...].trimmingWhitespace()
        }
        bodyStart = end + 4
    }

    /// `charset=…` of a Content-Type, if any.
    static func charset(of contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let p = part.trimmingWhitespace()
            if p.lowercased().hasPrefix("charset=") {
                let v = p.dropFirst(8).trimmingCharacters(in: "\"' ")
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    /// Undoes chunked transfer encoding; stops at the first malformed chunk.
    static func dechunk(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = body.startIndex
        while i < body.endIndex {
            guard let lineEnd = body[i...].firstIndex(of: 0x0A) else { break }
            let sizeText = String(decoding: body[i..<lineEnd], as: UTF8.self).split(separator: ";").first?.trimmingWhitespace() ?? ""
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd + 1
            let end = min(body.endIndex, start + size)
            out.append(contentsOf: body[start..<end])
            i = min(body.endIndex, end + 2)
        }
        return out
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
