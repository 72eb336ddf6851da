/// Code points written one at a time into storage the writer owns: no uniqueness or
/// capacity call per code point, as `Array.append` makes in a loop over a whole text. The
/// normalizer's pass writes every code point of its output here, so that the stages after it
/// need not decode the text again.
///
/// A plain value over manually managed memory: the one who makes it calls `free()` once, and
/// copies of it must not outlive that.
struct ScalarWriter {
    private var base: UnsafeMutablePointer<Unicode.Scalar>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ s: Unicode.Scalar) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: s)
        count += 1
    }

    mutating func append(contentsOf scalars: [Unicode.Scalar]) {
        if count + scalars.count > capacity { grow(to: count + scalars.count) }
        scalars.withUnsafeBufferPointer { b in
            if let from = b.baseAddress { (base + count).initialize(from: from, count: b.count) }
        }
        count += scalars.count
    }

    /// Takes back the last `k` code points written (a piece the pass then rewrites).
    @inline(__always)
    mutating func removeLast(_ k: Int) { count -= k }

    /// What was written, as an array of its own.
    func array() -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: count) { b, made in
            if count > 0 { b.baseAddress!.initialize(from: base, count: count) }
            made = count
        }
    }

    func free() { base.deallocate() }

    private mutating func grow(to needed: Int) {
        let bigger = Swift.max(needed, capacity * 2)
        let storage = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: bigger)
        storage.initialize(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = bigger
    }
}
