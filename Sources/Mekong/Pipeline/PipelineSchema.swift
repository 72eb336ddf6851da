/// A JSON Schema (draft 2020-12) for pipeline files, generated from a registry so that it
/// never disagrees with what the loader accepts. `Pipelines/pipeline.schema.json` is this
/// schema for the built-in stages; editors use it to complete and check pipeline files.
public enum PipelineSchema {
    public static func generate(_ registry: StageRegistry = .builtIn) -> JSONValue {
        var stageVariants: [JSONValue] = []
        for d in registry.descriptors {
            var properties = JSONObject()
            var required: [JSONValue] = []
            for o in d.options {
                var p: JSONObject = ["description": .string(o.help)]
                switch o.kind {
                case .string, .path, .resource: p["type"] = "string"
                case .choice(let values): p["type"] = "string"; p["enum"] = .array(values.map(JSONValue.string))
                case .integer: p["type"] = "integer"
                case .number: p["type"] = "number"
                case .boolean: p["type"] = "boolean"
                case .object: p["type"] = "object"
                case .stringList, .resourceList, .command:
                    p["type"] = "array"
                    p["items"] = ["type": "string"]
                    if o.kind == .command { p["minItems"] = 1 }
                }
                if let lo = o.minimum { p["minimum"] = lo == lo.rounded() ? .integer(Int(lo)) : .number(lo) }
                if let hi = o.maximum { p["maximum"] = hi == hi.rounded() ? .integer(Int(hi)) : .number(hi) }
                if let dv = o.defaultValue { p["default"] = dv }
                properties[o.name] = .object(p)
                if o.required { required.append(.string(o.name)) }
            }
            var with: JSONObject = ["type": "object", "additionalProperties": false, "properties": .object(properties)]
            if !required.isEmpty { with["required"] = .array(required) }
            var stageProperties: JSONObject = ["use": ["const": .string(d.name)], "with": .object(with)]
            stageProperties["use"] = .object(["const": .string(d.name), "description": .string(d.summary)])
            var variant: JSONObject = [
                "type": "object", "additionalProperties": false,
                "properties": .object(stageProperties),
                "required": required.isEmpty ? ["use"] : ["use", "with"],
            ]
            variant["title"] = .string(d.name)
            stageVariants.append(.object(variant))
        }
        let root: JSONObject = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://mekong.invalid/pipeline.schema.json",
            "title": "Mekong pipeline",
            "description": "A Mekong pipeline: a name, a default language and an ordered list of stages.",
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "stages"],
            "properties": [
                "$schema": ["type": "string"],
                "name": ["type": "string", "description": "The pipeline's name."],
                "description": ["type": "string"],
                "language": ["type": "string", "description": "BCP 47 tag given to documents that state no language."],
                "input": [
                    "type": "object", "additionalProperties": false,
                    "description": "How inputs become documents.",
                    "properties": [
                        "xml": [
                            "description": "XPath mapping from XML files to documents: a preset (rss, atom, tei) or {documents, id, text|html|paragraphs, title, date, author, url, language, namespaces, preset}.",
                            "oneOf": [
                                ["type": "string", "enum": ["rss", "atom", "tei"]],
                                ["type": "object", "required": ["documents"]],
                                ["type": "object", "required": ["preset"]],
                            ],
                        ],
                    ],
                ],
                "limits": [
                    "type": "object", "additionalProperties": false,
                    "description": "Limits per document; `mekong run` flags override them.",
                    "properties": [
                        "documentBytes": ["type": "integer", "minimum": 1, "maximum": .integer(DocumentInputs.largestDocumentLimit), "default": .integer(Limits.defaultDocumentBytes),
                                          "description": "Largest document in bytes (after decompression); a larger one becomes an error record without being read whole (--max-document-bytes)."],
                        "documentSeconds": ["type": "number", "exclusiveMinimum": 0, "default": .number(Limits.defaultDocumentSeconds),
                                            "description": "Longest time one document may take; a slower one becomes an error record (--timeout)."],
                        "workerMemoryMB": ["type": "integer", "minimum": 16, "default": .integer(Limits.defaultWorkerMemoryBytes / 1_048_576),
                                           "description": "Largest resident memory of one worker process; the document that grows it further becomes an error record (--max-memory)."],
                    ],
                ],
                "stages": ["type": "array", "minItems": 1, "items": ["oneOf": .array(stageVariants)]],
            ],
        ]
        return .object(root)
    }
}
