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

    static func == (a: UTF8Key, b: UTF8Key) -> Bool { sameBytes(a.string, b.string) }

    /// Whether two strings have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
