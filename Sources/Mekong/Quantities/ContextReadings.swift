/// Readings that the words around an amount decide: an age written with no unit, a count of a
/// whole, a score, a year standing alone. Each is lexicon data (`ages`, `countOf`, `yearsAlone`);
/// a language without the data reads none of them.
extension QuantityRecognizer {
    /// A lone number (or range of numbers) that is an age in years: after `aged` or `bà cụ`, or
    /// set off by commas after a word where the language writes ages so (`The striker, 29,`).
    func ageReading(_ q: Quantity, from i: Int, next: Int) -> Quantity? {
        guard q.unit == nil, q.kind == .number || (q.kind == .range && q.rangeOf == .number) else { return nil }
        let values = [q.value, q.min, q.max].compactMap { $0 }
        guard !values.isEmpty, values.allSatisfy({ $0 >= 1 && $0 <= 120 && $0 == $0.rounded() }) else { return nil }
        // What it counts, if a noun follows, is no age ("năm nay 30 hộ dân").
        let counts = next < tokens.count && match(tables.countNouns, at: next) != nil
        var age = (phrase(tables.agesAfter, endsAt: i) && !counts)
            || (q.qualifier == "over" && values.allSatisfy { $0 >= 20 } && phrase(tables.agesHedgedAfter, endsAt: i))
        // "ngoại bảy mươi", "ngoài đôi mươi": round tens spelled after "over", counting nothing,
        // are how old someone is.
        if !age, q.qualifier == "over", q.kind == .number, !counts, tokens[next - 1].kind == .word,
           values.allSatisfy({ $0 >= 20 && $0.truncatingRemainder(dividingBy: 10) == 0 }),
           tables.lexicon.ages.overTens.contains(tokens[i].lower) {
            age = true
        }
        if !age, tables.lexicon.ages.appositive, q.kind == .number, q.approximate == nil, tokens[i].kind == .digits, i >= 2,
           tokens[i - 1].raw == ",", tokens[i - 2].kind == .word, !isNumberToken(i - 2),
           next < tokens.count, tokens[next].raw == "," {
            age = true
        }
        return age ? asDuration(q, "Y") : nil
    }

    /// A number (or range of numbers) as a duration in the unit a designator names.
    func asDuration(_ q: Quantity, _ designator: String) -> Quantity {
        var a = q
        a.unit = designator
        if q.kind == .range {
            a.rangeOf = .duration
            a.iso = Self.duration(q.min ?? 0, designator) + "/" + Self.duration(q.max ?? 0, designator)
        } else {
            a.kind = .duration
            a.iso = Self.duration(q.value ?? 0, designator)
        }
        return a
    }

    /// The next of a list of ages (`aged 24 and 31`): a lone number joined to an age by a list
    /// or range word is one too (`tuổi từ 18 đến 25`; after a comma it is often something else:
    /// `30 tuổi , hai tay`).
    func listedAge(_ q: Quantity, after previous: Quantity?) -> Quantity? {
        guard let p = previous, p.kind == .duration, p.unit == "Y", p.end <= q.start, joinsList(p.end, q.start, orRange: true, comma: false),
              q.kind == .number, q.unit == nil, let v = q.value, v >= 1, v <= 120, v == v.rounded() else { return nil }
        return asDuration(q, "Y")
    }

    /// A lone number joined by a list word to an age or another duration after it takes its
    /// unit: `88 và 84 tuổi` is two ages (the guidelines' reading of a shared unit).
    func shareDurationUnits(_ found: inout [Quantity]) {
        guard found.count > 1 else { return }
        for j in stride(from: found.count - 2, through: 0, by: -1) {
            let next = found[j + 1], q = found[j]
            guard next.kind == .duration, next.approximate == nil, let unit = next.unit, q.kind == .number, q.unit == nil,
                  q.approximate == nil, let v = q.value, v == v.rounded(), v >= 1, let w = next.value, w == w.rounded(),
                  scalars[q.start..<q.end].allSatisfy(QuantityTokenizer.isDigit), joinsList(q.end, next.start, comma: false) else { continue }
            found[j] = asDuration(q, unit)
        }
    }

    /// A lone number before money or a measure that writes its unit, joined by a list word
    /// (`30 . 000 và 50 . 000 đồng`) or by the times sign of dimensions (`lô đất 5 x 20 m`), is
    /// in the same unit — only where the second writes its digits alone: a scale word after them
    /// (`2 và 3 triệu đồng`) would be the first's too, which this does not read.
    func shareAmountUnits(_ found: inout [Quantity]) {
        guard found.count > 1 else { return }
        func digitsAlone(_ q: Quantity) -> Double? {
            var digits = ""
            for s in scalars[q.start..<q.end] {
                if QuantityTokenizer.isDigit(s) { digits.unicodeScalars.append(s) }
                else if s == " " || s == "." { continue }
                else if QuantityTokenizer.isLetter(s) || s == "%" { break }
                else { return nil }
            }
            return Double(digits)
        }
        func timesSign(_ a: Int, _ b: Int) -> Bool {
            guard a <= b, b - a <= 4 else { return false }
            let gap = scalars[a..<b].filter { $0 != " " }
            return gap.count == 1 && (gap.first == "x" || gap.first == "×")
        }
        for j in stride(from: found.count - 2, through: 0, by: -1) {
            let next = found[j + 1], q = found[j]
            guard next.kind == .money || next.kind == .measure, next.approximate == nil, let unit = next.unit, let w = next.value,
                  digitsAlone(next) == w, q.kind == .number, q.unit == nil, q.approximate == nil, let v = q.value, v >= 1,
                  digitsAlone(q) == v, scalars[q.start..<q.end].allSatisfy({ QuantityTokenizer.isDigit($0) || $0 == " " || $0 == "." }),
                  joinsList(q.end, next.start, comma: false) || timesSign(q.end, next.start) else { continue }
            found[j].kind = next.kind
            found[j].unit = unit
        }
    }

    /// A word that is an age by itself: `ngũ tuần` (fifty), in `ngoại ngũ tuần`.
    /// So is twenty said alone after "over" (`ngoài đôi mươi`), where it counts nothing.
    func ageWord(at k: Int) -> Match? {
        var word = match(tables.ageWords, at: k)
        if word == nil, k > 0, tables.lexicon.ages.overTens.contains(tokens[k - 1].lower), let (v, e) = match(tables.standaloneTens, at: k),
           v >= 20, e >= tokens.count || (suffix(at: e) == nil && match(tables.countNouns, at: e) == nil) {
            word = (v, e)
        }
        guard let (v, e) = word else { return nil }
        var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .number)
        q.value = v
        return Match(quantity: asDuration(q, "Y"), next: e)
    }

    /// "tạ rưỡi" (150 kg), "tiếng rưỡi" (an hour and a half): a unit of measure or time said
    /// with its half and no number before it is one and a half of it. Not a number word that
    /// is also a unit ("năm rưỡi" is five and a half), nor a capitalized word.
    func unitAndAHalf(at k: Int) -> Match? {
        // Most words are followed by no half: asked first, before any unit is looked up.
        guard k + 1 < tokens.count, tokens[k].kind == .word, !tokens[k].capitalized,
              (k + 1...Swift.min(k + 3, tokens.count - 1)).contains(where: { match(tables.halves, at: $0) != nil }),
              let (s, e) = suffix(at: k), e < tokens.count, let (_, h) = match(tables.halves, at: e), spelledAmount(k) == nil else { return nil }
        switch s {
        case .unit, .duration: break
        case .currency, .subunit: return nil
        }
        let (kind, unit, factor) = kindAndUnit(s)
        var q = Quantity(start: tokens[k].start, end: tokens[h - 1].end, kind: kind)
        q.unit = unit
        q.value = 1.5 * factor
        if kind == .duration, let d = unit { q.iso = Self.duration(1.5, d) }
        return Match(quantity: q, next: h)
    }

    /// `in his 60s`: a decade of life after a possessive, an age in years, approximately.
    func decadeAge(at k: Int) -> Match? {
        guard tokens[k].kind == .digits, k + 1 < tokens.count, tokens[k + 1].lower == "s", !tokens[k + 1].spaceBefore,
              phrase(tables.decadeAgesAfter, endsAt: k), let v = Double(tokens[k].raw), v >= 10, v <= 110,
              v.truncatingRemainder(dividingBy: 10) == 0 else { return nil }
        var q = Quantity(start: tokens[k].start, end: tokens[k + 1].end, kind: .number)
        q.value = v
        q = asDuration(q, "Y")
        q.approximate = "s"
        q.qualifier = "about"
        return Match(quantity: q, next: k + 2)
    }

    /// A lone number word before a `countOf` phrase: `một trong những lá đơn`, `ba trong bốn cô
    /// gái`, and where a total must follow, `one of the three bidders` (not `one of the reasons`).
    func countOfWhole(at k: Int) -> Match? {
        // The phrase after first: it is matched on vocabulary numbers, the word's value is not.
        guard !tables.countOf.isEmpty, tokens[k].kind == .word, tokens[k].id >= 0, k + 1 < tokens.count,
              let (_, e) = match(tables.countOf, at: k + 1), let n = spelledWord(k) else { return nil }
        // Other than one, a whole must be written after it ("ba trong bốn"; "lâu năm trong nghề").
        if tables.lexicon.countOfNeedsTotal || n != 1 {
            guard e < tokens.count, let total = digitAmount(e) ?? spelledAmount(e), total.value >= 2 else { return nil }
        }
        var q = Quantity(start: tokens[k].start, end: tokens[k].end, kind: .number)
        q.value = n
        return Match(quantity: q, next: k + 1)
    }

    /// The value of a number said in one word at `k` (`một`, `ba`, `one`), if it is one.
    private func spelledWord(_ k: Int) -> Double? {
        guard let a = spelledAmount(k), a.end == k + 1, a.value >= 1, !isName(k) else { return nil }
        return a.value
    }

    /// `3-1`, `30-27`: integers joined by a dash downwards (or level) are two numbers, a score
    /// or a vote; upwards they are a range (`10-12 days`), read elsewhere.
    func descendingPair(at k: Int) -> [Quantity]? {
        let t = tokens[k]
        guard t.kind == .numeral else { return nil }
        let s = Array(t.raw.unicodeScalars)
        guard let dash = s.firstIndex(where: { $0 == "-" || $0 == "–" }), dash > 0, dash < s.count - 1,
              s[..<dash].allSatisfy(QuantityTokenizer.isDigit), s[(dash + 1)...].allSatisfy(QuantityTokenizer.isDigit),
              dash <= 3, s.count - dash - 1 <= 3,
              let a = Int(String(scalars: s[..<dash])), let b = Int(String(scalars: s[(dash + 1)...])),
              a >= b, suffix(at: k + 1) == nil else { return nil }
        var first = Quantity(start: t.start, end: t.start + dash, kind: .number)
        first.value = Double(a)
        var second = Quantity(start: t.start + dash + 1, end: t.end, kind: .number)
        second.value = Double(b)
        return [first, second]
    }

    /// A bare number after a word and before punctuation, where the language writes counts
    /// before their noun: a label (`km 95 .`, `đoàn 375 ,`), unless it is a year.
    func isLabel(_ k: Int) -> Bool {
        guard tables.lexicon.labelsAfterWords, k > 0, k + 1 < tokens.count, tokens[k - 1].kind == .word, tokens[k].spaceBefore,
              tokens[k + 1].kind == .other, [".", ",", ";", ":", "!", "?", ")"].contains(tokens[k + 1].raw), !isYearAlone(k) else { return false }
        // "… 1 , 2 , 3": a list of numbers is no label, nor "500 . 000 đ" (groups written apart),
        // nor the high end of a range ("từ 18 đến 25 .").
        if k + 2 < tokens.count, isNumberToken(k + 2) { return false }
        if k >= 2, isNumberToken(k - 2), tables.lexicon.rangeConnectors.contains(tokens[k - 1].lower) { return false }
        // "năm nay đã 94 ,", "giờ đã 32 .": an age said without its unit; "là 26 ,": a value.
        return !phrase(tables.agesAfter, endsAt: k) && !phrase(tables.valuesAfter, endsAt: k)
    }

    /// A four-digit year with nothing after it, where the language reads such numbers as years.
    func isYearAlone(_ k: Int) -> Bool {
        guard tables.lexicon.yearsAlone, tokens[k].kind == .digits, tokens[k].raw.utf8.count == 4,
              let v = Int(tokens[k].raw), (1800...2100).contains(v) else { return false }
        return suffix(at: k + 1) == nil
    }
}
