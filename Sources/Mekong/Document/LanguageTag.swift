/// A BCP 47 language tag (RFC 5646), checked and in canonical case: `zh-Hant-TW`, `vi-VN`,
/// `sr-Latn`, `en-US-u-nu-thai`.
///
/// Every language tag that enters a document (markup `lang`, feed and TEI mappings, JSON
/// Lines `language`, the pipeline's language, a detector's answer) passes through here, and
/// only a tag that passes reaches ICU as a locale: ICU takes odd locale ids at their word and
/// some of its C entry points crash on them (a 12-letter language subtag faults inside
/// `udat_open`).
///
/// Accepted: a language of 2–3 letters (4–8 letters only when ICU knows the language), up
/// to three extended language subtags, a script (4 letters), a region (2 letters or 3
/// digits), variants (5–8 characters, or a digit and 3), extensions (a singleton and
/// subtags of 2–8) and a private-use part (`x-` and subtags of 1–8). `_` reads as `-`
/// (`vi_VN` → `vi-VN`). Rejected: anything else, including the irregular grandfathered
/// tags (`i-klingon`) and tags that are private use only (`x-whatever`), which no locale
/// data can serve.
public struct LanguageTag: Sendable, Hashable, CustomStringConvertible {
    /// The longest tag accepted, in characters: room for language, script, region, two
    /// variants and a short extension. Longer is never a real document language.
    public static let maxLength = 64

    /// The primary language subtag, lower case (`zh`).
    public let language: String
    /// Extended language subtags, lower case (`yue` of `zh-yue`).
    public let extendedLanguages: [String]
    /// The script, title case (`Hant`).
    public let script: String?
    /// The region, upper case (`TW`, `419`).
    public let region: String?
    /// Variants, lower case (`1901`, `fonipa`).
    public let variants: [String]
    /// Extensions with their singleton, lower case (`u-nu-thai`).
    public let extensions: [String]
    /// The private-use part without its `x-`, lower case.
    public let privateUse: [String]

    /// Why a string is not a usable language tag.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var tag: String
        public var reason: String
        public var description: String { "'\(LanguageTag.quoted(tag))' is not a valid BCP 47 language tag (\(reason))" }
    }

    /// Checks and canonicalizes `text`.
    public init(parsing text: String) throws(Invalid) {
        func fail(_ reason: String) -> Invalid { Invalid(tag: text, reason: reason) }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { throw fail("empty") }
        if trimmed.utf8.count > Self.maxLength { throw fail("longer than \(Self.maxLength) characters") }
        guard trimmed.utf8.allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            throw fail("only ASCII letters, digits and '-' may appear")
        }
        let subtags = trimmed.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false) }
            .map { String(decoding: $0, as: UTF8.self).lowercased() }
        if subtags.contains(where: \.isEmpty) { throw fail("empty subtag") }
        if subtags.contains(where: { $0.utf8.count > 8 }) { throw fail("a subtag longer than 8 characters") }

        var i = 0
        let first = subtags[0]
        if first == "x" { throw fail("private use only") }
        if first == "i" || first.utf8.count == 1 { throw fail("irregular or grandfathered tag") }
        guard Self.allLetters(first) else { throw fail("the language subtag must be letters") }
        switch first.utf8.count {
        case 2, 3: break
        case 4: throw fail("4-letter language subtags are reserved")
        default:
            guard Self.knownLongLanguages.contains(first) else { throw fail("unknown language '\(first)'") }
        }
        language = first
        i = 1
        var extlangs: [String] = []
        if language.utf8.count <= 3 {
            while i < subtags.count, extlangs.count < 3, subtags[i].utf8.count == 3, Self.allLetters(subtags[i]) {
                extlangs.append(subtags[i])
                i += 1
            }
        }
        extendedLanguages = extlangs
        if i < subtags.count, subtags[i].utf8.count == 4, Self.allLetters(subtags[i]) {
            script = subtags[i].prefix(1).uppercased() + subtags[i].dropFirst()
            i += 1
        } else {
            script = nil
        }
        if i < subtags.count, (subtags[i].utf8.count == 2 && Self.allLetters(subtags[i])) || (subtags[i].utf8.count == 3 && subtags[i].utf8.allSatisfy(Self.isDigit)) {
            region = subtags[i].uppercased()
            i += 1
        } else {
            region = nil
        }
        var variants: [String] = []
        while i < subtags.count, Self.isVariant(subtags[i]) {
            if variants.contains(subtags[i]) { throw fail("variant '\(subtags[i])' twice") }
            variants.append(subtags[i])
            i += 1
        }
        self.variants = variants
        var extensions: [String] = []
        var singletons: Set<String> = []
        while i < subtags.count, subtags[i].utf8.count == 1, subtags[i] != "x" {
            let singleton = subtags[i]
            if !singletons.insert(singleton).inserted { throw fail("extension '\(singleton)' twice") }
            i += 1
            var parts = [singleton]
            while i < subtags.count, subtags[i].utf8.count >= 2 { parts.append(subtags[i]); i += 1 }
            if parts.count == 1 { throw fail("extension '\(singleton)' has no subtags") }
            extensions.append(parts.joined(separator: "-"))
        }
        self.extensions = extensions
        var privateUse: [String] = []
        if i < subtags.count, subtags[i] == "x" {
            i += 1
            while i < subtags.count { privateUse.append(subtags[i]); i += 1 }
            if privateUse.isEmpty { throw fail("'x' with no private-use subtags") }
        }
        self.privateUse = privateUse
        if i < subtags.count { throw fail("unexpected subtag '\(subtags[i])'") }
    }

    /// The tag, or nil when `text` is not a valid tag.
    public init?(_ text: String) {
        do { try self.init(parsing: text) } catch { return nil }
    }

    /// The canonical form of `text` (`vi_vn` → `vi-VN`), or nil when it is not a valid tag.
    public static func canonical(_ text: String) -> String? { LanguageTag(text)?.description }

    /// The tag in canonical case.
    public var description: String {
        var parts = [language] + extendedLanguages
        if let script { parts.append(script) }
        if let region { parts.append(region) }
        parts += variants + extensions
        if !privateUse.isEmpty { parts += ["x"] + privateUse }
        return parts.joined(separator: "-")
    }

    /// The ICU locale id of the tag's language, script, region and variants (`zh_Hant_TW`):
    /// extensions and private use are left out, so the id stays short and well formed.
    public var icuLocale: String {
        var parts = [language]
        if let script { parts.append(script) }
        if let region { parts.append(region) }
        if !variants.isEmpty {
            if region == nil { parts.append("") }
            parts += variants.map { $0.uppercased() }
        }
        return parts.joined(separator: "_")
    }

    /// A string for a note: at most 40 characters, control characters shown as `?`.
    static func quoted(_ text: String) -> String {
        let shown = String(scalars: text.unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "?" : $0 })
        return text.unicodeScalars.count > 40 ? shown + "…" : shown
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func allLetters(_ s: String) -> Bool { s.utf8.allSatisfy(isLetter) }
    private static func isVariant(_ s: String) -> Bool {
        let n = s.utf8.count
        return (n >= 5 && n <= 8) || (n == 4 && isDigit(s.utf8.first!))
    }

    /// Registered languages of 5–8 letters that ICU knows (ICU lists 2- and 3-letter codes only,
    /// so in practice none: such tags are rejected rather than handed to ICU).
    private static let knownLongLanguages: Set<String> = Set(CLDR.codes(.language).filter { $0.utf8.count > 4 })
}

extension LanguageTag {
    /// An ICU locale id from a BCP 47 tag or an ICU id, with ICU keywords allowed after `@`
    /// (`sv_SE`, `de@ss=standard`, `root`, `und`): what a stage option names as a locale.
    /// Nil when the id is malformed; the result is what ICU may be given.
    public static func icuLocale(_ text: String) -> String? {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        let locale: String
        if base == "root" || base == "" && parts.count == 2 { locale = base } else {
            guard let tag = LanguageTag(base) else { return nil }
            locale = tag.icuLocale
        }
        guard parts.count == 2 else { return locale }
        // Keywords: key=value pairs separated by ';', letters, digits and '-' only.
        let keywords = parts[1]
        guard keywords.utf8.count <= maxLength, !keywords.isEmpty else { return nil }
        for pair in keywords.split(separator: ";", omittingEmptySubsequences: false) {
            let kv = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2, kv.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") } }) else { return nil }
        }
        return locale + "@" + keywords
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
