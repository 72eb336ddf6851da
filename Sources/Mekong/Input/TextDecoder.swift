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

    private static func lossy(_ n: Int) -> String? {
        n > 0 ? "\(n) undecodable byte sequence\(n == 1 ? "" : "s") replaced with U+FFFD" : nil
    }
}
