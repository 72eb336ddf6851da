/// A growable run of plain values for the loops that append by the million (code points,
/// word segments, token spans): `Array.append` checks uniqueness and capacity at each call,
/// and in those loops the checks cost as much as the work. Here an append is a store and an
/// increment; room is checked once per element, or once per run with `reserve`.
///
/// Not copyable: the buffer owns its memory and frees it when it goes.
struct AppendBuffer<Item: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Item>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ element: Item) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: [Item]) {
        reserve(elements.count)
        elements.withUnsafeBufferPointer { b in
            if let from = b.baseAddress { (base + count).initialize(from: from, count: b.count) }
        }
        count += elements.count
    }

    /// Makes room for `k` more elements, to be written at `end`.
    @inline(__always)
    mutating func reserve(_ k: Int) {
        if count + k > capacity { grow(to: count + k) }
    }

    /// Where the next element goes; `didWrite(_:)` counts what was written there.
    var end: UnsafeMutablePointer<Item> { base + count }

    @inline(__always)
    mutating func didWrite(_ k: Int) {
        assert(count + k <= capacity)
        count += k
    }

    /// Drops the last `k` elements.
    @inline(__always)
    mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count)
        count -= k
    }

    subscript(i: Int) -> Item {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    var last: Item? { count > 0 ? base[count - 1] : nil }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Item>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The elements as an array of their own.
    func array() -> [Item] {
        [Item](unsafeUninitializedCapacity: count) { b, made in
            if count > 0 { b.baseAddress!.initialize(from: base, count: count) }
            made = count
        }
    }

    private mutating func grow(to needed: Int) {
        let bigger = Swift.max(needed, capacity * 2)
        let storage = UnsafeMutablePointer<Item>.allocate(capacity: bigger)
        storage.initialize(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = bigger
    }
}
