/// A quantity written for a target locale by ICU from CLDR data — what a translator would
/// write: `€109 billion` (en), `109 milliards €` (fr), `109 Milliarden €` (de), `5 km`,
/// `12.5%`. Dates, times and durations are left to the translator's own tools.
enum QuantityRendering {
    static func render(_ q: Quantity, locale: String, tables: QuantityTables) -> String? {
        switch q.kind {
        case .range:
            guard let lo = q.min, let hi = q.max, let of = q.rangeOf else { return nil }
            var low = q
            low.kind = of
            low.value = lo
            var high = low
            high.value = hi
            guard let a = render(low, locale: locale, tables: tables), let b = render(high, locale: locale, tables: tables) else { return nil }
            return "\(a)–\(b)"
        case .money:
            guard let v = q.value, let code = q.unit else { return nil }
            return money(v, code: code, locale: locale)
        case .percent:
            guard let v = q.value else { return nil }
            return CLDR.format(v, skeleton: "measure-unit/\(q.unit == "‰" ? "concentr-permille" : "concentr-percent") precision-unlimited", locale: locale)
        case .measure:
            guard let v = q.value, let unit = q.unit else { return nil }
            if let icu = tables.lexicon.unitDefinitions[unit]?.icu,
               let s = CLDR.format(v, skeleton: "measure-unit/\(icu) unit-width-short precision-unlimited", locale: locale) { return s }
            guard let n = number(v, locale: locale) else { return nil }
            return "\(n) \(unit)"
        case .number:
            guard let v = q.value else { return nil }
            return number(v, locale: locale)
        case .ordinal, .date, .time, .duration:
            return nil
        }
    }

    /// Large amounts with the scale in words (`109 billion`), put in the locale's currency
    /// pattern (`€#`, `# €`): ICU's compact currency formats only come in the short style.
    static func money(_ v: Double, code: String, locale: String) -> String? {
        let large = abs(v) >= 1_000_000
        guard large else { return CLDR.format(v, skeleton: "currency/\(code) precision-currency-standard", locale: locale) }
        guard let compact = CLDR.format(v, skeleton: "compact-long precision-unlimited", locale: locale),
              let pattern = CLDR.format(7, skeleton: "currency/\(code) precision-integer", locale: locale),
              pattern.unicodeScalars.filter({ $0 == "7" }).count == 1 else { return nil }
        return pattern.replacingFirst("7", with: compact)
    }

    static func number(_ v: Double, locale: String) -> String? {
        CLDR.format(v, skeleton: abs(v) >= 1_000_000 ? "compact-long precision-unlimited" : "precision-unlimited", locale: locale)
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
