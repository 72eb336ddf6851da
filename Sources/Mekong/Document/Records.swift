/// The JSON Lines records of a run: the document with its layers, or an error record
/// naming the document, the stage and the reason.
public enum Records {
    public static func line(for document: Document) -> [UInt8] {
        // Written annotation by annotation: a tree of JSON values first was most of the peak
        // memory of a large document.
        document.jsonLine()
    }

    public static func errorLine(id: String, source: Source, stage: String, reason: String, detail: String? = nil) -> [UInt8] {
        var error: JSONObject = ["stage": .string(stage), "message": .string(reason)]
        if let detail, !detail.isEmpty { error["detail"] = .string(detail) }
        let record: JSONObject = ["id": .string(id), "source": source.jsonValue(), "error": .object(error)]
        var w = JSONWriter()
        w.write(.object(record))
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }
}
