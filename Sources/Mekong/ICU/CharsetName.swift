/// A charset name from outside — an HTTP header, a `<meta charset>`, a JSON Lines `charset` —
/// checked before it reaches ICU's converter lookup: registered names and ICU's aliases are
/// short ASCII (`windows-1258`, `ISO_8859-1:1987`, `ibm-1258_P100-1997`), anything else is
/// not a charset and is ignored with a note.
enum CharsetName {
    static let maxLength = 40

    /// The name, trimmed, when it is one ICU could know: 1 to 40 ASCII letters, digits and
    /// `-_.:+()`; otherwise nil.
    static func validated(_ name: String) -> String? {
        let trimmed = name.trimmingWhitespace()
        guard (1...maxLength).contains(trimmed.utf8.count) else { return nil }
        let allowed = trimmed.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A || b == 0x2B || b == 0x28 || b == 0x29
        }
        return allowed ? trimmed : nil
    }

    /// A name shown in a note: printable, and cut short.
    static func quoted(_ name: String) -> String {
        let shown = String(name.unicodeScalars.prefix(maxLength).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return "'\(shown)\(name.unicodeScalars.count > maxLength ? "…" : "")'"
    }

    /// UTF-16 or UTF-32 in any spelling (`utf-16le`, `UTF16`, `ucs-2`, `UTF-32BE`…): charsets
    /// whose text holds NUL bytes.
    static func isWide(_ name: String) -> Bool {
        let folded = String(name.utf8.filter { $0 != 0x2D && $0 != 0x5F }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.map { Character(UnicodeScalar($0)) })
        return folded.hasPrefix("utf16") || folded.hasPrefix("utf32") || folded.hasPrefix("ucs2") || folded.hasPrefix("ucs4")
    }
}
