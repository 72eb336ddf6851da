/// The JSON Schema (draft 2020-12) of one output record of `mekong run`: a document with its
/// layers, or an error record. Built-in layers and fields have fixed types — numbers are
/// numbers or absent, never strings — so that Arrow, Parquet and Spark can hold a corpus's
/// records as typed columns (the Python package builds its schemas from this one). Plugins'
/// layers and free metadata stay open: an annotation of any other layer has `start`, `end`
/// and an optional `label`, and whatever else its stage wrote.
///
/// `mekong schema --records` prints it; `Tests/` validate the `Corpus/` output against it.
public enum RecordSchema {
    public static func generate() -> JSONValue {
        var root: JSONObject = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://mekong.example/schemas/record.schema.json",
            "title": "Mekong output record",
            "description": .string("One line of `mekong run` output: a document with standoff annotation layers (offsets are Unicode code point indices into `text`, end exclusive), or an error record naming the document, the stage and the reason."),
        ]
        root["oneOf"] = [["$ref": "#/$defs/document"], ["$ref": "#/$defs/errorRecord"]]
        root["$defs"] = .object(definitions)
        return .object(root)
    }

    /// The schema of one annotation of a built-in layer: `start`, `end`, the layer's `label` and
    /// its own fields, nothing else.
    public static func annotation(_ label: JSONValue?, _ fields: JSONObject = [:], required: [String] = []) -> JSONValue {
        var properties: JSONObject = [
            "start": integer("First code point of the span."),
            "end": integer("Code point after the span's last."),
        ]
        if let label { properties["label"] = label }
        for f in fields { properties[f.key] = f.value }
        return .object([
            "type": "object", "additionalProperties": false,
            "required": .array((["start", "end"] + required).map(JSONValue.string)),
            "properties": .object(properties),
        ])
    }

    static var definitions: JSONObject {
        var d = JSONObject()
        d["document"] = document
        d["errorRecord"] = .object([
            "type": "object", "additionalProperties": false,
            "required": ["id", "source", "error"],
            "properties": .object([
                "id": string("The document's id (its path, a JSON Lines record's id, a WARC record's target)."),
                "source": ["$ref": "#/$defs/source"],
                "error": .object([
                    "type": "object", "additionalProperties": false, "required": ["stage", "message"],
                    "properties": .object([
                        "stage": string("The stage that failed, or `read` when the input could not be read."),
                        "message": string("Why, in words."),
                        "detail": string("More for the curious: a crashed worker's signal, the end of its standard error."),
                    ]),
                ]),
            ]),
        ])
        d["source"] = .object([
            "type": "object", "additionalProperties": false, "required": ["uri", "format", "size"],
            "properties": .object([
                "uri": string("Where the document came from: a path, `path#line`, a WARC target URI."),
                "format": .object(["type": "string", "enum": ["text", "html", "xml", "warc", "jsonl"]]),
                "size": integer("Bytes read for the document."),
                "charset": string("The charset its bytes were decoded from."),
                "textMap": .object([
                    "type": "object", "additionalProperties": false, "required": ["textLength", "sourceLength", "edits"],
                    "description": "Maps the extracted text back to the page as decoded (markup included).",
                    "properties": .object(["textLength": integer(nil), "sourceLength": integer(nil), "edits": edits]),
                ]),
            ]),
        ])
        d["note"] = .object([
            "type": "object", "additionalProperties": false, "required": ["stage", "message"],
            "properties": .object(["stage": string(nil), "message": string(nil)]),
        ])
        d["metadata"] = metadata
        d["layers"] = layers
        d["span"] = annotation(nil)
        d["labelledSpan"] = annotation(string(nil))
        d["openAnnotation"] = .object([
            "type": "object", "required": ["start", "end"],
            "description": "An annotation of a layer Mekong does not know (a plugin's, a gazetteer's): `start`, `end`, an optional `label`, and any fields.",
            "properties": .object(["start": integer(nil), "end": integer(nil), "label": string(nil)]),
        ])
        d["entity"] = entity
        d["quantity"] = quantity
        return d
    }

    static var document: JSONValue {
        .object([
            "type": "object", "additionalProperties": false,
            "required": ["id", "source", "language", "metadata", "text", "layers"],
            "properties": .object([
                "id": string("The document's id."),
                "source": ["$ref": "#/$defs/source"],
                "language": .object(["type": ["string", "null"], "description": "BCP 47 tag of the document's language (given or detected), null when unknown."]),
                "metadata": ["$ref": "#/$defs/metadata"],
                "text": .object(["type": ["string", "null"], "description": "The text every offset points into (null only when no stage made text from markup)."]),
                "layers": ["$ref": "#/$defs/layers"],
                "revisions": .object([
                    "type": "array",
                    "description": "Earlier texts, oldest first, each with the offset map from the text after it.",
                    "items": .object([
                        "type": "object", "additionalProperties": false, "required": ["stage", "text", "edits"],
                        "properties": .object(["stage": string(nil), "text": string(nil), "edits": edits]),
                    ]),
                ]),
                "errors": .object([
                    "type": "array", "description": "Notes on what a stage repaired or left (the document did not fail).",
                    "items": ["$ref": "#/$defs/note"],
                ]),
            ]),
        ])
    }

    /// Metadata Mekong writes has fixed types; inputs may bring any other fields.
    static var metadata: JSONValue {
        var p = JSONObject()
        for key in ["title", "url", "published", "author", "charset", "charsetMethod", "declaredCharset", "httpCharset",
                    "declaredLanguage", "givenLanguage", "languageSource", "script", "legacyEncoding", "extraction",
                    "extractionCues", "crawlDate", "warcRecordID", "payloadDigest"] {
            p[key] = string(nil)
        }
        p["httpStatus"] = integer(nil)
        p["languageConfidence"] = number(nil)
        for key in ["languageReliable", "captions", "noscript", "htmlFragment"] { p[key] = .object(["type": "boolean"]) }
        p["languageAlternatives"] = .object([
            "type": "array",
            "items": .object(["type": "object", "additionalProperties": false, "required": ["code", "percent"],
                              "properties": .object(["code": string(nil), "percent": integer(nil)])]),
        ])
        return .object([
            "type": "object", "description": "The document's metadata: the fields named here have these types; inputs may add others of any type.",
            "properties": .object(p),
        ])
    }

    static var layers: JSONValue {
        func list(_ items: JSONValue, _ description: String) -> JSONValue {
            .object(["type": "array", "description": .string(description), "items": items])
        }
        return .object([
            "type": "object",
            "description": "Annotation layers by name; a layer of another name (a plugin's) holds open annotations.",
            "properties": .object([
                "paragraphs": list(["$ref": "#/$defs/span"], "Paragraphs and headings of the text."),
                "sentences": list(["$ref": "#/$defs/span"], "Sentences."),
                "tokens": list(annotation(string("`word`, `number`, `punct`, `symbol`, `url`, `email`, `hashtag`, `mention`, `abbreviation`."), required: ["label"]),
                               "Tokens with their class."),
                "words": list(annotation(nil, ["syllables": integer("Syllables joined into the word (absent for one).")]),
                              "Words: for Vietnamese, syllables joined into words."),
                "languages": list(annotation(string("The paragraph's language (BCP 47)."), [
                    "confidence": number(nil), "reliable": .object(["type": "boolean"]), "script": string(nil),
                ], required: ["label"]), "Each paragraph's language."),
                "quantities": list(["$ref": "#/$defs/quantity"], "Numbers, amounts, dates, times, durations, ranges."),
                "entities": list(["$ref": "#/$defs/entity"], "Named entities, typed and (after `link`) linked."),
            ]),
            "additionalProperties": list(["$ref": "#/$defs/openAnnotation"], "A plugin's layer."),
        ])
    }

    static var quantity: JSONValue {
        let kinds = JSONValue.array(QuantityField.kinds.map(JSONValue.string))
        return annotation(.object(["type": "string", "enum": kinds]),
                          properties(QuantityField.allCases.map { ($0.rawValue, $0.schema) }),
                          required: ["label", QuantityField.text.rawValue, QuantityField.kind.rawValue])
    }

    static var entity: JSONValue {
        annotation(string("The entity's type (PER, LOC, ORG, MISC, or a finer one)."),
                   properties(EntityField.allCases.map { ($0.rawValue, $0.schema) }),
                   required: ["label", EntityField.text.rawValue, EntityField.type.rawValue])
    }

    private static func properties(_ fields: [(String, JSONValue)]) -> JSONObject {
        var o = JSONObject()
        for (name, schema) in fields { o[name] = schema }
        return o
    }

    static var edits: JSONValue {
        .object(["type": "array", "items": ["type": "array", "items": ["type": "integer"]]])
    }

    static func string(_ description: String?) -> JSONValue { typed("string", description) }
    static func integer(_ description: String?) -> JSONValue { typed("integer", description) }
    static func number(_ description: String?) -> JSONValue { typed("number", description) }

    private static func typed(_ type: String, _ description: String?) -> JSONValue {
        var o: JSONObject = ["type": .string(type)]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }
}
