#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every alias key of a knowledge base, and every word prefix of one, as hashes. The recognizer
/// tries each capitalized word of a text, and the words after it, as a name: most of those
/// lookups find nothing, and the index answers them without a query. A hit still goes to
/// SQLite, so a hash that collides costs a query, never a wrong answer.
///
/// Two forms: a table in memory read from the store on first use (up to `maximumKeys` keys), or,
/// for a store built with one (the default knowledge base), a file beside it (`PATH.keys`) that
/// is mapped into memory: opening it costs nothing however many keys it holds, and the
/// processes and connections that read it share its pages.
final class AliasKeyIndex: @unchecked Sendable {
    /// Open-addressing tables of 32-bit fingerprints (0 = empty), power-of-two sizes.
    private let keys: UnsafeBufferPointer<UInt32>
    private let prefixes: UnsafeBufferPointer<UInt32>
    private let mapping: (address: UnsafeMutableRawPointer, length: Int)?
    private let owned: UnsafeMutableBufferPointer<UInt32>?

    /// Keys beyond which the in-memory index is not built from the store.
    static let maximumKeys = 2_000_000

    static let magic: UInt64 = 0x3159_454B_4B4D_4B4D  // "MKMKKEY1"
    static let headerBytes = 32

    /// Reads the keys (bytes as SQLite compares them); nil when there are more than `maximumKeys`.
    convenience init?(keys all: some Sequence<String>) {
        var keyHashes: [UInt64] = []
        var prefixHashes: [UInt64] = []
        for key in all {
            if keyHashes.count >= Self.maximumKeys { return nil }
            Self.hashes(of: key, keys: &keyHashes, prefixes: &prefixHashes)
        }
        self.init(keyHashes: keyHashes, prefixHashes: prefixHashes)
    }

    private init(keyHashes: [UInt64], prefixHashes: [UInt64]) {
        let keyCapacity = Self.capacity(for: keyHashes.count), prefixCapacity = Self.capacity(for: prefixHashes.count)
        let storage = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: keyCapacity + prefixCapacity)
        storage.initialize(repeating: 0)
        let k = UnsafeMutableBufferPointer(rebasing: storage[0..<keyCapacity])
        let p = UnsafeMutableBufferPointer(rebasing: storage[keyCapacity...])
        for h in keyHashes { Self.insert(h, into: k) }
        for h in prefixHashes { Self.insert(h, into: p) }
        keys = UnsafeBufferPointer(k)
        prefixes = UnsafeBufferPointer(p)
        owned = storage
        mapping = nil
    }

    /// Maps the index file at `path`; nil when it is missing, damaged or made for another build
    /// (`token` is the store's, from its `meta` table).
    init?(mapping path: String, token: UInt64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= Self.headerBytes else { return nil }
        let length = Int(info.st_size)
        guard let address = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else { return nil }
        let header = address.assumingMemoryBound(to: UInt64.self)
        let keyCapacity = Int(truncatingIfNeeded: header[2]), prefixCapacity = Int(truncatingIfNeeded: header[3])
        guard header[0] == Self.magic, header[1] == token, keyCapacity > 0, prefixCapacity > 0,
              keyCapacity.nonzeroBitCount == 1, prefixCapacity.nonzeroBitCount == 1,
              Self.headerBytes + 4 * (keyCapacity + prefixCapacity) == length else {
            munmap(address, length)
            return nil
        }
        let tables = (address + Self.headerBytes).assumingMemoryBound(to: UInt32.self)
        keys = UnsafeBufferPointer(start: tables, count: keyCapacity)
        prefixes = UnsafeBufferPointer(start: tables + keyCapacity, count: prefixCapacity)
        mapping = (address, length)
        owned = nil
    }

    deinit {
        if let m = mapping { munmap(m.address, m.length) }
        owned?.deallocate()
    }

    /// Writes the index of `keys` to `path` for the store whose token is `token`.
    static func write(keys all: some Sequence<String>, token: UInt64, to path: String) throws(FileIOError) {
        var keyHashes: [UInt64] = []
        var prefixHashes: [UInt64] = []
        for key in all { hashes(of: key, keys: &keyHashes, prefixes: &prefixHashes) }
        let index = AliasKeyIndex(keyHashes: keyHashes, prefixHashes: prefixHashes)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerBytes + 4 * (index.keys.count + index.prefixes.count))
        for v in [magic, token, UInt64(index.keys.count), UInt64(index.prefixes.count)] {
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
        }
        for table in [index.keys, index.prefixes] {
            for v in table { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        try FileIO.writeAll(path: path, bytes)
    }

    /// Whether the index is a mapped file rather than a table built in memory.
    var isMapped: Bool { mapping != nil }

    /// False when no alias has exactly this key.
    func mayHave(key: String) -> Bool { Self.contains(Self.hash(key), keys) }

    /// False when no alias key starts with `prefix` and a space.
    func mayHave(prefix: String) -> Bool { Self.contains(Self.hash(prefix), prefixes) }

    // MARK: Hashing and tables

    private static func hashes(of key: String, keys: inout [UInt64], prefixes: inout [UInt64]) {
        var key = key
        key.withUTF8 { bytes in
            var h = FNV1a.seed
            for b in bytes {
                // "a b c" is a key: "a" and "a b" are word prefixes of it.
                if b == 0x20 { prefixes.append(h) }
                h = FNV1a.mix(h, b)
            }
            keys.append(h)
        }
    }

    private static func hash(_ s: String) -> UInt64 { FNV1a.hash(utf8Of: s) }

    /// A load of at most three quarters: a miss probes a few neighbouring slots, most of them in
    /// the cache line of the first (sixteen to a line), and the file stays small.
    private static func capacity(for count: Int) -> Int {
        var c = 16
        while c * 3 < count * 4 { c <<= 1 }
        return c
    }

    /// The fingerprint (never 0) and the first slot of a hash.
    private static func slot(_ h: UInt64, _ capacity: Int) -> (UInt32, Int) {
        let f = UInt32(truncatingIfNeeded: h >> 32) | 1
        return (f, Int(truncatingIfNeeded: h) & (capacity - 1))
    }

    private static func insert(_ h: UInt64, into table: UnsafeMutableBufferPointer<UInt32>) {
        let (f, first) = slot(h, table.count)
        var i = first
        while table[i] != 0 {
            if table[i] == f { return }
            i = (i + 1) & (table.count - 1)
        }
        table[i] = f
    }

    private static func contains(_ h: UInt64, _ table: UnsafeBufferPointer<UInt32>) -> Bool {
        let (f, first) = slot(h, table.count)
        var i = first
        while true {
            let v = table[i]
            if v == f { return true }
            if v == 0 { return false }
            i = (i + 1) & (table.count - 1)
        }
    }
}
