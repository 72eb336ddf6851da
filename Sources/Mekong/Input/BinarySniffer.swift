/// Tells binary data from text before it is decoded: an image, an archive or a PDF sent as
/// `text/html` (or named `.txt`) would otherwise become pages of mojibake.
enum BinarySniffer {
    /// The bytes looked at: enough for any file format's header and a fair share of its body.
    static let sampleBytes = 65_536

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
        for i in bytes.startIndex..<end {
            let b = bytes[i]
            guard b < 0x20 else { continue }
            switch b {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            case 0x00: return "binary content (a NUL byte at offset \(i - bytes.startIndex)), not text"
            default:
                controls += 1
                if firstControl == nil { firstControl = i - bytes.startIndex }
            }
        }
        let sample = end - bytes.startIndex
        guard controls * 100 > sample, let firstControl else { return nil }
        return "binary content (\(controls) control bytes in the first \(sample), the first at offset \(firstControl)), not text"
    }
}
