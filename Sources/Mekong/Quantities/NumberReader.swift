/// An amount read from the text: its value and where it lies in the quantity tokens.
struct Amount {
    var value: Double
    /// Token range [start, end).
    var start: Int
    var end: Int
    /// The decimal digits as written, normalized ("112.6"), so that scaling stays exact.
    var decimal: String?
    /// Spelled in words (needs more care: `một`, `năm` and `ba` are often not numbers).
    var spelled = false
    var words = 0
    /// A scale word applied (`tỷ`, `million`).
    var scaled = false
    /// The high end, when one token holds a range (`30-50`).
    var high: Double?
    /// The product of the scale words read (`nghìn tỷ` = 10¹²).
    var appliedScale: Double?
    /// A vague multiple written as the amount (`hundreds`, `tens of thousands`): its words.
    var vague: String?

    /// Multiplies by a scale, exactly when the digits were written out.
    mutating func scale(by factor: Double) {
        if let decimal, factor >= 1, let exponent = Self.exponent(of: factor), let v = Double("\(decimal)e\(exponent)") {
            value = v
            self.decimal = Self.decimalString(v)
        } else {
            value *= factor
            decimal = nil
        }
        if let h = high { high = h * factor }
        scaled = true
    }

    static func exponent(of factor: Double) -> Int? {
        var f = factor
        var e = 0
        while f >= 10 { f /= 10; e += 1 }
        return f == 1 ? e : nil
    }

    static func decimalString(_ v: Double) -> String? {
        guard v.isFinite, v < 1e18 else { return nil }
        if v == v.rounded() { return String(Int64(v)) }
        return String(v)
    }
}

extension QuantityRecognizer {
    // MARK: Digits

    /// Reads digits with separators by the language's convention, or the other convention
    /// when the shape leaves no doubt: `112,6` (vi) = 112.6 · `1.000.000` = 10⁶ · `1,000,000`
    /// (vi) = 10⁶ too, because a decimal mark comes once · `3.5` (vi) = 3.5, because a group has
    /// three digits · `1.234,5` = 1234.5. Version numbers and dotted identifiers give nil.
    func numeral(_ raw: String) -> (value: Double, decimal: String)? {
        let s = Array(raw.unicodeScalars)
        var separators: [(index: Int, mark: Unicode.Scalar)] = []
        for (i, c) in s.enumerated() where !QuantityTokenizer.isDigit(c) {
            guard c == "." || c == "," || c == "'" || c == "’" || tables.groupMarks.contains(c) else { return nil }
            separators.append((i, c))
        }
        func digits(_ r: Range<Int>) -> String { String(scalars: s[r]) }
        if separators.isEmpty {
            guard let v = Double(raw) else { return nil }
            return (v, raw)
        }
        let marks = Set(separators.map(\.mark))
        var decimalAt: Int?
        if marks.count > 2 { return nil }
        if marks.count == 2 {
            guard let last = separators.last, separators.filter({ $0.mark == last.mark }).count == 1 else { return nil }
            decimalAt = last.index
        } else if separators.count == 1 {
            let at = separators[0].index
            let after = s.count - at - 1
            let leadingZero = at == 1 && s[0] == "0"
            if after != 3 || leadingZero || separators[0].mark == tables.decimalMark || at > 3 { decimalAt = at }
            if separators[0].mark == "'" || separators[0].mark == "’" || separators[0].mark == " " { decimalAt = nil }
        }
        // Every group between separators (before the decimal mark) has three digits.
        let groupSeparators = separators.filter { $0.index != decimalAt }
        var previous = -1
        for (n, sep) in groupSeparators.enumerated() {
            let size = sep.index - previous - 1
            if n == 0 ? !(1...3).contains(size) : size != 3 { return nil }
            previous = sep.index
        }
        let integerEnd = decimalAt ?? s.count
        if !groupSeparators.isEmpty, integerEnd - previous - 1 != 3 { return nil }
        var integer = ""
        for i in 0..<integerEnd where QuantityTokenizer.isDigit(s[i]) { integer.unicodeScalars.append(s[i]) }
        var text = integer
        if let d = decimalAt {
            let fraction = digits((d + 1)..<s.count)
            guard !fraction.isEmpty else { return nil }
            text += "." + fraction
        }
        guard let v = Double(text) else { return nil }
        return (v, text)
    }

    /// A number in digits at token `k`, with spaced thousands joined (`70 . 000`, `1 000 000`
    /// where the language groups with a space), or a range token (`30-50`).
    func digitAmount(_ k: Int) -> Amount? {
        let tok = tokens[k]
        guard tok.kind == .digits || tok.kind == .numeral else { return nil }
        let raw = tok.raw
        if tok.kind == .numeral, let dash = raw.unicodeScalars.firstIndex(where: { $0 == "-" || $0 == "–" }) {
            let lo = String(raw.unicodeScalars[..<dash])
            let hi = String(raw.unicodeScalars[raw.unicodeScalars.index(after: dash)...])
            guard let a = numeral(lo), let b = numeral(hi), a.value < b.value else { return nil }
            var amount = Amount(value: a.value, start: k, end: k + 1, decimal: a.decimal)
            amount.high = b.value
            return amount
        }
        if raw.unicodeScalars.contains(where: { $0 == "/" || $0 == ":" }) { return nil }
        guard var (value, decimal) = numeral(raw) else { return nil }
        var end = k + 1
        // Thousands written apart: "70 . 000" (a dot with spaces), or "1 000 000" in a language
        // that groups with a space.
        if tok.kind == .digits, raw.count <= 3 {
            let spaceGroups = tables.groupMarks.contains(" ") && tables.language != "en" && tables.decimalMark != "."
                && CLDR.symbol(.grouping, locale: tables.language).map { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) } == true
            var joined = raw
            var e = end
            while true {
                if e + 1 < tokens.count, tokens[e].raw == String(tables.groupMark), tokens[e].spaceBefore, tokens[e + 1].spaceBefore,
                   tokens[e + 1].kind == .digits, tokens[e + 1].raw.count == 3 {
                    joined += tokens[e + 1].raw
                    e += 2
                } else if spaceGroups, e < tokens.count, tokens[e].kind == .digits, tokens[e].raw.count == 3, tokens[e].spaceBefore,
                          gapIsOnlySpace(e) {
                    joined += tokens[e].raw
                    e += 1
                } else {
                    break
                }
            }
            if e > end, let v = Double(joined) {
                value = v
                decimal = joined
                end = e
            }
            // A decimal mark written apart, as tokenized text has it ("2 , 5 kg"): only where the
            // reading is sure, since "3 , 4 người" is a list.
            if end + 2 <= tokens.count, end + 1 < tokens.count, tokens[end].raw == String(tables.decimalMark), tokens[end].spaceBefore,
               tokens[end + 1].spaceBefore, tokens[end + 1].kind == .digits, tokens[end + 1].raw.count <= 3,
               spacedDecimalIsSure(k, whole: joined, fraction: tokens[end + 1].raw, after: end + 2),
               let v = Double(joined + "." + tokens[end + 1].raw) {
                value = v
                decimal = joined + "." + tokens[end + 1].raw
                end += 2
            }
        }
        return Amount(value: value, start: k, end: end, decimal: decimal)
    }

    /// Whether `whole , fraction` written apart is one decimal number, not a list of two: a unit,
    /// currency or scale word follows (`2 , 5 kg`, `1 , 5 - 2 triệu`); a multiplier word precedes
    /// (`gấp 2 , 5 lần`); a zero leads or ends a part, which no listed count has (`0 , 7`,
    /// `8 , 0 trở lên`); or a noun that takes fractional amounts follows or just precedes and the
    /// two are not neighbours (`29 , 5 điểm`, `điểm trung bình 6 , 2`, but `3 , 4 điểm` stays
    /// three or four).
    private func spacedDecimalIsSure(_ k: Int, whole: String, fraction: String, after j: Int) -> Bool {
        // "15 , 16 tuổi": neighbours before an age word are two ages, never a fraction of a year.
        if let a = Int(whole), let b = Int(fraction), b == a + 1, j < tokens.count && match(tables.durationPrefixes, at: j) != nil { return false }
        // "từ 1 , 2 đến 3 %": after a range opener, its closing word leads to the other end too.
        let closers = k > 0 ? match(tables.rangeOpeners, at: k - 1).flatMap { $0.1 == k ? $0.0 : nil } : nil
        if suffix(at: j) != nil || match(tables.scales, at: j) != nil || rangeEndWithUnit(from: j, closers: closers) { return true }
        if k > 0, tables.lexicon.multiplierPrefixes.contains(tokens[k - 1].lower) { return true }
        if whole == "0" || fraction.hasPrefix("0") { return true }
        // After it ("29 , 5 điểm", "1 , 5 lần") or just before it ("điểm trung bình 6 , 2").
        let nounBefore = (1...3).contains { k - $0 >= 0 && tables.lexicon.fractionalNouns.contains(tokens[k - $0].lower) }
        guard nounBefore || (j < tokens.count && tables.lexicon.fractionalNouns.contains(tokens[j].lower)) else { return false }
        guard let a = Int(whole), let b = Int(fraction) else { return false }
        return b != a + 1
    }

    /// A dash (or one of an opener's `closers`) and a number with a unit or scale after it
    /// ("1 , 5 - 2 triệu đồng"), at `j`: the other end of a range, which vouches for a decimal
    /// mark written apart before it.
    private func rangeEndWithUnit(from j: Int, closers: Set<String>?) -> Bool {
        guard j < tokens.count, isDash(j) || closers?.contains(tokens[j].lower) == true,
              j + 1 < tokens.count, tokens[j + 1].kind == .digits else { return false }
        var e = j + 2
        if e + 1 < tokens.count, tokens[e].raw == String(tables.decimalMark), tokens[e + 1].kind == .digits { e += 2 }
        return suffix(at: e) != nil || match(tables.scales, at: e) != nil
    }

    func gapIsOnlySpace(_ k: Int) -> Bool {
        let from = tokens[k - 1].end, to = tokens[k].start
        return to - from == 1 && (scalars[from] == " " || scalars[from] == "\u{00A0}" || scalars[from] == "\u{202F}")
    }

    // MARK: Words

    /// A spelled-out number at token `k`, by the lexicon's grammar or, for a language without
    /// one, by ICU's spell-out rules over the longest run of its number words.
    func spelledAmount(_ k: Int) -> Amount? {
        if let words = tables.lexicon.numberWords { return spelled(k, words) }
        return icuSpelled(k)
    }

    private enum Last { case none, digit, tens, tensMultiplier, hundred, scale, link, article }

    private func spelled(_ k: Int, _ w: QuantityLexicon.NumberWords) -> Amount? {
        // Only a digit, a ten, a hundred or an article can be read first below (the other
        // words need one of those before them); `w` is the lexicon's or a part of it.
        guard k < tokens.count, tables.spelledOpeners.contains(tokens[k].lower) else { return nil }
        var parts: [Double] = []
        var group = 0.0
        var small = 0.0
        var last = Last.none
        var lastDigit = 0
        var lastTens = 0
        var lastScale = 1.0
        var j = k
        var end = k
        var words = 0
        var fraction: String?
        func closeScale(_ s: Double) {
            var chunk = group + small
            if chunk == 0 && last != .digit && last != .scale { chunk = 1 }
            var below = chunk
            while let p = parts.last, p < s { below += p; parts.removeLast() }
            parts.append(below * s)
            group = 0; small = 0
        }
        scan: while j < tokens.count {
            let tok = tokens[j]
            let word = tok.lower
            if j > k, tok.kind == .other, word == "-", !tok.spaceBefore, last == .tens, lastTens % 10 == 0,
               j + 1 < tokens.count, !tokens[j + 1].spaceBefore, w.digits[tokens[j + 1].lower] != nil {
                j += 1
                continue
            }
            if j > k, tok.kind != .word { break }
            if let d = w.digits[word], !(w.notAfterTens.contains(word) && (last == .tens || last == .tensMultiplier)),
               last != .digit, !(last == .tens && lastTens % 10 != 0) {
                // After a hundred or a scale without a link, a lone digit belongs to a new number.
                // In Vietnamese a lone digit after a hundred or a scale, with no linh/lẻ, starts
                // something else: "một trăm năm" is a hundred years, 105 is "một trăm linh năm".
                if (last == .hundred || last == .scale), !w.link.isEmpty, !w.tensMultiplier.isEmpty {
                    let next = j + 1 < tokens.count ? tokens[j + 1].lower : ""
                    let fullGroup = w.tensMultiplier.contains(next) || (last == .scale && (w.hundred.contains(next) || (j + 1 < tokens.count && tables.scales.single(tokens[j + 1].id) != nil)))
                    if !fullGroup { break }
                }
                small += Double(d); last = .digit; lastDigit = d
            } else if let d = w.digitsAfterTens[word], last == .tens || last == .tensMultiplier {
                small += Double(d); last = .digit; lastDigit = d
            } else if w.tensMultiplier.contains(word), last == .digit, lastDigit >= 1 {
                small += Double(lastDigit * 9); last = .tensMultiplier; lastTens = lastDigit * 10
            } else if let t = w.tens[word], last != .digit, last != .tens, last != .tensMultiplier {
                small += Double(t); last = .tens; lastTens = t
            } else if w.hundred.contains(word), small < 10, last != .hundred {
                group += (small == 0 && last != .digit ? 1 : small) * 100
                small = 0; last = .hundred
            } else if let s = tables.scales.single(tok.id), last != .none || j > k {
                closeScale(s); lastScale = s; last = .scale
            } else if w.link.contains(word), last == .hundred || last == .scale {
                last = .link; j += 1; words += 1
                continue
            } else if w.half.contains(word), last == .scale || last == .hundred || last == .digit {
                if last == .scale, !parts.isEmpty { parts[parts.count - 1] += lastScale / 2 }
                else if last == .hundred { group += 50 }
                else { small += 0.5 }
                j += 1; words += 1; end = j
                break scan
            } else if w.point.contains(word), last == .digit || last == .tens || last == .tensMultiplier {
                // Digits after the point: one word each ("point one five"), or a number read whole
                // ("hai phẩy mười lăm" = 2,15).
                var digits = ""
                var m = j + 1
                while m < tokens.count, let d = w.digits[tokens[m].lower] ?? w.digitsAfterTens[tokens[m].lower] {
                    digits += String(d); m += 1
                }
                if digits.count == 1, m < tokens.count, w.tensMultiplier.contains(tokens[m].lower) || w.tens[tokens[m].lower] != nil {
                    digits = ""; m = j + 1
                }
                if digits.isEmpty, let inner = spelled(j + 1, QuantityLexicon.NumberWords(digits: w.digits, digitsAfterTens: w.digitsAfterTens, tens: w.tens, tensMultiplier: w.tensMultiplier)),
                   inner.value == inner.value.rounded(), inner.value < 1000 {
                    digits = String(Int(inner.value)); m = inner.end
                }
                guard !digits.isEmpty else { break scan }
                fraction = digits
                words += m - j
                j = m; end = m
                break scan
            } else if w.article.contains(word), last == .none, j + 1 < tokens.count,
                      w.hundred.contains(tokens[j + 1].lower) || tables.scales.single(tokens[j + 1].id) != nil {
                small = 1; last = .digit; lastDigit = 1
            } else {
                break
            }
            j += 1
            words += 1
            end = j
        }
        guard words > 0, end > k else { return nil }
        var value = parts.reduce(0, +) + group + small
        var decimal: String? = Amount.decimalString(value)
        if let fraction, let v = Double("\(Int(value)).\(fraction)") { value = v; decimal = "\(Int(value)).\(fraction)" }
        var amount = Amount(value: value, start: k, end: end, decimal: decimal)
        amount.spelled = true
        amount.words = words
        amount.scaled = parts.count > 0
        return amount
    }

    /// ICU's spell-out parse over the longest run of the language's number words that ICU
    /// reads whole (it returns the value of any prefix it understood, so partial reads are
    /// refused and the run is shortened).
    private func icuSpelled(_ k: Int) -> Amount? {
        guard !tables.spellOutWords.isEmpty else { return nil }
        var e = k
        while e < tokens.count {
            let t = tokens[e]
            if tables.spellOutWords[t.lower] != nil { e += 1; continue }
            if t.raw == "-", e > k, !t.spaceBefore, e + 1 < tokens.count, !tokens[e + 1].spaceBefore,
               tables.spellOutWords[tokens[e + 1].lower] != nil { e += 1; continue }
            break
        }
        while e > k {
            // ICU reads back what it writes: each word in ICU's own form.
            var text = ""
            for j in k..<e {
                if j > k, tokens[j].spaceBefore { text += " " }
                text += tables.spellOutWords[tokens[j].lower] ?? tokens[j].raw
            }
            if let (value, whole) = CLDR.parseSpellOut(text, locale: tables.language), whole, value.isFinite, value >= 0 {
                var amount = Amount(value: value, start: k, end: e, decimal: Amount.decimalString(value))
                amount.spelled = true
                amount.words = e - k
                return amount
            }
            e -= 1
        }
        return nil
    }
}
