/// One annotation over a document's text: a span in Unicode code points (end exclusive),
/// an optional label (a token kind, an entity type, …) and any further attributes.
///
/// Every layer holds annotations of this one shape, in the manner of UIMA feature
/// structures, so that built-in stages, Swift plugins and external programs in any
/// language exchange layers without a schema per layer.
public struct Annotation: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var label: String?
    public var attributes: JSONObject

    public init(start: Int, end: Int, label: String? = nil, attributes: JSONObject = JSONObject()) {
        self.start = start
        self.end = end
        self.label = label
        self.attributes = attributes
    }

    public var length: Int { end - start }
    public var range: Range<Int> { start..<end }

    public subscript(attribute: String) -> JSONValue? {
        get { attributes[attribute] }
        set { attributes[attribute] = newValue }
    }
}

/// The name of an annotation layer. Built-in layers have constants; a plugin adds its own
/// under any other name.
public struct LayerName: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: LayerName, b: LayerName) -> Bool { a.rawValue < b.rawValue }

    /// Not a span layer: the document's text itself. Readers of plain text provide it;
    /// ingestion stages (`html`) add it from markup.
    public static let text: LayerName = "text"
    public static let paragraphs: LayerName = "paragraphs"
    public static let sentences: LayerName = "sentences"
    public static let tokens: LayerName = "tokens"
    public static let words: LayerName = "words"
    public static let quantities: LayerName = "quantities"
    public static let entities: LayerName = "entities"

    /// Built-in layers in the order records list them.
    public static let builtIn: [LayerName] = [.paragraphs, .sentences, .tokens, .words, .quantities, .entities]
}

/// The annotation layers of one document, kept in the order they were added.
///
/// A layer of plain spans (no attributes: tokens, words, sentences, paragraphs) is kept as
/// columns (`SpanLayer`); any other layer — entities, quantities, a plugin's — as
/// annotations. Both read as annotations through the subscript; stages that read spans by
/// the million ask for `spans(_:)`, which costs nothing for a column layer.
public struct Layers: Sendable, Hashable, Sequence {
    /// How one layer is kept.
    enum Content: Sendable, Hashable {
        case spans(SpanLayer)
        case annotations([Annotation])

        var count: Int {
            switch self {
            case .spans(let s): s.count
            case .annotations(let a): a.count
            }
        }
        var annotations: [Annotation] {
            switch self {
            case .spans(let s): s.annotations
            case .annotations(let a): a
            }
        }
    }

    /// The layers in the order they were added (a document has a handful, searched one by one;
    /// a record may bring any number, which an index finds).
    private var entries = KeyedList<Entry>()

    /// One layer, under its name.
    struct Entry: Sendable, Hashable, Keyed {
        let name: LayerName
        var content: Content
        var key: LayerName { name }
    }

    public init() {}

    /// The names of the layers, in the order they were added.
    public var names: [LayerName] { entries.elements.map(\.name) }

    public var isEmpty: Bool { entries.isEmpty }
    public func contains(_ name: LayerName) -> Bool { entries.index(of: name) != nil }

    private func storage(_ name: LayerName) -> Content? { entries.index(of: name).map { entries.elements[$0].content } }

    /// The annotations of a layer, or an empty array when the layer is absent.
    public subscript(name: LayerName) -> [Annotation] {
        get { storage(name)?.annotations ?? [] }
        set { set(name, newValue) }
    }

    /// The annotations of a layer, or nil when no stage added it.
    public func layer(_ name: LayerName) -> [Annotation]? { storage(name)?.annotations }

    /// The spans of a layer (start, end, label; attributes left out), empty when the layer
    /// is absent. Free for a layer kept as columns.
    public func spans(_ name: LayerName) -> SpanLayer { spanLayer(name) ?? SpanLayer() }

    /// The spans of a layer, or nil when no stage added it.
    public func spanLayer(_ name: LayerName) -> SpanLayer? {
        switch storage(name) {
        case nil: return nil
        case .spans(let s)?: return s
        case .annotations(let a)?:
            var s = SpanLayer()
            s.reserveCapacity(a.count)
            for x in a where x.start >= 0 && x.end <= SpanLayer.largestOffset { s.append(start: x.start, end: x.end, label: x.label) }
            return s
        }
    }

    /// The number of annotations in a layer (0 when absent).
    public func count(of name: LayerName) -> Int { storage(name)?.count ?? 0 }

    /// How a layer is kept, for the record writer.
    func content(_ name: LayerName) -> Content? { storage(name) }

    /// The layers with how each is kept, in the order they were added.
    var contents: [Entry] { entries.elements }

    private mutating func store(_ name: LayerName, _ content: Content) {
        if let i = entries.index(of: name) {
            entries.replace(at: i, with: Entry(name: name, content: content))
        } else {
            entries.append(Entry(name: name, content: content))
        }
    }

    /// Adds or replaces a layer. Annotations are kept sorted by start, then end; a layer
    /// whose annotations carry no attributes is kept as columns.
    public mutating func set(_ name: LayerName, _ annotations: [Annotation]) {
        if let spans = SpanLayer(annotations) { set(name, spans); return }
        var sorted = annotations
        if !isSorted(sorted) {
            sorted.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        }
        store(name, .annotations(sorted))
    }

    /// Adds or replaces a layer of plain spans, sorted by start, then end.
    public mutating func set(_ name: LayerName, _ spans: SpanLayer) {
        store(name, .spans(spans.isSorted ? spans : spans.sorted()))
    }

    public mutating func remove(_ name: LayerName) {
        if let i = entries.index(of: name) { entries.remove(at: i) }
    }

    /// Moves every span through `move` (a text rewrite's offset map).
    mutating func moveSpans(_ move: (Range<Int>) -> Range<Int>) {
        for entry in entries.elements {
            let name = entry.name
            switch entry.content {
            case .spans(let s):
                set(name, s.mapped(move))
            case .annotations(let a):
                set(name, a.map { x in
                    var moved = x
                    let r = move(x.range)
                    moved.start = r.lowerBound
                    moved.end = r.upperBound
                    return moved
                })
            }
        }
    }

    private func isSorted(_ a: [Annotation]) -> Bool {
        var i = 1
        while i < a.count {
            if (a[i - 1].start, a[i - 1].end) > (a[i].start, a[i].end) { return false }
            i += 1
        }
        return true
    }

    /// The layers as annotations, in the order they were added.
    public func makeIterator() -> AnyIterator<(name: LayerName, annotations: [Annotation])> {
        var i = 0
        let entries = self.entries.elements
        return AnyIterator {
            guard i < entries.count else { return nil }
            defer { i += 1 }
            return (entries[i].name, entries[i].content.annotations)
        }
    }
}
