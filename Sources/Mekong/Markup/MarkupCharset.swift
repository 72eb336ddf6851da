/// Reads a `<meta charset>` or `http-equiv` declaration anywhere in the first 64 KB:
/// real Vietnamese pages declare it late, after the title and scripts.
enum MarkupCharset {
    static func declared(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { all in declared(in: UnsafeBufferPointer(rebasing: all.prefix(65_536))) }
    }

    /// Read in place, without a lower-cased copy of the head: letters are compared with
    /// their ASCII case bit set.
    private static func declared(in h: UnsafeBufferPointer<UInt8>) -> String? {
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func isNameByte(_ b: UInt8) -> Bool {
            let l = lower(b)
            return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
        }
        /// Where `word` (lower-case ASCII) starts at or after `from`, in any case.
        func find(_ word: StaticString, from: Int) -> Int? {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            var i = from
            while i + w.count <= h.count {
                if lower(h[i]) == w[0] {
                    var k = 1
                    while k < w.count, lower(h[i + k]) == w[k] { k += 1 }
                    if k == w.count { return i }
                }
                i += 1
            }
            return nil
        }
        func name(from start: Int) -> String? {
            var i = start
            while i < h.count, isNameByte(h[i]) { i += 1 }
            return i > start ? String(decoding: h[start..<i].map(lower), as: UTF8.self) : nil
        }
        var from = 0
        while let at = find("charset", from: from) {
            var i = at + 7
            while i < h.count, h[i] == 0x20 || h[i] == 0x09 || h[i] == 0x0A || h[i] == 0x0D { i += 1 }
            if i < h.count, h[i] == 0x3D {
                i += 1
                while i < h.count, h[i] == 0x20 || h[i] == 0x22 || h[i] == 0x27 { i += 1 }
                if let name = name(from: i) {
                    // "utf-16" declared in a page we are reading as bytes is a lie.
                    return name.hasPrefix("utf-16") ? "utf-8" : name
                }
            }
            from = at + 7
        }
        if find("<?xml", from: 0) == 0, let at = find("encoding=", from: 0) {
            var i = at + 9
            while i < h.count, h[i] == 0x22 || h[i] == 0x27 { i += 1 }
            return name(from: i)
        }
        return nil
    }
}
