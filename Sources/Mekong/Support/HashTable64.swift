/// A map from 64-bit hashes to small values with open addressing: the keys are hashes
/// already (syllables and words by `FNV1a`, features), so they index the table directly — no
/// second hashing per lookup, as `Dictionary` would do with SipHash. A missing key reads as 0;
/// inserting a key again ors the values (flags gather, a set stores 1). The table doubles
/// when half full.
struct HashTable64<Small: FixedWidthInteger & Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Small]
    private var mask: Int
    private var zeroValue: Small = 0
    private var hasZero = false
    /// Keys held, zero included.
    private(set) var count = 0

    /// Room for `capacity` keys at a load of at most one half before the table grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Small](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) & mask }

    mutating func insert(_ key: UInt64, _ value: Small) {
        if key == 0 {
            if !hasZero { hasZero = true; count += 1 }
            zeroValue |= value
            return
        }
        var at = home(key)
        while keys[at] != 0 && keys[at] != key { at = (at + 1) & mask }
        if keys[at] == 0 {
            if (count + 1) * 2 > keys.count {
                grow()
                insert(key, value)
                return
            }
            keys[at] = key
            count += 1
        }
        values[at] |= value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Small](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (i, key) in oldKeys.enumerated() where key != 0 {
            var at = home(key)
            while keys[at] != 0 { at = (at + 1) & mask }
            keys[at] = key
            values[at] = oldValues[i]
        }
    }

    /// Calls `body` with each key and its value (the zero key included when set).
    func forEach(_ body: (UInt64, Small) -> Void) {
        if hasZero { body(0, zeroValue) }
        for (k, v) in zip(keys, values) where k != 0 { body(k, v) }
    }

    @inline(__always)
    subscript(key: UInt64) -> Small {
        if key == 0 { return zeroValue }
        return keys.withUnsafeBufferPointer { keys in
            var at = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while true {
                let k = keys[at]
                if k == key { return values[at] }
                if k == 0 { return 0 }
                at = (at + 1) & mask
            }
        }
    }
}
