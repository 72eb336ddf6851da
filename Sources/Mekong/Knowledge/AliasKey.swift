/// How names are compared in the knowledge base: the text as the `normalize` stage leaves it
/// (NFC, modern Vietnamese tone placement, one space) in lower case — so `Thanh Hoá`,
/// `THANH HÓA` and an NFD `Thanh Hóa` meet — and, for a looser second chance, the same with
/// diacritics folded away (`thanh hoa`, `đà nẵng` → `da nang`).
public enum AliasKey {
    static let options: NormalizationOptions = {
        var o = NormalizationOptions()
        o.asciiQuotes = true
        o.asciiDashes = true
        o.legacy = .off
        return o
    }()

    /// The exact key of a name.
    public static func exact(_ name: String) -> String {
        // Printable ASCII has nothing to normalize: lower case and single spaces are the key.
        if let ascii = printableASCIIKey(name) { return ascii }
        return normalizedKey(name)
    }

    /// `exact` by the normalizer, for any name.
    static func normalizedKey(_ name: String) -> String {
        let normalized = (try? TextNormalizer.normalize(name, options: options).text) ?? name
        return normalized.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `exact` of a name of printable ASCII alone (space to `~`), or nil for any other name: the
    /// quick key, since such a name has nothing to normalize.
    static func printableASCIIKey(_ name: String) -> String? {
        name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? quick(name[...]) : nil
    }

    /// The key of text the `normalize` stage has already made NFC with modern tone marks: lower
    /// case, ASCII dashes and quotes, one space — no normalization pass (hot loops call this).
    public static func quick(_ text: Substring) -> String {
        quick(text.unicodeScalars, capacity: text.utf8.count * 2) ?? generalQuick(text)
    }

    /// `quick` of code points (a unit of a document's text), with no string made first.
    static func quick(scalars: ArraySlice<Unicode.Scalar>) -> String {
        // Each code point gives at most one of three bytes or fewer (lower case below the
        // table's limit stays within the BMP).
        quick(scalars, capacity: scalars.count * 3) ?? generalQuick(String(scalars: scalars)[...])
    }

    /// The key written as UTF-8 straight into a buffer of `capacity` bytes, or nil when a code
    /// point needs the general path (`generalQuick`).
    @inline(__always)
    private static func quick(_ scalars: some Collection<Unicode.Scalar>, capacity: Int) -> String? {
        let lower = KeyScalars.lower
        var general = false
        // A lower-case letter takes at most half as many bytes again as its capital, and code
        // points below the table's limit lower-case within the BMP; dashes and quotes shrink.
        let key = String(writingUTF8: capacity) { out in
            var k = 0
            var space = false
            for c in scalars {
                guard c.value < KeyScalars.limit, case let l = lower[Int(c.value)], l != KeyScalars.general else {
                    general = true
                    return 0
                }
                if l == 0x20 || l == 0x0A || l == 0x09 || l == 0xA0 { space = k > 0; continue }
                if space { out[k] = 0x20; k += 1; space = false }
                var v = l
                switch v {
                case 0x2013, 0x2014, 0x2012, 0x2015: v = 0x2D  // dashes → -
                case 0x2018, 0x2019: v = 0x27  // ‘ ’ → '
                case 0x201C, 0x201D: v = 0x22  // “ ” → "
                default: break
                }
                out.putUTF8(v, at: &k)
            }
            return k
        }
        return general ? nil : key
    }

    /// `quick` for any text: lower case by the whole string's rules.
    static func generalQuick(_ text: Substring) -> String {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for s in text.lowercased().unicodeScalars {
            if s == " " || s == "\n" || s == "\t" || s == "\u{00A0}" { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            switch s {
            case "–", "—", "‒", "―", "\u{2212}": out.append("-")
            case "‘", "’": out.append("'")
            case "“", "”": out.append("\"")
            default: out.append(s)
            }
        }
        return String(scalars: out)
    }

    /// The keys a name is indexed under: its exact key, and its folded key when that differs
    /// (`folded` true); none for a name with nothing in it.
    static func indexKeys(of name: String) -> [(key: String, folded: Bool)] {
        let exact = exact(name)
        guard !exact.isEmpty else { return [] }
        let folded = fold(exact)
        return folded == exact ? [(exact, false)] : [(exact, false), (folded, true)]
    }

    /// The key with diacritics and the stroke of `đ` removed.
    public static func folded(_ name: String) -> String {
        fold(exact(name))
    }

    /// Folds an exact key.
    public static func fold(_ key: String) -> String {
        // ASCII has nothing to fold (most keys in English text).
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return key }
        var out = String.UnicodeScalarView()
        let table = KeyScalars.fold
        for c in key.unicodeScalars {
            guard c.value < KeyScalars.limit, case let f = table[Int(c.value)], f != KeyScalars.general else {
                return generalFold(key)
            }
            if f != 0 { out.append(Unicode.Scalar(f).unsafelyUnwrapped) }
        }
        return String(out)
    }

    /// Whether `fold(key) == key`, without building the folded key: every code point folds to
    /// itself (a code point outside the table, which `generalFold` would take, is asked of it).
    public static func foldKeeps(_ key: String) -> Bool {
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        let table = KeyScalars.fold, keeps = KeyScalars.foldKeeps
        for c in key.unicodeScalars {
            guard c.value < KeyScalars.limit, table[Int(c.value)] != KeyScalars.general else {
                return generalFold(key) == key
            }
            if !keeps[Int(c.value)] { return false }
        }
        return true
    }

    /// `fold` for any key: canonical decomposition, marks dropped.
    static func generalFold(_ key: String) -> String {
        let decomposed = (try? ICU.normalize(key, .nfd)) ?? key
        var out: [Unicode.Scalar] = []
        for s in decomposed.unicodeScalars {
            let category = s.properties.generalCategory
            if category == .nonspacingMark || category == .spacingMark || category == .enclosingMark { continue }
            switch s {
            case "đ": out.append("d")
            case "ı": out.append("i")
            case "ø": out.append("o")
            case "ł": out.append("l")
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default: out.append(s)
            }
        }
        return String(scalars: out)
    }
}
