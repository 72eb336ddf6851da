/// A `.json` file — or a file whose name says no format and that opens with `{` alone on its
/// first line — holds one record (an object, as a JSON Lines line holds) or an array of them,
/// written over as many lines as the writer liked. Read as JSON Lines, a pretty-printed file
/// gave an error for every line, and an array one document of its whole text; here each record
/// is one document, named `FILE#N` (N from 1) when it has no `id` of its own — `FILE` for the
/// file's one record. The file is read whole (JSON Lines is the format that streams), so it is
/// held to the document limit.
enum JSONFileReader {
    static func documents(path: String, bytes: [UInt8]) -> [InputItem] {
        func failure(_ reason: String) -> [InputItem] {
            [.failure(InputFailure(id: path, uri: path, format: .jsonl, reason: reason))]
        }
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            return failure("malformed JSON at \(error) (a .json file holds one record or an array of records)")
        }
        switch json {
        case .object:
            return [JSONLinesReader.document(record: json, fallbackID: path, size: bytes.count)]
        case .array(let records):
            guard !records.isEmpty else { return failure("the JSON array holds no records") }
            return records.enumerated().map { k, record in
                var writer = JSONWriter()
                writer.write(record)
                return JSONLinesReader.document(record: record, fallbackID: "\(path)#\(k + 1)", size: writer.bytes.count)
            }
        default:
            return failure("a .json file must hold a record (a JSON object) or an array of records, found \(json.typeName)")
        }
    }

    /// Whether a named source (its compression suffix removed from `name`) is a JSON file: by
    /// its name, or — when the name says no format — by its first bytes.
    static func isJSON(name: String, head: [UInt8]) -> Bool {
        name.lowercased().hasSuffix(".json") || (FormatSniffer.format(name: name) == nil && opensPrettyJSON(head))
    }

    /// Whether a source's first bytes open a pretty-printed JSON object: `{` alone on the
    /// first line, which no JSON Lines file has (each of its lines is a whole record).
    static func opensPrettyJSON(_ head: [UInt8]) -> Bool {
        let bytes = FormatSniffer.content(head[...])
        guard bytes.first == UInt8(ascii: "{") else { return false }
        for b in bytes.dropFirst() {
            if b == 0x0A { return true }
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
        }
        return false
    }
}
