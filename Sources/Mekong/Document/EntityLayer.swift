/// The fields of an annotation of the `entities` layer: each named once, with its type and
/// meaning in the record schema, in the order records write them.
public enum EntityField: String, CaseIterable, Sendable {
    case text, type, confidence, title, source
    case id, names
    case isNIL = "nil"
    case cluster, score

    /// The field's JSON Schema (`RecordSchema` reads it).
    var schema: JSONValue {
        switch self {
        case .text: RecordSchema.string("The mention's text.")
        case .type: RecordSchema.string("The entity's type.")
        case .confidence: RecordSchema.number("The recognizer's confidence, 0–1.")
        case .title: RecordSchema.string("A title or role kept apart from the name (`Phó Tổng thống`).")
        case .source: RecordSchema.string("What found it: `model`, `kb`, `pattern`, `rules`, `gazetteer`.")
        case .id: .object(["type": ["string", "null"], "description": "The linked knowledge-base id (a Wikidata QID where known); null when it links to nothing."])
        case .names: .object(["type": "object", "additionalProperties": ["type": "string"], "description": "The linked entity's names by language."])
        case .isNIL: .object(["type": "boolean", "description": "True when the mention links to nothing."])
        case .cluster: RecordSchema.string("For an unlinked mention: the id it shares with other mentions of the same thing.")
        case .score: RecordSchema.number("The linker's score.")
        }
    }
}

/// An annotation of the `entities` layer read and written through its typed fields. The
/// layer stays a list of annotations — a plugin may add fields of its own, kept where they
/// are — but Mekong's stages, exports and commands go through this view, so the field names
/// and the default type live here only.
public struct EntityAnnotation: Sendable, Hashable {
    public var annotation: Annotation

    /// The type of a mention no stage typed.
    public static let untyped = "MISC"

    public init(_ annotation: Annotation) { self.annotation = annotation }

    /// A mention as the recognizer writes it, before linking.
    public init(start: Int, end: Int, text: String, type: String, confidence: Double, title: String?, source: String) {
        var a = JSONObject()
        a[EntityField.text.rawValue] = .string(text)
        a[EntityField.type.rawValue] = .string(type)
        a[EntityField.confidence.rawValue] = .number((confidence * 100).rounded() / 100)
        if let title { a[EntityField.title.rawValue] = .string(title) }
        a[EntityField.source.rawValue] = .string(source)
        annotation = Annotation(start: start, end: end, label: type, attributes: a)
    }

    public var start: Int { annotation.start }
    public var end: Int { annotation.end }
    public var range: Range<Int> { annotation.range }

    /// The entity's type: the label, `MISC` when there is none.
    public var type: String { annotation.label ?? Self.untyped }
    /// The mention's text as the recognizer read it, if it wrote it.
    public var text: String? { self[.text]?.stringValue }
    /// The knowledge-base id it links to, nil when unlinked (or not linked yet).
    public var id: String? { self[.id]?.stringValue }
    /// The linked entity's names by language tag, in the record's order.
    public var names: [(language: String, name: String)] {
        (self[.names]?.objectValue ?? JSONObject()).compactMap { m in m.value.stringValue.map { (m.key, $0) } }
    }
    /// The linked entity's name in one language.
    public func name(in language: String) -> String? { self[.names]?[language]?.stringValue }

    public subscript(field: EntityField) -> JSONValue? { annotation[field.rawValue] }

    /// Links the mention to a knowledge-base entity, retyping it when the entity's type says so.
    public mutating func link(id: String, type: String?, names: [String: String], score: Double) {
        if let type { retype(type) }
        annotation[EntityField.id.rawValue] = .string(id)
        var o = JSONObject()
        for (language, name) in names.sorted(by: { $0.key < $1.key }) { o[language] = .string(name) }
        annotation[EntityField.names.rawValue] = .object(o)
        annotation[EntityField.score.rawValue] = .number(score)
    }

    /// Gives the mention another type. A title goes with a person or an organization's office
    /// (`chuyên gia`, `Bộ trưởng`): a place or a thing has none (`các chuyên gia Hàn Quốc` are
    /// Korea's experts, and Korea holds no title).
    private mutating func retype(_ type: String) {
        annotation.label = type
        annotation[EntityField.type.rawValue] = .string(type)
        if type != "PER" && type != "ORG" { annotation[EntityField.title.rawValue] = nil }
    }

    /// Marks the mention as linking to nothing, with the cluster it shares with other
    /// mentions of the same unknown thing, and the type the document gives it when that differs
    /// (`Từ Dũ` after `Bệnh viện Từ Dũ` is the hospital).
    public mutating func linkToNothing(cluster: String?, score: Double, type: String? = nil) {
        if let type { retype(type) }
        annotation[EntityField.id.rawValue] = .null
        annotation[EntityField.isNIL.rawValue] = .bool(true)
        annotation[EntityField.cluster.rawValue] = .string(cluster ?? "NIL")
        annotation[EntityField.score.rawValue] = .number(score)
    }
}

extension Layers {
    /// The `entities` layer, typed (empty when absent).
    public var entities: [EntityAnnotation] {
        get { self[.entities].map(EntityAnnotation.init) }
        set { set(.entities, newValue.map(\.annotation)) }
    }
}
