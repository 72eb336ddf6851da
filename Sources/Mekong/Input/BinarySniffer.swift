#if canImport(Glibc)
import Glibc
#endif

/// Tells binary data from text before it is decoded: an image, an archive or a PDF sent as
/// `text/html` (or named `.txt`) would otherwise become pages of mojibake.
enum BinarySniffer {
    /// The bytes looked at: enough for any file format's header and a fair share of its body.
    static let sampleBytes = 65_536

    /// `UTF-16LE` or `UTF-16BE` for UTF-16 text without a byte-order mark, told by its NUL
    /// bytes: in text of a Latin script most code units have a NUL high byte, all on one
    /// side (a fifth of the pairs at least, and hardly any on the other), and the byte beside
    /// each such NUL is printable or a line end. Nil otherwise — binary data with NULs has
    /// them on both sides, or control bytes beside them.
    static func utf16ByteOrder<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8, C.Index == Int {
        let pairs = min(bytes.count, sampleBytes) / 2
        guard pairs >= 2 else { return nil }
        // Without a NUL in the sample (nearly all text) there is nothing to count.
        let noNUL = bytes.withContiguousStorageIfAvailable { b in memchr(b.baseAddress!, 0, 2 * pairs) == nil }
        if noNUL == true { return nil }
        var nul = [0, 0]          // NUL bytes at even and at odd offsets
        var unprintable = [0, 0]  // beside a NUL at the other offset, a control byte other than tab, LF, CR
        for k in 0..<pairs {
            let pair = (bytes[bytes.startIndex + 2 * k], bytes[bytes.startIndex + 2 * k + 1])
            if pair.0 == 0 { nul[0] += 1; if pair.1 < 0x20 && pair.1 != 0x09 && pair.1 != 0x0A && pair.1 != 0x0D { unprintable[0] += 1 } }
            if pair.1 == 0 { nul[1] += 1; if pair.0 < 0x20 && pair.0 != 0x09 && pair.0 != 0x0A && pair.0 != 0x0D { unprintable[1] += 1 } }
        }
        for side in 0...1 where nul[side] * 5 >= pairs && nul[1 - side] * 50 <= pairs && unprintable[side] * 20 <= nul[side] {
            return side == 1 ? "UTF-16LE" : "UTF-16BE"
        }
        return nil
    }

    /// Why `bytes` are binary, or nil when they may be text. Call it only for bytes that are
    /// not UTF-16 or UTF-32 (no byte-order mark, no such declared charset): those hold NULs.
    ///
    /// The rule, as git and `file` apply it: text in any 8-bit or multi-byte charset other than
    /// UTF-16/32 has no NUL byte, and hardly any C0 control besides tab, line feed, form feed,
    /// carriage return and escape (ISO-2022 uses it). So the bytes are binary when the sample
    /// holds a NUL, or when those other controls are more than 1 % of it (compressed data and
    /// images have about 10 %; a text with a stray control byte or two stays text).
    static func reason<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8, C.Index == Int {
        let end = min(bytes.endIndex, bytes.startIndex + sampleBytes)
        var controls = 0
        var firstControl: Int?
        var i = bytes.startIndex
        while i < end {
            // Eight bytes at a time past those with no byte below 0x20 (most of a text's).
            if let skipped = bytes.withContiguousStorageIfAvailable({ b in Self.controlFree(b, from: i - bytes.startIndex, to: end - bytes.startIndex) }),
               skipped > 0 {
                i += skipped
                continue
            }
            let b = bytes[i]
            i += 1
            guard b < 0x20 else { continue }
            switch b {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            case 0x00: return "binary content (a NUL byte at offset \(i - 1 - bytes.startIndex)), not text"
            default:
                controls += 1
                if firstControl == nil { firstControl = i - 1 - bytes.startIndex }
            }
        }
        let sample = end - bytes.startIndex
        guard controls * 100 > sample, let firstControl else { return nil }
        return "binary content (\(controls) control bytes in the first \(sample), the first at offset \(firstControl)), not text"
    }

    /// How many bytes from `from` on (up to `to`, eight at a time) hold no byte below 0x20.
    @inline(__always)
    private static func controlFree(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var k = from
        while k + 8 <= to {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: k, as: UInt64.self)
            // Some byte below 0x20 exactly when this is not zero (the classic "has less than" test).
            if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 { break }
            k += 8
        }
        return k - from
    }
}
