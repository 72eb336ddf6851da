/// Turns the bytes of a text or markup source into a string: byte-order mark first, then a
/// declared charset (checked, and ignored with a note when unusable), then UTF-8 when the
/// bytes are valid UTF-8 — or valid but for a few damaged bytes — then ICU's charset
/// detector. Binary data is refused before any of that.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public var text: String
        public var charset: String
        /// How the charset was found: `bom`, `declared`, `utf8-valid`, `utf8-lossy` (UTF-8 with
        /// a few invalid bytes replaced) or `detected`.
        public var method: String
        /// A note for the document's errors when the result is a guess or lossy.
        public var warning: String?
    }

    /// Why bytes could not become text.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func decode(_ bytes: [UInt8], declared: String? = nil) throws(Failure) -> Decoded {
        let d = try decode(bytes, declared: declared, validUTF8: { String(validating: $0, as: UTF8.self) }, string: { $0 })
        return Decoded(text: d.text, charset: d.charset, method: d.method, warning: d.warning)
    }

    /// Markup's bytes decoded for libxml2 and the source map: UTF-8 bytes, and their code
    /// points when `scalars` is true (else empty). Valid UTF-8 — nearly every page — is
    /// checked and decoded in one pass and its bytes handed on as they are.
    struct Markup {
        var utf8: [UInt8]
        var scalars: [Unicode.Scalar]
        var charset: String
        var method: String
        var warning: String?
    }

    static func decodeMarkup(_ bytes: [UInt8], declared: String?, scalars: Bool) throws(Failure) -> Markup {
        typealias Text = (utf8: [UInt8], scalars: [Unicode.Scalar])
        let d = try decode(bytes, declared: declared, validUTF8: { slice -> Text? in
            let valid = slice.withUnsafeBufferPointer { UTF8Validation.scalars($0) }
            guard let valid else { return nil }
            return (Array(slice), scalars ? valid : [])
        }, string: { text -> Text in (Array(text.utf8), scalars ? TextForms.decode(text) : []) })
        return Markup(utf8: d.text.utf8, scalars: d.text.scalars, charset: d.charset, method: d.method, warning: d.warning)
    }

    /// The decision, with the text made by `validUTF8` from bytes that are well-formed UTF-8
    /// (nil when they are not) or by `string` from a decoded string.
    private static func decode<Text>(_ bytes: [UInt8], declared: String?, validUTF8: (ArraySlice<UInt8>) -> Text?,
                                     string: (String) -> Text) throws(Failure) -> (text: Text, charset: String, method: String, warning: String?) {
        var notes: [String] = []
        func finish(_ text: Text, _ charset: String, _ method: String, lossy: String? = nil) -> (text: Text, charset: String, method: String, warning: String?) {
            let all = notes + (lossy.map { [$0] } ?? [])
            return (text, charset, method, all.isEmpty ? nil : all.joined(separator: "; "))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let text = validUTF8(bytes[3...]) { return finish(text, "UTF-8", "bom") }
            let survey = UTF8Survey(bytes[3...])
            return finish(string(String(decoding: bytes[3...], as: UTF8.self)), "UTF-8", "bom", lossy: replaced(survey))
        }
        for (bom, charset) in byteOrderMarks where bytes.starts(with: bom) {
            let r = try convert(Array(bytes[bom.count...]), charset)
            return finish(string(r.text), charset, "bom", lossy: lossy(r.substitutions))
        }
        var declared = declared.flatMap { $0.isEmpty ? nil : $0 }
        if let name = declared, CharsetName.validated(name) == nil {
            notes.append("the declared charset \(CharsetName.quoted(name)) is not a charset name; ignored")
            declared = nil
        }
        if declared.map(CharsetName.isWide) != true {
            if let order = BinarySniffer.utf16ByteOrder(bytes) {
                let r = try convert(bytes, order)
                notes.append("no byte-order mark\(declared.map { " (declared \(CharsetName.quoted($0)))" } ?? ""); decoded as \(order), told by its NUL bytes")
                return finish(string(r.text), order, "detected", lossy: lossy(r.substitutions))
            }
            if let reason = BinarySniffer.reason(bytes) { throw Failure(description: reason) }
        }
        // Valid UTF-8 is checked once, whether the page declares it or not.
        var valid: Text?? = .none
        func validText() -> Text? {
            if case .some(let known) = valid { return known }
            let made = validUTF8(bytes[...])
            valid = .some(made)
            return made
        }
        if let name = declared.flatMap(CharsetName.validated) {
            // Most pages declare UTF-8: valid bytes need no converter.
            if isUTF8(name), let text = validText() {
                return finish(text, name, "declared")
            }
            do {
                let r = try ICU.decode(bytes, charset: name)
                return finish(string(r.text), name, "declared", lossy: lossy(r.substitutions))
            } catch {
                notes.append("the declared charset \(CharsetName.quoted(name)) is unknown (\(error)); ignored")
            }
        }
        if let text = validText() {
            return finish(text, "UTF-8", "utf8-valid")
        }
        // One bad byte must not turn a UTF-8 document into another charset.
        let survey = UTF8Survey(bytes)
        if survey.isMostlyUTF8 {
            return finish(string(String(decoding: bytes, as: UTF8.self)), "UTF-8", "utf8-lossy", lossy: replaced(survey))
        }
        guard let guess = ICU.detectCharset(bytes) else {
            notes.append("no charset matched; invalid UTF-8 bytes replaced with U+FFFD")
            return finish(string(String(decoding: bytes, as: UTF8.self)), "UTF-8", "detected")
        }
        let r = try convert(bytes, guess.name)
        notes.append("not valid UTF-8; decoded as \(guess.name) (detector confidence \(guess.confidence))")
        return finish(string(r.text), guess.name, "detected", lossy: lossy(r.substitutions))
    }

    /// UTF-32 before UTF-16: the UTF-32LE mark begins with the UTF-16LE one.
    static let byteOrderMarks: [([UInt8], String)] = [
        ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
        ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"),
    ]

    private static func convert(_ bytes: [UInt8], _ charset: String) throws(Failure) -> (text: String, substitutions: Int) {
        do { return try ICU.decode(bytes, charset: charset) } catch { throw Failure(description: error.description) }
    }

    /// `utf-8`, `UTF8`, `utf_8`… (ICU's alias matching ignores case and punctuation).
    static func isUTF8(_ charset: String) -> Bool {
        charset.utf8.filter { $0 != 0x2D && $0 != 0x5F }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.elementsEqual("utf8".utf8)
    }

    private static func lossy(_ n: Int) -> String? {
        n > 0 ? "\(n) undecodable byte sequence\(n == 1 ? "" : "s") replaced with U+FFFD" : nil
    }

    private static func replaced(_ survey: UTF8Survey) -> String? {
        let n = survey.invalidBytes
        return n > 0 ? "\(n) invalid UTF-8 byte\(n == 1 ? "" : "s") replaced with U+FFFD (\(survey.invalidSequences) sequence\(survey.invalidSequences == 1 ? "" : "s")); the rest is valid UTF-8" : nil
    }
}
