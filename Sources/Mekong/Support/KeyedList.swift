/// An element that a `KeyedList` finds by its key.
protocol Keyed {
    associatedtype Key: Hashable
    var key: Key { get }
}

/// Elements kept in the order they were added, each found by its key, no key twice: a JSON
/// object's members, a document's layers. A few are searched one by one (comparing small keys
/// costs less than hashing them); past `indexedFrom` a dictionary says where each key is, so
/// that n elements never cost n² to add or find — a record brings as many as it likes.
struct KeyedList<Item: Keyed & Hashable & Sendable>: Sendable, Hashable where Item.Key: Sendable {
    private(set) var elements: [Item] = []
    private var positions: [Item.Key: Int]?
    static var indexedFrom: Int { 16 }

    init() {}

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }

    func index(of key: Item.Key) -> Int? {
        if let positions { return positions[key] }
        var i = 0
        while i < elements.count {
            if elements[i].key == key { return i }
            i += 1
        }
        return nil
    }

    /// Adds `element`, whose key must not be in the list yet.
    mutating func append(_ element: Item) {
        elements.append(element)
        if positions != nil { positions![element.key] = elements.count - 1 } else if elements.count > Self.indexedFrom { reindex() }
    }

    /// Puts `element` in the place of the one at `i`, which has the same key.
    mutating func replace(at i: Int, with element: Item) {
        precondition(elements[i].key == element.key, "a keyed list's element changes its value, not its key")
        elements[i] = element
    }

    mutating func remove(at i: Int) {
        elements.remove(at: i)
        if positions != nil { reindex() }
    }

    private mutating func reindex() {
        guard elements.count > Self.indexedFrom else { positions = nil; return }
        var p = [Item.Key: Int](minimumCapacity: elements.count)
        for (i, e) in elements.enumerated() { p[e.key] = i }
        positions = p
    }

    // The positions follow from the elements.
    static func == (a: KeyedList, b: KeyedList) -> Bool { a.elements == b.elements }
    func hash(into hasher: inout Hasher) { hasher.combine(elements) }
}
