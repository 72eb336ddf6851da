#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A string as a dictionary key by its UTF-8 bytes. `String` hashes and compares by canonical
/// equivalence, which runs every non-ASCII key through NFC on each lookup; keys that stand for
/// bytes someone else compares as bytes (SQLite's) lose nothing by skipping that.
struct UTF8Key: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        var x = a.string, y = b.string
        return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) } }
    }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
