import CMekongICU

/// Swift face of the ICU calls in `CMekongICU`. ICU works in UTF-16; these helpers take and
/// return Swift strings and leave offset conversion to the caller (`UTF16ToScalarCursor`).
public enum ICU {
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        _ = mk_icu_version(&buffer, 32)
        return cString(buffer)
    }

    /// The text of a NUL-terminated buffer the C side filled (up to its end if it holds no NUL).
    static func cString(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var operation: String
        public var code: Int32
        public var description: String { "ICU \(operation) failed: \(String(cString: mk_error_name(code)))" }
    }

    /// ICU's U_ILLEGAL_ARGUMENT_ERROR, for arguments refused before ICU sees them.
    static let illegalArgument: Int32 = 1

    public enum NormalizationForm: String, Sendable, CaseIterable {
        case nfc = "NFC", nfd = "NFD", nfkc = "NFKC", nfkd = "NFKD", nfkcCasefold = "NFKC_Casefold"
        var c: mk_norm_form {
            switch self {
            case .nfc: return MK_NFC
            case .nfd: return MK_NFD
            case .nfkc: return MK_NFKC
            case .nfkd: return MK_NFKD
            case .nfkcCasefold: return MK_NFKC_CASEFOLD
            }
        }
    }

    /// `text` in the given normalization form.
    public static func normalize(_ text: String, _ form: NormalizationForm) throws(Failure) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return text }
        var capacity = source.count + source.count / 2 + 16
        while true {
            var dest = [UInt16](repeating: 0, count: capacity)
            var error: Int32 = 0
            let needed = mk_normalize(form.c, source, Int32(source.count), &dest, Int32(capacity), &error)
            if error != 0 { throw Failure(operation: "normalize", code: error) }
            if Int(needed) <= capacity { return String(decoding: dest[0..<Int(needed)], as: UTF16.self) }
            capacity = Int(needed)
        }
    }

    /// Code points in the given normalization form, through UTF-16 buffers (no strings):
    /// the normalizer's path for the few units its own code does not settle.
    static func normalize(_ scalars: [Unicode.Scalar], _ form: NormalizationForm, into out: inout [Unicode.Scalar]) throws(Failure) {
        out.removeAll(keepingCapacity: true)
        let source = utf16Units(scalars)
        if source.isEmpty { return }
        var capacity = source.count * 3 + 16
        while true {
            var dest = [UInt16](repeating: 0, count: capacity)
            var error: Int32 = 0
            let needed = Int(mk_normalize(form.c, source, Int32(source.count), &dest, Int32(capacity), &error))
            if error != 0 { throw Failure(operation: "normalize", code: error) }
            if needed <= capacity {
                var k = 0
                while k < needed {
                    let u = UInt32(dest[k])
                    if u & 0xFC00 == 0xD800, k + 1 < needed, dest[k + 1] & 0xFC00 == 0xDC00 {
                        out.append(Unicode.Scalar(0x10000 + ((u - 0xD800) << 10) + (UInt32(dest[k + 1]) - 0xDC00))!)
                        k += 2
                    } else {
                        out.append(Unicode.Scalar(u) ?? "\u{FFFD}")
                        k += 1
                    }
                }
                return
            }
            capacity = needed
        }
    }

    /// A bare NFC pass over UTF-8 bytes inside ICU, with reusable buffers: the floor that
    /// `mekong benchmark` measures the text stages against.
    public final class BareNFC {
        private var scratch1: [UInt16] = []
        private var scratch2: [UInt16] = []
        private var output: [CChar] = []
        public init() {}

        /// Normalizes the bytes; returns the length of the result (or -1).
        public func run(_ utf8: [UInt8]) -> Int {
            let need = utf8.count + 16
            if scratch1.count < need * 2 {
                scratch1 = [UInt16](repeating: 0, count: need * 2)
                scratch2 = [UInt16](repeating: 0, count: need * 2)
                output = [CChar](repeating: 0, count: need * 4)
            }
            let cap = Int32(scratch1.count)
            let outCap = Int32(output.count)
            return Int(utf8.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { c in
                    mk_nfc_utf8(c.baseAddress, Int32(c.count), &output, outCap, &scratch1, &scratch2, cap)
                }
            })
        }
    }

    public static func isNormalized(_ text: String, _ form: NormalizationForm) -> Bool {
        let source = Array(text.utf16)
        return mk_is_normalized(form.c, source, Int32(source.count)) == 1
    }

    public enum BreakKind: Sendable {
        case character, word, line, sentence
        var c: mk_break_kind {
            switch self {
            case .character: return MK_BREAK_CHARACTER
            case .word: return MK_BREAK_WORD
            case .line: return MK_BREAK_LINE
            case .sentence: return MK_BREAK_SENTENCE
            }
        }
    }

    /// A boundary found by a break iterator: its UTF-16 offset and the rule status of the
    /// segment it closes (for words: 0 none, 100 number, 200 letter, 300 kana, 400 ideographic).
    public struct Boundary: Sendable, Hashable {
        public var utf16Offset: Int
        public var status: Int32
    }

    /// The boundaries ICU finds in `utf16` for `locale`, after the start of the text.
    /// A locale that is not a valid tag or ICU id fails (ICU itself is never given it).
    public static func boundaries(_ kind: BreakKind, locale: String, utf16: [UInt16]) throws(Failure) -> [Boundary] {
        if utf16.isEmpty { return [] }
        guard let locale = LanguageTag.icuLocale(locale) else { throw Failure(operation: "break iterator for locale '\(LanguageTag.quoted(locale))'", code: illegalArgument) }
        var error: Int32 = 0
        return try utf16.withUnsafeBufferPointer { buffer throws(Failure) -> [Boundary] in
            guard let breaker = mk_break_open(kind.c, locale, buffer.baseAddress, Int32(buffer.count), &error) else {
                throw Failure(operation: "break iterator", code: error)
            }
            defer { mk_break_close(breaker) }
            var result: [Boundary] = []
            while true {
                let b = mk_break_next(breaker)
                if b < 0 { break }
                result.append(Boundary(utf16Offset: Int(b), status: mk_break_rule_status(breaker)))
            }
            return result
        }
    }

    /// How many boundaries ICU finds, with no work around it: the floor a segmentation
    /// stage cannot go below.
    public static func countBoundaries(_ kind: BreakKind, locale: String, utf16: [UInt16]) -> Int {
        guard let locale = LanguageTag.icuLocale(locale) else { return -1 }
        return Int(mk_break_count(kind.c, locale, utf16, Int32(utf16.count)))
    }

    /// ICU's guess at the charset of some bytes, with its confidence (0–100).
    public static func detectCharset(_ bytes: [UInt8], declared: String? = nil) -> (name: String, confidence: Int)? {
        // The hint is untrusted (a page's declaration): only a plausible name reaches ICU.
        let declared = declared.flatMap(CharsetName.validated)
        var name = [CChar](repeating: 0, count: 64)
        let sample = bytes.count > 65536 ? Array(bytes[0..<65536]) : bytes
        let confidence = sample.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                mk_detect_charset(c.baseAddress, Int32(c.count), declared, &name, 64)
            }
        }
        guard confidence >= 0 else { return nil }
        return (cString(name), Int(confidence))
    }

    /// Decodes bytes in `charset` to a string; undecodable bytes become U+FFFD and are counted.
    public static func decode(_ bytes: [UInt8], charset: String) throws(Failure) -> (text: String, substitutions: Int) {
        if bytes.isEmpty { return ("", 0) }
        // The name is untrusted (a header, a page, a record): only a plausible one reaches ICU.
        guard CharsetName.validated(charset) == charset else { throw Failure(operation: "conversion from an invalid charset name", code: 1) }
        // ICU counts in Int32: a source too large for that is refused, not overflowed.
        guard bytes.count <= (Int(Int32.max) - 16) / 4 else { throw Failure(operation: "conversion of \(bytes.count) bytes", code: 15) }
        let capacity = bytes.count * 4 + 16
        var dest = [CChar](repeating: 0, count: capacity)
        var substitutions: Int32 = 0
        var error: Int32 = 0
        let written = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                mk_convert_to_utf8(charset, c.baseAddress, Int32(c.count), &dest, Int32(capacity), &substitutions, &error)
            }
        }
        if error != 0 { throw Failure(operation: "conversion from \(charset)", code: error) }
        let text = dest.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: UInt8.self) { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<Int(written)]), as: UTF8.self) }
        }
        return (text, Int(substitutions))
    }
}
