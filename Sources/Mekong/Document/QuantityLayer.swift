/// The fields of an annotation of the `quantities` layer: each named once, with its type and
/// meaning in the record schema, in the order records write them.
public enum QuantityField: String, CaseIterable, Sendable {
    case text, kind, value, min, max, normal, of, unit, approximate, qualifier, renderings

    /// The kinds a quantity (and the `of` of a range) can be.
    public static let kinds: [String] = ["number", "ordinal", "money", "percent", "measure", "date", "time", "duration", "range"]

    /// The field's JSON Schema (`RecordSchema` reads it).
    var schema: JSONValue {
        let kinds = JSONValue.array(Self.kinds.map(JSONValue.string))
        return switch self {
        case .text: RecordSchema.string("The span's text.")
        case .kind: .object(["type": "string", "enum": kinds])
        case .value: RecordSchema.number("The amount (durations in seconds).")
        case .min: RecordSchema.number("A range's low end.")
        case .max: RecordSchema.number("A range's high end.")
        case .normal: RecordSchema.string("ISO 8601 normal form of a date, time or duration (`2026-02-09`, `PT3H`).")
        case .of: .object(["type": "string", "enum": kinds, "description": "What a range is a range of."])
        case .unit: RecordSchema.string("ISO 4217 code for money, the unit's symbol for measures.")
        case .approximate: RecordSchema.string("The hedge that makes the amount approximate (`khoảng`, `about`).")
        case .qualifier: RecordSchema.string("A bound (`at least`, `hơn`).")
        case .renderings: .object(["type": "object", "additionalProperties": ["type": "string"],
                                   "description": "The amount written for each target locale."])
        }
    }
}

/// An annotation of the `quantities` layer read and written through its typed fields (see
/// `EntityAnnotation`: the layer stays annotations; Mekong goes through this view).
public struct QuantityAnnotation: Sendable, Hashable {
    public var annotation: Annotation

    public init(_ annotation: Annotation) { self.annotation = annotation }

    /// A quantity as the `quantities` stage writes it. Amounts are JSON numbers (an integral
    /// one as an integer); a field left nil is absent from the record.
    public init(start: Int, end: Int, text: String, kind: String, value: Double?, min: Double?, max: Double?,
                normal: String?, of: String?, unit: String?, approximate: String?, qualifier: String?,
                renderings: [(language: String, text: String)]) {
        var a = JSONObject()
        func put(_ field: QuantityField, _ v: JSONValue?) { if let v { a[field.rawValue] = v } }
        put(.text, .string(text))
        put(.kind, .string(kind))
        put(.value, value.map(Self.number))
        put(.min, min.map(Self.number))
        put(.max, max.map(Self.number))
        put(.normal, normal.map(JSONValue.string))
        put(.of, of.map(JSONValue.string))
        put(.unit, unit.map(JSONValue.string))
        put(.approximate, approximate.map(JSONValue.string))
        put(.qualifier, qualifier.map(JSONValue.string))
        if !renderings.isEmpty {
            var o = JSONObject()
            for r in renderings { o[r.language] = .string(r.text) }
            put(.renderings, .object(o))
        }
        annotation = Annotation(start: start, end: end, label: kind, attributes: a)
    }

    /// An amount as a JSON number: an integer when it is one (and fits), else a double.
    public static func number(_ v: Double) -> JSONValue {
        if v == v.rounded(), abs(v) < 9e15 { return .integer(Int(v)) }
        return .number(v)
    }

    public var start: Int { annotation.start }
    public var end: Int { annotation.end }
    public var range: Range<Int> { annotation.range }

    /// The kind: the label, `number` when there is none.
    public var kind: String { annotation.label ?? "number" }
    public var text: String? { self[.text]?.stringValue }
    public var value: Double? { self[.value]?.doubleValue }
    public var min: Double? { self[.min]?.doubleValue }
    public var max: Double? { self[.max]?.doubleValue }
    public var normal: String? { self[.normal]?.stringValue }
    public var unit: String? { self[.unit]?.stringValue }
    public var approximate: String? { self[.approximate]?.stringValue }
    /// The amount written for a target locale.
    public func rendering(in language: String) -> String? { self[.renderings]?[language]?.stringValue }

    public subscript(field: QuantityField) -> JSONValue? { annotation[field.rawValue] }
}

extension Layers {
    /// The `quantities` layer, typed (empty when absent).
    public var quantities: [QuantityAnnotation] {
        get { self[.quantities].map(QuantityAnnotation.init) }
        set { set(.quantities, newValue.map(\.annotation)) }
    }
}
