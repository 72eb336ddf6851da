/// The JSON form of a document: the JSON Lines record Mekong writes, and the message an
/// external stage reads and answers with.
///
/// ```json
/// {"id":"a.txt","source":{"uri":"Corpus/a.txt","format":"text","size":42},"language":"vi",
///  "metadata":{},"text":"…","layers":{"tokens":[{"start":0,"end":4,"label":"word"}]}}
/// ```
extension Document {
    /// The document as a JSON object. `revisions` (earlier texts and their offset maps) are
    /// included when a stage rewrote the text.
    public func jsonValue() -> JSONValue { jsonValue(omittingLayers: false) }

    func jsonValue(omittingLayers: Bool) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["source"] = source.jsonValue()
        o["language"] = language.map(JSONValue.string) ?? .null
        o["metadata"] = .object(metadata)
        o["text"] = hasText ? .string(text) : .null
        var layersObject = JSONObject()
        for (name, annotations) in layers where !omittingLayers {
            layersObject[name.rawValue] = .array(annotations.map { $0.jsonValue() })
        }
        o["layers"] = .object(layersObject)
        if !revisions.isEmpty {
            o["revisions"] = .array(revisions.map { r in
                .object([
                    "stage": .string(r.stage),
                    "text": .string(r.text),
                    "edits": .array(r.map.edits.map { .array($0.map(JSONValue.integer)) }),
                ])
            })
        }
        if !errors.isEmpty {
            o["errors"] = .array(errors.map { .object(["stage": .string($0.stage), "message": .string($0.message)]) })
        }
        return .object(o)
    }

    /// The document's JSON Lines record: the bytes of `jsonValue()` written compactly, and a
    /// newline. Layers are written annotation by annotation instead of as a tree of JSON
    /// values first: for a 5 MB text with a million tokens and words the tree alone cost
    /// several hundred megabytes.
    public func jsonLine() -> [UInt8] {
        var w = JSONWriter()
        // Room for all of it at once: a buffer that outgrows its room is copied into one twice
        // its size, and for a big record both are alive at that moment.
        var room = text.utf8.count + text.utf8.count / 16 + 4096
        for entry in layers.contents {
            switch entry.content {
            case .spans(let spans): room += Self.estimatedBytes(of: spans)
            case .annotations(let annotations): room += Self.estimatedBytes(of: annotations)
            }
        }
        w.reserveCapacity(room)
        write(into: &w)
        w.raw("\n")
        return w.bytes
    }

    /// The bytes a layer's annotations take, from a sample of up to 32 of them, with a margin.
    static func estimatedBytes(of annotations: [Annotation]) -> Int {
        guard !annotations.isEmpty else { return 2 }
        var sample = JSONWriter()
        let step = max(1, annotations.count / 32)
        var taken = 0
        for k in stride(from: 0, to: annotations.count, by: step) {
            annotations[k].write(into: &sample)
            taken += 1
        }
        return (sample.bytes.count + taken) * annotations.count / taken * 21 / 20 + 64
    }

    /// The bytes a span layer takes at most: the widest offsets and label for every span.
    static func estimatedBytes(of spans: SpanLayer) -> Int {
        let label = spans.labels.reduce(0) { max($0, $1.utf8.count) }
        let offset = String(spans.ends.last ?? 0).utf8.count
        let attribute = spans.attribute.map { $0.utf8.count + 14 } ?? 0
        return spans.count * (#"{"start":,"end":,"label":""},"#.utf8.count + 2 * offset + label + attribute) + 2
    }

    /// Writes `jsonValue()` into a compact writer without building it (an indenting writer
    /// gets the tree).
    public func write(into w: inout JSONWriter) {
        guard w.indent == nil else { w.write(jsonValue()); return }
        w.raw("{\"id\":")
        w.writeString(id)
        w.raw(",\"source\":")
        w.write(source.jsonValue())
        w.raw(",\"language\":")
        if let language { w.writeString(language) } else { w.raw("null") }
        w.raw(",\"metadata\":")
        w.write(.object(metadata))
        w.raw(",\"text\":")
        if hasText { w.writeString(text) } else { w.raw("null") }
        w.raw(",\"layers\":")
        if layers.isEmpty { w.raw("{}") } else {
            w.raw("{")
            for (n, entry) in layers.contents.enumerated() {
                if n > 0 { w.raw(",") }
                w.writeString(entry.name.rawValue)
                w.raw(":")
                switch entry.content {
                case .spans(let spans):
                    spans.write(into: &w)
                case .annotations(let annotations):
                    if annotations.isEmpty { w.raw("[]"); continue }
                    w.raw("[")
                    for (k, a) in annotations.enumerated() {
                        if k > 0 { w.raw(",") }
                        a.write(into: &w)
                    }
                    w.raw("]")
                }
            }
            w.raw("}")
        }
        // The rest is small: written as `jsonValue()` writes it.
        if !revisions.isEmpty || !errors.isEmpty, case .object(let whole) = jsonValue(omittingLayers: true) {
            for key in ["revisions", "errors"] {
                if let v = whole[key] {
                    w.raw(",")
                    w.writeString(key)
                    w.raw(":")
                    w.write(v)
                }
            }
        }
        w.raw("}")
    }

    /// Reads a document from its JSON form. `path` prefixes the JSON paths in errors.
    public init(json: JSONValue, path: String = "$") throws(DocumentDecodingError) {
        guard let o = json.objectValue else { throw DocumentDecodingError(path: path, reason: "expected an object, found \(json.typeName)") }
        func string(_ key: String, required: Bool) throws(DocumentDecodingError) -> String? {
            switch o[key] {
            case nil, .null?:
                if required { throw DocumentDecodingError(path: "\(path).\(key)", reason: "missing") }
                return nil
            case .string(let s)?: return s
            case let v?: throw DocumentDecodingError(path: "\(path).\(key)", reason: "expected a string, found \(v.typeName)")
            }
        }
        let id = try string("id", required: true)!
        let source: Source
        if let s = o["source"], !s.isNull {
            source = try Source(json: s, path: "\(path).source")
        } else {
            source = Source(uri: id, format: .jsonl, size: 0)
        }
        let metadata: JSONObject
        switch o["metadata"] {
        case nil, .null?: metadata = JSONObject()
        case .object(let m)?: metadata = m
        case let v?: throw DocumentDecodingError(path: "\(path).metadata", reason: "expected an object, found \(v.typeName)")
        }
        let language = try string("language", required: false)
        if let text = try string("text", required: false) {
            self.init(id: id, text: text, source: source, language: language, metadata: metadata)
        } else {
            self.init(id: id, source: source, language: language, metadata: metadata)
        }
        if let revisionsValue = o["revisions"], !revisionsValue.isNull {
            guard let list = revisionsValue.arrayValue else {
                throw DocumentDecodingError(path: "\(path).revisions", reason: "expected an array")
            }
            // Rebuild revisions newest-last: each map runs from the next text to its own.
            var texts: [(String, String, [[Int]])] = []
            for (i, r) in list.enumerated() {
                let rp = "\(path).revisions[\(i)]"
                guard let stage = r["stage"]?.stringValue, let t = r["text"]?.stringValue,
                    let edits = r["edits"]?.arrayValue?.map({ $0.arrayValue?.compactMap(\.intValue) ?? [] })
                else { throw DocumentDecodingError(path: rp, reason: "a revision needs stage, text and edits") }
                texts.append((stage, t, edits))
            }
            for (i, (stage, oldText, edits)) in texts.enumerated() {
                let newText = i + 1 < texts.count ? texts[i + 1].1 : self.text
                do {
                    let map = try OffsetMap(edits: edits, newLength: newText.unicodeScalars.count, oldLength: oldText.unicodeScalars.count)
                    revisions.append(TextRevision(stage: stage, text: oldText, map: map))
                } catch {
                    throw DocumentDecodingError(path: "\(path).revisions[\(i)].edits", reason: error.reason)
                }
            }
        }
        switch o["layers"] {
        case nil, .null?: break
        case .object(let layersObject)?:
            for member in layersObject {
                let lp = "\(path).layers.\(member.key)"
                guard let list = member.value.arrayValue else {
                    throw DocumentDecodingError(path: lp, reason: "expected an array of annotations, found \(member.value.typeName)")
                }
                var annotations: [Annotation] = []
                annotations.reserveCapacity(list.count)
                for (i, a) in list.enumerated() {
                    annotations.append(try Annotation(json: a, path: "\(lp)[\(i)]", textLength: length))
                }
                layers.set(LayerName(member.key), annotations)
            }
        case let v?: throw DocumentDecodingError(path: "\(path).layers", reason: "expected an object, found \(v.typeName)")
        }
        if let errs = o["errors"]?.arrayValue {
            for e in errs {
                if let stage = e["stage"]?.stringValue, let message = e["message"]?.stringValue {
                    errors.append(DocumentError(stage: stage, message: message))
                }
            }
        }
    }
}

extension Source {
    public func jsonValue() -> JSONValue {
        var o: JSONObject = ["uri": .string(uri), "format": .string(format.rawValue), "size": .integer(size)]
        if let charset { o["charset"] = .string(charset) }
        if let textMap {
            o["textMap"] = .object([
                "textLength": .integer(textMap.newLength), "sourceLength": .integer(textMap.oldLength),
                "edits": .array(textMap.edits.map { .array($0.map(JSONValue.integer)) }),
            ])
        }
        return .object(o)
    }

    init(json: JSONValue, path: String) throws(DocumentDecodingError) {
        guard let o = json.objectValue else { throw DocumentDecodingError(path: path, reason: "expected an object") }
        self.init(
            uri: o["uri"]?.stringValue ?? "",
            format: DocumentFormat(rawValue: o["format"]?.stringValue ?? "jsonl"),
            size: o["size"]?.intValue ?? 0,
            charset: o["charset"]?.stringValue)
        if let m = o["textMap"]?.objectValue, let n = m["textLength"]?.intValue, let old = m["sourceLength"]?.intValue,
            let edits = m["edits"]?.arrayValue?.map({ $0.arrayValue?.compactMap(\.intValue) ?? [] })
        {
            do { textMap = try OffsetMap(edits: edits, newLength: n, oldLength: old) } catch {
                throw DocumentDecodingError(path: "\(path).textMap", reason: error.reason)
            }
        }
    }
}

extension Annotation {
    /// Writes `jsonValue()` compactly without building it.
    func write(into w: inout JSONWriter) {
        // An attribute named like a span field replaces it in place: leave that to the tree.
        if attributes.contains(where: { $0.key == "start" || $0.key == "end" || $0.key == "label" }) {
            w.write(jsonValue())
            return
        }
        w.raw("{\"start\":")
        w.writeInteger(start)
        w.raw(",\"end\":")
        w.writeInteger(end)
        if let label {
            w.raw(",\"label\":")
            w.writeString(label)
        }
        for m in attributes {
            w.raw(",")
            w.writeString(m.key)
            w.raw(":")
            w.write(m.value)
        }
        w.raw("}")
    }

    public func jsonValue() -> JSONValue {
        var o: JSONObject = ["start": .integer(start), "end": .integer(end)]
        if let label { o["label"] = .string(label) }
        for m in attributes { o[m.key] = m.value }
        return .object(o)
    }

    /// Reads an annotation and checks its span lies within a text of `textLength` code points.
    public init(json: JSONValue, path: String, textLength: Int) throws(DocumentDecodingError) {
        guard let o = json.objectValue else { throw DocumentDecodingError(path: path, reason: "expected an annotation object, found \(json.typeName)") }
        guard let start = o["start"]?.intValue else { throw DocumentDecodingError(path: "\(path).start", reason: "missing or not an integer") }
        guard let end = o["end"]?.intValue else { throw DocumentDecodingError(path: "\(path).end", reason: "missing or not an integer") }
        guard 0 <= start, start <= end, end <= textLength else {
            throw DocumentDecodingError(path: path, reason: "span \(start)..<\(end) is outside the text (0..<\(textLength) code points)")
        }
        var attributes = JSONObject()
        var label: String?
        for m in o {
            switch m.key {
            case "start", "end": continue
            case "label":
                guard case .string(let s) = m.value else {
                    if m.value.isNull { continue }
                    throw DocumentDecodingError(path: "\(path).label", reason: "expected a string, found \(m.value.typeName)")
                }
                label = s
            default: attributes[m.key] = m.value
            }
        }
        self.init(start: start, end: end, label: label, attributes: attributes)
    }
}

/// A document's JSON did not have the expected shape.
public struct DocumentDecodingError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

extension SpanLayer {
    /// Writes the layer as `Annotation.jsonValue()` would write each span, straight from the
    /// columns: each label's JSON is made once, offsets are written as digits.
    func write(into w: inout JSONWriter) {
        guard !isEmpty else { w.raw("[]"); return }
        // What follows the end: the label's member, made once per label.
        var tails: [[UInt8]] = [[]]
        for label in labels {
            var t = JSONWriter()
            t.raw(",\"label\":")
            t.writeString(label)
            tails.append(t.bytes)
        }
        var attributeKey: [UInt8] = []
        if let attribute {
            var t = JSONWriter()
            t.raw(",")
            t.writeString(attribute)
            t.raw(":")
            attributeKey = t.bytes
        }
        w.raw("[")
        for i in 0..<count {
            w.raw(i == 0 ? "{\"start\":" : ",{\"start\":")
            w.writeInteger(Int(starts[i]))
            w.raw(",\"end\":")
            w.writeInteger(Int(ends[i]))
            w.raw(bytes: tails[Int(labelNumbers[i])])
            if attribute != nil, values[i] != Self.absent {
                w.raw(bytes: attributeKey)
                w.writeInteger(Int(values[i]))
            }
            w.raw("}")
        }
        w.raw("]")
    }
}
