import CMekongICU

/// Locale data from CLDR, read through ICU: number symbols, currency names and symbols,
/// compact scale words, month names, spell-out rules and number formatting. The quantity
/// recognizer derives its tables for any language from here instead of hand-written lists.
///
/// Every locale is checked by `LanguageTag.icuLocale` before ICU sees it: a malformed one
/// gives nil, as a locale without the data would.
public enum CLDR {
    /// Calls an ICU function that writes UTF-8 into a buffer, growing the buffer when asked.
    private static func string(_ call: (UnsafeMutablePointer<CChar>, Int32) -> Int32) -> String? {
        var capacity: Int32 = 256
        while true {
            var buffer = [CChar](repeating: 0, count: Int(capacity) + 1)
            let n = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, capacity) }
            if n < 0 { return nil }
            // Room for the terminating NUL too: a list that fills the buffer exactly had its last
            // entry dropped, leaving NULs in its place (Zimbabwe was missing, Zambia "ZM\0\0\0").
            if n < capacity {
                return String(decoding: buffer[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = n + 1
        }
    }

    public enum NumberSymbol: Sendable {
        case decimal, grouping, percent, minus
        var c: mk_number_symbol {
            switch self {
            case .decimal: return MK_SYMBOL_DECIMAL
            case .grouping: return MK_SYMBOL_GROUPING
            case .percent: return MK_SYMBOL_PERCENT
            case .minus: return MK_SYMBOL_MINUS
            }
        }
    }

    /// A number symbol of a locale (`,` is the decimal mark in `vi`, `fr`, `de`).
    public static func symbol(_ which: NumberSymbol, locale: String) -> String? {
        guard let locale = LanguageTag.icuLocale(locale) else { return nil }
        return string { mk_number_symbol_get(locale, which.c, $0, $1) }
    }

    /// `value` formatted with an ICU number skeleton, e.g. `compact-long currency/EUR`.
    public static func format(_ value: Double, skeleton: String, locale: String) -> String? {
        guard let locale = LanguageTag.icuLocale(locale) else { return nil }
        return string { mk_format_skeleton(locale, skeleton, value, $0, $1) }
    }

    /// `value` spelled out in words by ICU's rules for the locale.
    public static func spellOut(_ value: Double, locale: String) -> String? {
        guard let locale = LanguageTag.icuLocale(locale) else { return nil }
        return string { mk_spellout_format(locale, value, $0, $1) }
    }

    /// ICU's spell-out parse of `text`, and how many UTF-16 units it read: a value counts only
    /// when it read them all, because ICU returns the value of any prefix it understood.
    public static func parseSpellOut(_ text: String, locale: String) -> (value: Double, consumedAll: Bool)? {
        guard let locale = LanguageTag.icuLocale(locale) else { return nil }
        let units = Array(text.utf16)
        var consumed: Int32 = -1
        let value = mk_spellout_parse(locale, units, Int32(units.count), &consumed)
        guard consumed > 0 else { return nil }
        return (value, Int(consumed) == units.count)
    }

    /// The ISO 4217 codes of the currencies in common use.
    public static let currencyCodes: [String] = {
        (string { mk_currency_codes($0, $1) } ?? "").split(separator: " ").map(String.init)
    }()

    public enum CurrencyStyle: Sendable, CaseIterable {
        case symbol, narrowSymbol, longName, pluralOne, pluralOther
        var c: mk_currency_style {
            switch self {
            case .symbol: return MK_CURRENCY_SYMBOL
            case .narrowSymbol: return MK_CURRENCY_NARROW_SYMBOL
            case .longName: return MK_CURRENCY_LONG_NAME
            case .pluralOne: return MK_CURRENCY_PLURAL_ONE
            case .pluralOther: return MK_CURRENCY_PLURAL_OTHER
            }
        }
    }

    /// A currency's name or symbol in a locale; nil when the locale data has none of its own.
    public static func currencyName(_ code: String, style: CurrencyStyle, locale: String) -> String? {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }),
              let locale = LanguageTag.icuLocale(locale), let s = string({ mk_currency_name(code, locale, style.c, $0, $1) }), !s.isEmpty else { return nil }
        return s
    }

    /// The name of month 1–12; `abbreviated` gives the short form; `standAlone` the form used
    /// without a day (they differ in Slavic languages, Catalan, …).
    public static func monthName(_ month: Int, abbreviated: Bool, standAlone: Bool = false, locale: String) -> String? {
        guard let locale = LanguageTag.icuLocale(locale) else { return nil }
        let style: Int32 = (standAlone ? 2 : 0) + (abbreviated ? 1 : 0)
        return string { mk_month_name(locale, style, Int32(month), $0, $1) }
    }
}

extension CLDR {
    public enum CodeKind: Int32, Sendable { case region = 0, language = 1, script = 2 }

    /// ISO codes ICU knows: regions (3166-1 alpha-2), languages (639), scripts (15924).
    public static func codes(_ kind: CodeKind) -> [String] {
        (string { mk_iso_codes(kind.rawValue, $0, $1) } ?? "").split(separator: " ").map(String.init)
    }

    /// Locales ICU has data for, without a region (`vi`, `en`, `sr_Latn`).
    public static let localesWithoutRegion: [String] = {
        (string { mk_iso_codes(3, $0, $1) } ?? "").split(separator: " ").map(String.init)
    }()
}

extension CLDR {
    /// Names of many codes in one display locale, in order; nil where CLDR has none.
    public static func displayNames(_ kind: CodeKind, _ codes: [String], in locale: String, short: Bool = false) -> [String?] {
        let joined = codes.joined(separator: " ")
        guard let locale = LanguageTag.icuLocale(locale), let text = string({ mk_display_names(kind.rawValue, joined, locale, short ? 1 : 0, $0, $1) }) else {
            return Array(repeating: nil, count: codes.count)
        }
        var names = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
        if names.count > codes.count { names.removeLast(names.count - codes.count) }
        while names.count < codes.count { names.append(nil) }
        return names
    }
}
