/// The tags of the entity model: `O` and `B-`/`I-` for each type (BIO). A type's `B` is
/// `1 + 2k` and its `I` is `2 + 2k`, so tag arithmetic needs no table.
public struct EntityTags: Sendable, Equatable {
    /// The entity types, in tag order (`PER`, `ORG`, `LOC`, `MISC` for the shipped model).
    public let types: [String]

    public init(types: [String]) { self.types = types }

    public static let standard = EntityTags(types: ["PER", "ORG", "LOC", "MISC"])

    public var count: Int { 1 + 2 * types.count }
    public static let outside = 0

    @inline(__always) public func begin(_ type: Int) -> Int { 1 + 2 * type }
    @inline(__always) public func inside(_ type: Int) -> Int { 2 + 2 * type }
    /// The type of a `B` or `I` tag (nil for `O`).
    @inline(__always) public func type(of tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 2 }
    @inline(__always) public func isInside(_ tag: Int) -> Bool { tag != 0 && tag % 2 == 0 }

    /// Whether `tag` may follow `previous` (`-1`: the sentence's start): an `I` continues its
    /// own type only.
    @inline(__always) public func allows(_ previous: Int, _ tag: Int) -> Bool {
        guard isInside(tag) else { return true }
        return previous >= 0 && previous != 0 && type(of: previous) == type(of: tag)
    }

    public func name(_ tag: Int) -> String {
        guard let t = type(of: tag) else { return "O" }
        return (isInside(tag) ? "I-" : "B-") + types[t]
    }

    /// Tags for `count` units from spans of units `[start, end)` with a type index each.
    public func encode(count: Int, spans: [(start: Int, end: Int, type: Int)]) -> [Int] {
        var tags = [Int](repeating: 0, count: count)
        for s in spans where s.start < s.end && s.end <= count {
            tags[s.start] = begin(s.type)
            for k in (s.start + 1)..<s.end { tags[k] = inside(s.type) }
        }
        return tags
    }

    /// The spans of units a tag sequence marks (an `I` without its `B` opens a span).
    public func decode(_ tags: [Int]) -> [(start: Int, end: Int, type: Int)] {
        var out: [(start: Int, end: Int, type: Int)] = []
        var open: (start: Int, type: Int)?
        for (i, tag) in tags.enumerated() {
            let t = type(of: tag)
            if let o = open, !(isInside(tag) && t == o.type) {
                out.append((o.start, i, o.type))
                open = nil
            }
            if let t, open == nil { open = (i, t) }
        }
        if let o = open { out.append((o.start, tags.count, o.type)) }
        return out
    }
}
