/// A set of keys that answers `contains` for the hot loops. Swift hashes and compares a
/// non-ASCII `String` through its normal form on every call, and most Vietnamese keys a
/// recognizer asks about are not members: here a 64-bit FNV-1a hash of the key's UTF-8 bytes is
/// looked up in an open-addressing table, and a hit is confirmed by comparing the bytes.
///
/// Keys are NFC, as the `normalize` stage and `AliasKey` leave them: a key canonically equal to
/// a member but in another form is not found.
struct KeySet: Sendable, ExpressibleByArrayLiteral {
    /// The members, each once.
    let members: [String]
    /// Per slot: the member's hash (0 = empty) and its index in `members`.
    private let hashes: [UInt64]
    private let indices: [Int32]
    private let mask: Int

    init<S: Sequence<String>>(_ strings: S) {
        var size = 16
        let all = Array(strings)
        while size < all.count * 2 { size <<= 1 }
        mask = size - 1
        var hashes = [UInt64](repeating: 0, count: size)
        var indices = [Int32](repeating: -1, count: size)
        var members: [String] = []
        members.reserveCapacity(all.count)
        for s in all {
            let h = Self.hash(s)
            var at = Int(truncatingIfNeeded: h) & mask
            var present = false
            while hashes[at] != 0 {
                if hashes[at] == h && UTF8Key.sameBytes(members[Int(indices[at])], s) { present = true; break }
                at = (at + 1) & mask
            }
            if present { continue }
            hashes[at] = h
            indices[at] = Int32(members.count)
            members.append(s)
        }
        self.hashes = hashes
        self.indices = indices
        self.members = members
    }

    init(arrayLiteral elements: String...) { self.init(elements) }

    var isEmpty: Bool { members.isEmpty }
    var count: Int { members.count }

    func contains(_ key: String) -> Bool { contains(hash: Self.hash(key)) { key } }

    /// Whether the set holds the key whose `hash(_:)` is `h`; `key` is asked for only when a
    /// member has that hash (to compare their bytes).
    @inline(__always)
    func contains(hash h: UInt64, key: () -> String) -> Bool {
        var at = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = hashes[at]
            if v == 0 { return false }
            if v == h && UTF8Key.sameBytes(members[Int(indices[at])], key()) { return true }
            at = (at + 1) & mask
        }
    }

    /// FNV-1a of the UTF-8 bytes, never 0 (the empty slot).
    static func hash(_ key: String) -> UInt64 {
        let h = FNV1a.hash(utf8Of: key)
        return h == 0 ? 1 : h
    }
}
