/// The spellings of a name that Vietnamese news varies and no knowledge base lists one by one:
/// a head written short (`tp Hồ Chí Minh` and `TP . HCM` for `thành phố …`, `ĐH Bách khoa` for
/// `Đại học …`, `BV Chợ Rẫy` for `Bệnh viện …`), spaces around a dash (`Thừa Thiên - Huế`) or a
/// dot, and transliterations written with or without their hyphens (`In-đô-nê-xi-a`, `Inđônêxia`).
/// The linker asks for the other keys of a mention only when its own key names nothing, so a name
/// the knowledge base has as written is never read another way.
enum NameVariants {
    /// Abbreviated heads (keys, lower case) and the words they stand for.
    static let heads: [(short: String, full: String)] = [
        ("tp", "thành phố"), ("t.p", "thành phố"), ("tx", "thị xã"),
        ("đh", "đại học"), ("đhqg", "đại học quốc gia"), ("cđ", "cao đẳng"),
        ("bv", "bệnh viện"), ("ubnd", AliasKey.exact("ủy ban nhân dân")), ("hđnd", "hội đồng nhân dân"),
        ("cty", "công ty"), ("tct", "tổng công ty"), ("nh", "ngân hàng"), ("clb", "câu lạc bộ"),
        ("q", "quận"), ("h", "huyện"), ("p", "phường"),
    ]

    /// The abbreviated heads' keys.
    static let shortHeads = Set(heads.map(\.short))
    /// The same as a key set, for the recognizer's units.
    static let shortHeadKeys = KeySet(shortHeads)

    /// The heads of districts, towns and wards: a unit is also known by its bare name (`Q.Bình Thạnh`,
    /// `TX Sơn Tây`), as the knowledge base often holds it. Not a city's: `TP Hồ Chí Minh` is no person.
    static let unitHeads: Set<String> = ["tx", "q", "h", "p"]

    /// Other keys to try for a key that names nothing, most literal first: the key with the spaces
    /// around its dots closed (`tp . hcm` → `tp.hcm`) and those around its dashes too
    /// (`thừa thiên - huế` → `thừa thiên-huế`), then the dash read as a space, then with an
    /// abbreviated head (followed by a dot, a space or both) read as its head and as its full words
    /// (`tp.hcm` → `tp hcm`, `thành phố hcm`), and for a unit's head, the bare name (`q.bình thạnh` →
    /// `bình thạnh`). Empty when the key has nothing to read another way.
    static func alternatives(of key: String) -> [String] {
        var out: [String] = []
        // Byte tests first: Foundation's search and replace are slow, and most keys hold no dash.
        let dotsClosed = closingDots(key)
        let closed = hasSpacedDash(dotsClosed) ? dotsClosed.replacingOccurrences(of: " - ", with: "-") : dotsClosed
        if closed != key { out.append(closed) }
        if closed.utf8.contains(0x2D), case let spaced = closed.replacingOccurrences(of: "-", with: " "), spaced != key {
            out.append(spaced)
        }
        for (short, full) in heads {
            guard closed.utf8.starts(with: short.utf8), closed.hasPrefix(short) else { continue }
            var rest = closed.dropFirst(short.count)
            let dotted = rest.first == "."
            if dotted { rest = rest.dropFirst() }
            let spaced = rest.first == " "
            if spaced { rest = rest.dropFirst() }
            // `tp` must end a word: `tphcm` and `tpp` are not `tp` + a name; one-letter heads need their dot.
            guard dotted || spaced, !rest.isEmpty, short.count > 1 || dotted else { continue }
            let bare = unitHeads.contains(short) ? [String(rest)] : []
            for candidate in [short + " " + rest, full + " " + rest] + bare where candidate != key && !out.contains(candidate) {
                out.append(candidate)
            }
        }
        return out
    }

    /// The keys a name in a language is indexed under: `AliasKey.indexKeys`, and for Vietnamese the
    /// name with "Việt Nam" inside it written "VN" ("Thông tấn xã VN") and a transliteration
    /// without its hyphens.
    static func indexKeys(of name: String, language: String) -> [(key: String, folded: Bool)] {
        var keys = AliasKey.indexKeys(of: name)
        guard language == "vi" else { return keys }
        for (key, folded) in keys {
            if !folded, key != "việt nam", let short = shortenedVietnam(key) { keys.append((short, false)) }
            if let joined = joinedTransliteration(key) { keys.append((joined, folded)) }
        }
        return keys
    }

    /// The key with the words "việt nam" written "vn", or nil when it has none.
    static func shortenedVietnam(_ key: String) -> String? {
        let words = key.split(separator: " ")
        guard let i = words.indices.dropLast().first(where: { words[$0] == "việt" && words[$0 + 1] == "nam" }) else { return nil }
        return (words[..<i] + ["vn"] + words[(i + 2)...]).joined(separator: " ")
    }

    /// The other key a transliteration written with hyphens between its syllables is indexed under:
    /// without them (`in-đô-nê-xi-a` → `inđônêxia`, `mát-xcơ-va` → `mátxcơva`), as Vietnamese papers
    /// write it as often. Nil for a key with no hyphen between two letters, and for one whose
    /// parts are words of their own (`thừa thiên-huế` has a space).
    static func joinedTransliteration(_ key: String) -> String? {
        guard key.contains("-"), !key.contains(" ") else { return nil }
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isLetter) }) else { return nil }
        return parts.joined()
    }

    /// Whether two neighbouring bytes of `key` satisfy `pair`: a byte scan, since
    /// String.contains(String) goes through Foundation on Linux and hot loops ask.
    @inline(__always)
    static func hasBytePair(_ key: String, _ pair: (UInt8, UInt8) -> Bool) -> Bool {
        var key = key
        return key.withUTF8 { b in
            guard b.count > 1 else { return false }
            for k in 1..<b.count where pair(b[k - 1], b[k]) { return true }
            return false
        }
    }

    /// Whether the key holds a dash after a space (`thừa thiên - huế`), as tokenized text spaces a hyphen.
    static func hasSpacedDash(_ key: String) -> Bool {
        hasBytePair(key) { $0 == 0x20 && $1 == 0x2D }
    }

    /// The key without the spaces tokenized text puts around dots inside a name (`tp . hcm`, `tp .hcm`).
    static func closingDots(_ key: String) -> String {
        guard hasBytePair(key, { ($0 == 0x20 && $1 == 0x2E) || ($0 == 0x2E && $1 == 0x20) }) else { return key }
        var out = ""
        out.reserveCapacity(key.utf8.count)
        let chars = Array(key)
        for (i, c) in chars.enumerated() {
            if c == " ", (i > 0 && chars[i - 1] == ".") || (i + 1 < chars.count && chars[i + 1] == ".") { continue }
            out.append(c)
        }
        return out
    }
}
