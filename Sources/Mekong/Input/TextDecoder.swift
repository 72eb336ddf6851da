/// Turns the bytes of a plain-text source into a string: byte-order mark first, then
/// UTF-8 when the bytes are valid UTF-8, then ICU's charset detector.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public var text: String
        public var charset: String
        /// How the charset was found: `bom`, `declared`, `utf8-valid` or `detected`.
        public var method: String
        /// A note for the document's errors when the result is a guess or lossy.
        public var warning: String?
    }

    public static func decode(_ bytes: [UInt8], declared: String? = nil) throws(ICU.Failure) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(text: String(decoding: bytes[3...], as: UTF8.self), charset: "UTF-8", method: "bom")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
            let r = try ICU.decode(Array(bytes[2...]), charset: charset)
            return Decoded(text: r.text, charset: charset, method: "bom", warning: lossy(r.substitutions))
        }
        if let declared, !declared.isEmpty {
            // Most pages declare UTF-8: valid bytes need no converter.
            if Self.isUTF8(declared), let s = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: s, charset: declared, method: "declared")
            }
            let r = try ICU.decode(bytes, charset: declared)
            return Decoded(text: r.text, charset: declared, method: "declared", warning: lossy(r.substitutions))
        }
        if let s = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: s, charset: "UTF-8", method: "utf8-valid")
        }
        guard let guess = ICU.detectCharset(bytes) else {
            let s = String(decoding: bytes, as: UTF8.self)
            return Decoded(text: s, charset: "UTF-8", method: "detected", warning: "no charset matched; invalid UTF-8 bytes replaced with U+FFFD")
        }
        let r = try ICU.decode(bytes, charset: guess.name)
        var warning = "not valid UTF-8; decoded as \(guess.name) (detector confidence \(guess.confidence))"
        if let l = lossy(r.substitutions) { warning += "; " + l }
        return Decoded(text: r.text, charset: guess.name, method: "detected", warning: warning)
    }

    /// `utf-8`, `UTF8`, `utf_8`… (ICU's alias matching ignores case and punctuation).
    static func isUTF8(_ charset: String) -> Bool {
        charset.utf8.filter { $0 != 0x2D && $0 != 0x5F }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.elementsEqual("utf8".utf8)
    }

    private static func lossy(_ n: Int) -> String? {
        n > 0 ? "\(n) undecodable byte sequence\(n == 1 ? "" : "s") replaced with U+FFFD" : nil
    }
}
