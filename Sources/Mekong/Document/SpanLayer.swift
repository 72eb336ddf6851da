/// A layer of plain spans — start, end, an optional label and at most one integer attribute
/// (a word's `syllables`) — kept as columns: the tokens, words, sentences and paragraphs
/// Mekong writes by the million.
///
/// Starts and ends are `Int32` arrays and labels are interned (a token layer has four
/// distinct labels and a million spans), so a span costs 10 bytes instead of an
/// `Annotation`'s dozens, building a layer allocates nothing per span, and the record's
/// JSON is written straight from the columns (`Document.write(into:)`). A span reads as a
/// `Span` value with the same `start`, `end`, `label` and `range` an `Annotation` has.
public struct SpanLayer: Sendable, RandomAccessCollection, Hashable {
    /// One span of the layer.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var label: String?
        /// The value of the layer's integer attribute, when the span has one.
        public var value: Int?
        public var range: Range<Int> { start..<end }
        public var length: Int { end - start }
        /// The span as an open-layer annotation.
        public func annotation(attribute: String?) -> Annotation {
            var a = Annotation(start: start, end: end, label: label)
            if let attribute, let value { a.attributes[attribute] = .integer(value) }
            return a
        }
    }

    /// Span starts in code points, in order of start, then end.
    public private(set) var starts: [Int32] = []
    /// Span ends, exclusive.
    public private(set) var ends: [Int32] = []
    /// For each span, 0 for no label or k for `labels[k - 1]`.
    public private(set) var labelNumbers: [UInt32] = []
    /// The distinct labels in the order they first occur.
    public private(set) var labels: [String] = []
    /// Where each label is, once there are more than `searchedLabels` (fewer are searched).
    private var numberOfLabel: [String: UInt32] = [:]
    private static let searchedLabels = 8
    /// The name of the layer's integer attribute (`syllables` for words), if it has one.
    public let attribute: String?
    private let hasAttribute: Bool
    /// For each span, the attribute's value, or `absent` (empty when the layer has none).
    public private(set) var values: [Int32] = []
    /// The value that stands for a span without the attribute.
    public static let absent = Int32.min

    /// The largest offset a span layer holds. Mekong's readers cap a document at 500 MB, far
    /// below it; a text longer than this keeps its layers as annotations (`Layers.set`).
    public static let largestOffset = Int(Int32.max)

    /// An empty layer; `attribute` names its integer attribute, if it has one.
    public init(attribute: String? = nil) {
        self.attribute = attribute
        hasAttribute = attribute != nil
    }

    /// A layer of the spans of `annotations`, or nil when they do not fit one: attributes
    /// other than one integer attribute shared by the layer, or an offset past `largestOffset`.
    public init?(_ annotations: [Annotation]) {
        var name: String?
        for a in annotations where !a.attributes.isEmpty {
            guard a.attributes.count == 1, let m = a.attributes.members.first, name == nil || name == m.key,
                case .integer(let v) = m.value, v > Int(Self.absent), v <= Int(Int32.max)
            else { return nil }
            name = m.key
        }
        self.init(attribute: name)
        reserveCapacity(annotations.count)
        for a in annotations {
            guard a.start >= 0, a.end <= Self.largestOffset else { return nil }
            append(start: a.start, end: a.end, label: a.label, value: name.flatMap { a.attributes[$0]?.intValue })
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        starts.reserveCapacity(n)
        ends.reserveCapacity(n)
        labelNumbers.reserveCapacity(n)
        if hasAttribute { values.reserveCapacity(n) }
    }

    /// Adds a span. Spans may come in any order; `Layers.set` sorts a layer that is not in
    /// order of start, then end.
    public mutating func append(start: Int, end: Int, label: String?, value: Int? = nil) {
        append(start: start, end: end, labelNumber: number(of: label), value: value)
    }

    /// The number that stands for a label, interning it on first use.
    public mutating func number(of label: String?) -> UInt32 {
        guard let label else { return 0 }
        // A layer has a few labels: comparing small strings beats hashing them, and a layer
        // made per document makes no dictionary for them.
        if labels.count <= Self.searchedLabels {
            for (k, l) in labels.enumerated() where l == label { return UInt32(k + 1) }
        } else if let n = numberOfLabel[label] {
            return n
        }
        labels.append(label)
        let n = UInt32(labels.count)
        if labels.count > Self.searchedLabels {
            if numberOfLabel.isEmpty { for (k, l) in labels.enumerated() { numberOfLabel[l] = UInt32(k + 1) } } else { numberOfLabel[label] = n }
        }
        return n
    }

    /// Adds a span whose label number came from `number(of:)` on this layer, and the value
    /// of the layer's attribute (nil: none; a layer without an attribute takes none).
    public mutating func append(start: Int, end: Int, labelNumber: UInt32, value: Int? = nil) {
        precondition(0 <= start && start <= end && end <= Self.largestOffset && labelNumber <= labels.count, "span \(start)..<\(end) out of a span layer's range")
        starts.append(Int32(truncatingIfNeeded: start))
        ends.append(Int32(truncatingIfNeeded: end))
        labelNumbers.append(labelNumber)
        if hasAttribute {
            precondition(value.map { $0 > Int(Self.absent) && $0 <= Int(Int32.max) } ?? true, "attribute value out of a span layer's range")
            values.append(value.map { Int32(truncatingIfNeeded: $0) } ?? Self.absent)
        } else {
            precondition(value == nil, "a value for a span layer without an attribute")
        }
    }

    /// One span as a stage builds it in a loop of its own, before the layer takes it into its
    /// columns: one value to append instead of three.
    struct Packed: BitwiseCopyable {
        var start: Int32
        var end: Int32
        var label: UInt32
    }

    /// Adds the spans a stage built in a loop of its own (`AppendBuffer` appends without
    /// `Array`'s checks at each span), checked here once for the run. Label numbers come from
    /// `number(of:)` on this layer; a layer with an attribute takes no such run.
    mutating func append(_ spans: borrowing AppendBuffer<Packed>) {
        precondition(!hasAttribute, "a run of spans without values for a span layer with an attribute")
        let labelCount = UInt32(labels.count)
        spans.withUnsafeBufferPointer { b in
            for p in b {
                precondition(0 <= p.start && p.start <= p.end && p.label <= labelCount, "span \(p.start)..<\(p.end) out of a span layer's range")
            }
            func column<T>(_ field: (Packed) -> T) -> [T] {
                [T](unsafeUninitializedCapacity: b.count) { out, made in
                    for i in 0..<b.count { out[i] = field(b[i]) }
                    made = b.count
                }
            }
            starts += column(\.start)
            ends += column(\.end)
            labelNumbers += column(\.label)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count }

    public subscript(i: Int) -> Span {
        let n = labelNumbers[i]
        let v = hasAttribute ? values[i] : Self.absent
        return Span(start: Int(starts[i]), end: Int(ends[i]), label: n == 0 ? nil : labels[Int(n) - 1],
                    value: v == Self.absent ? nil : Int(v))
    }

    /// The spans as open-layer annotations.
    public var annotations: [Annotation] { map { $0.annotation(attribute: attribute) } }

    /// The same spans moved by `move` (a text rewrite's offset map).
    func mapped(_ move: (Range<Int>) -> Range<Int>) -> SpanLayer {
        var moved = self
        for i in 0..<starts.count {
            let r = move(Int(starts[i])..<Int(ends[i]))
            moved.starts[i] = Int32(r.lowerBound)
            moved.ends[i] = Int32(r.upperBound)
        }
        return moved
    }

    /// Whether the spans are in order of start, then end.
    var isSorted: Bool {
        var i = 1
        while i < starts.count {
            if starts[i - 1] > starts[i] || (starts[i - 1] == starts[i] && ends[i - 1] > ends[i]) { return false }
            i += 1
        }
        return true
    }

    /// The layer in order of start, then end (a stable sort).
    func sorted() -> SpanLayer {
        let order = indices.sorted { a, b in
            (starts[a], ends[a], a) < (starts[b], ends[b], b)
        }
        var s = SpanLayer(attribute: attribute)
        s.reserveCapacity(count)
        s.labels = labels
        s.numberOfLabel = numberOfLabel
        for i in order { s.append(start: Int(starts[i]), end: Int(ends[i]), labelNumber: labelNumbers[i], value: self[i].value) }
        return s
    }

    /// Equal spans with equal labels, however the labels were numbered.
    public static func == (a: SpanLayer, b: SpanLayer) -> Bool {
        guard a.starts == b.starts, a.ends == b.ends, a.attribute == b.attribute, a.values == b.values else { return false }
        if a.labels == b.labels { return a.labelNumbers == b.labelNumbers }
        for i in a.indices where a[i].label != b[i].label { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(starts)
        hasher.combine(ends)
    }
}
