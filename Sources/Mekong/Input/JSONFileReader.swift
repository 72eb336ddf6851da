/// A `.json` file: one record (an object, as a JSON Lines line holds) or an array of them,
/// written over as many lines as the writer liked. Read as JSON Lines, a pretty-printed file
/// gave an error for every line and an array one document of its whole text; here each record
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

    /// Whether a name (its compression suffix removed) says a JSON file.
    static func isJSONFile(_ name: String) -> Bool { name.lowercased().hasSuffix(".json") }
}
