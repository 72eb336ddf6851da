/// A map from 64-bit hashes to values, for hot loops whose keys are already hashes (words and
/// tokens by `FNV1a`, features): open addressing with linear probing over a power-of-two table
/// kept at most half full, the key spread by one multiplication — where `Dictionary` runs
/// SipHash over a key that needs no more hashing. Insertions only; zero is a key like any other.
struct HashMap64<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    /// The value of key 0, which marks an empty slot in `keys`.
    private var zero: Value?
    private(set) var count = 0

    init(minimumCapacity: Int = 8) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The slot of `key`, or of the empty slot where it would go.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        var at = home(key)
        while keys[at] != key && keys[at] != 0 { at = (at + 1) & mask }
        return at
    }

    subscript(key: UInt64) -> Value? {
        get {
            if key == 0 { return zero }
            let at = slot(key)
            return keys[at] == key ? values[at] : nil
        }
        set {
            guard let newValue else { preconditionFailure("HashMap64 removes nothing") }
            if key == 0 {
                if zero == nil { count += 1 }
                zero = newValue
                return
            }
            var at = slot(key)
            if keys[at] == 0 {
                if (count + 1) * 2 > keys.count {
                    grow()
                    at = slot(key)
                }
                keys[at] = key
                count += 1
            }
            values[at] = newValue
        }
    }

    /// Applies `change` to the value of `key`, which starts as `initial` when absent.
    @inline(__always)
    mutating func update(_ key: UInt64, initial: Value, _ change: (inout Value) -> Void) {
        var value = self[key] ?? initial
        change(&value)
        self[key] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (i, key) in oldKeys.enumerated() where key != 0 {
            let at = slot(key)
            keys[at] = key
            values[at] = oldValues[i]
        }
    }
}

extension HashMap64: Sendable where Value: Sendable {}

/// A set of 64-bit hashes (`HashMap64` without values).
struct HashSet64: Sendable {
    private var map: HashMap64<Bool>

    init(minimumCapacity: Int = 8) { map = HashMap64(minimumCapacity: minimumCapacity) }

    var count: Int { map.count }
    func contains(_ key: UInt64) -> Bool { map[key] != nil }
    mutating func insert(_ key: UInt64) { map[key] = true }
}
