import CMekongSystem

/// The entity model's weights keyed by feature hash, laid out for the tagger's inner loop.
///
/// A slot holds the hash and its weights (one 16-bit weight a tag) side by side, so looking a
/// feature up touches one cache line; a table of hashes, a table of row numbers and a table of
/// weights cost three misses a feature, and the tagger reads some thirty features a syllable.
/// Open addressing with linear probing at a load of at most one half.
struct FeatureWeightTable: Sendable {
    let tagCount: Int
    /// Words (`UInt64`) a slot takes: the hash, then the weights packed four to a word.
    private let stride: Int
    private let mask: Int
    private var slots: [UInt64]
    /// The weights of hash 0, which marks an empty slot in `slots`.
    private var zeroKey: [Int16]?

    init(tagCount: Int, capacity: Int) {
        self.tagCount = tagCount
        stride = 1 + (tagCount + 3) / 4
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = [UInt64](repeating: 0, count: size * stride)
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) & mask }

    /// Stores `weights` (one a tag) for `key`, replacing any before.
    mutating func insert(_ key: UInt64, _ weights: some Collection<Int16>) {
        precondition(weights.count == tagCount)
        if key == 0 { zeroKey = Array(weights); return }
        var at = home(key)
        while slots[at * stride] != 0 && slots[at * stride] != key { at = (at + 1) & mask }
        let base = at * stride
        slots[base] = key
        for w in 1..<stride { slots[base + w] = 0 }
        for (k, w) in weights.enumerated() {
            slots[base + 1 + k / 4] |= UInt64(UInt16(bitPattern: w)) << (16 * UInt64(k % 4))
        }
    }

    /// The weights of `key`, or nil when the model has no such feature.
    func weights(_ key: UInt64) -> [Int16]? {
        if key == 0 { return zeroKey }
        var found: [Int16]?
        slots.withUnsafeBufferPointer { s in
            guard let base = Self.find(key, in: s, home: home(key), mask: mask, stride: stride) else { return }
            found = (0..<tagCount).map { k in Int16(bitPattern: UInt16(truncatingIfNeeded: s[base + 1 + k / 4] >> (16 * UInt64(k % 4)))) }
        }
        return found
    }

    /// Adds the weights of each feature in `keys` to `row` (one total a tag).
    func accumulate(_ keys: UnsafeBufferPointer<UInt64>, into row: UnsafeMutableBufferPointer<Int32>) {
        let t = tagCount
        slots.withUnsafeBufferPointer { s in
            for key in keys { mk_prefetch(s.baseAddress! + home(key) * stride) }
            // A slot's weights are little-endian 16-bit numbers right after its hash, and the
            // lanes past the last tag are zero: five to twelve tags (the shipped model has nine;
            // fewer make a slot too short for the first load) add as two vectors, eight lanes and
            // four, widened to 32 bits.
            if (5...12).contains(t) {
                let raw = UnsafeRawPointer(s.baseAddress!)
                var low = SIMD8<Int32>(repeating: 0), high = SIMD4<Int32>(repeating: 0)
                for key in keys {
                    if key == 0 {
                        if let z = zeroKey { for k in 0..<t { row[k] &+= Int32(z[k]) } }
                        continue
                    }
                    guard let base = Self.find(key, in: s, home: home(key), mask: mask, stride: stride) else { continue }
                    let at = (base + 1) * 8
                    low &+= SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at, as: SIMD8<Int16>.self))
                    if t > 8 { high &+= SIMD4<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at + 16, as: SIMD4<Int16>.self)) }
                }
                for k in 0..<min(t, 8) { row[k] &+= low[k] }
                for k in 8..<max(t, 8) { row[k] &+= high[k - 8] }
                return
            }
            for key in keys {
                if key == 0 {
                    if let z = zeroKey { for k in 0..<t { row[k] &+= Int32(z[k]) } }
                    continue
                }
                guard let base = Self.find(key, in: s, home: home(key), mask: mask, stride: stride) else { continue }
                var k = 0
                var w = 1
                while k < t {
                    var packed = s[base + w]
                    let end = min(k + 4, t)
                    while k < end {
                        row[k] &+= Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: packed)))
                        packed >>= 16
                        k += 1
                    }
                    w += 1
                }
            }
        }
    }

    @inline(__always)
    private static func find(_ key: UInt64, in s: UnsafeBufferPointer<UInt64>, home: Int, mask: Int, stride: Int) -> Int? {
        var at = home
        while true {
            let k = s[at * stride]
            if k == key { return at * stride }
            if k == 0 { return nil }
            at = (at + 1) & mask
        }
    }
}
