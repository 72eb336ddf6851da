/// Finds the quantities in one text: a left-to-right scan over its tokens that tries, at each
/// token that can begin one, a date, a time, an ordinal and then an amount with its scale,
/// unit or currency, qualifier and range — and keeps the first that reads.
struct QuantityRecognizer {
    let tables: QuantityTables
    let scalars: [Unicode.Scalar]
    let tokens: [QuantityToken]

    init(tables: QuantityTables, scalars: [Unicode.Scalar], tokens: [QuantityToken]) {
        self.tables = tables
        self.scalars = scalars
        self.tokens = tokens
    }

    /// A quantity and the token where the scan goes on.
    struct Match {
        var quantity: Quantity
        var next: Int
    }

    func recognize() -> [Quantity] {
        var found: [Quantity] = []
        var i = 0
        while i < tokens.count {
            let tok = tokens[i]
            let numeric = tok.kind == .digits || tok.kind == .numeral
            // A word before a half may be a unit said with it ("tạ rưỡi"; `unitAndAHalf`).
            guard numeric || (tok.id >= 0 && tables.starterIDs.contains(tok.id)) || isISOCode(tok)
                    || (i + 1 < tokens.count && tok.kind == .word && match(tables.halves, at: i + 1) != nil) else { i += 1; continue }
            // A number after "quốc lộ", "route", "số", "phone" names or identifies something —
            // not after the end of a name ("Nha Trang năm 2003" is no page number).
            if var (_, e) = match(tables.notQuantityAfter, at: i), e < tokens.count,
               !(e == i + 1 && tok.capitalized && i > 0 && tokens[i - 1].capitalized && !isSentenceStart(i)) {
                if [":", "-", "#"].contains(tokens[e].raw), e + 1 < tokens.count { e += 1 }
                // "xe buýt số 19": the word for "number" between the head and its digits.
                if tables.lexicon.numberSigns.contains(tokens[e].lower), e + 1 < tokens.count, isNumberToken(e + 1) { e += 1 }
                if tokens[e].raw == "(", e + 1 < tokens.count, isNumberToken(e + 1) { e += 1 }
                // ... unless a unit or a scale says it measures ("cuộc điện thoại 39 giây", "quãng
                // đường 42 , 195 km", "xóm 10 triệu đồng") or a noun what it counts ("con đường 24
                // khúc cua"; not a street: "ngách 115 đường …", nor a place's head before its name:
                // "ấp 3 xã Tân Phú"). A part of what it identifies is neither ("quốc lộ 91 đoạn qua").
                let after = isNumberToken(e) ? (digitAmount(e)?.end ?? e + 1) : e + 1
                let scaled = after < tokens.count && tokens[after].spaceBefore && match(tables.scales, at: after) != nil
                let counted = countsNoun(e + 1) && !(match(tables.countNouns, at: e + 1).map { $0.1 < tokens.count && tokens[$0.1].capitalized } ?? false)
                if isNumberToken(e), tokens[e].kind == .numeral || (suffix(at: after) == nil && !scaled && !counted)
                    || date(at: e + 1) != nil || match(tables.identifierParts, at: after) != nil {
                    i = skipIdentifier(from: e, groups: true, lists: true)
                    continue
                }
                // "cả xóm ba chân bốn cẳng": an idiom after the head is still one.
                if let (_, ie) = match(tables.idioms, at: e) { i = ie; continue }
                // "ngã ba" (a junction), "tầng hai": a number word there names too — unless a unit
                // says it measures ("thời trang hai năm" is two years, no page two).
                if tokens[e].kind == .word, let a = spelledAmount(e), suffix(at: a.end) == nil {
                    i = a.end
                    continue
                }
            }
            // A spreadsheet's mangling of "1/6" or "12/20" into "6-Jan", "20-Dec" (treebank text
            // has it): no amount can be read back with certainty.
            if numeric, i + 2 < tokens.count, !tokens[i + 1].spaceBefore, tokens[i + 1].raw == "-", !tokens[i + 2].spaceBefore,
               Self.spreadsheetMonths.contains(tokens[i + 2].raw) {
                i += 3
                continue
            }
            // "stadium 7", "cienco 5": a word no Vietnamese syllable spells, then a bare number —
            // but a year stays one ("( SN 1970 )", born in; "Euro 2008" names its year).
            if numeric, tables.lexicon.foreignWordNames, i > 0, tok.spaceBefore, tokens[i - 1].kind == .word, tokens[i - 1].id < 0,
               VietnameseSyllable(scalars[tokens[i - 1].start..<tokens[i - 1].end]) == nil, suffix(at: i - 1) == nil, currencyPrefix(at: i - 1) == nil,
               suffix(at: digitAmount(i)?.end ?? i + 1) == nil, !isYearAlone(i) {
                i = skipIdentifier(from: i, groups: false)
                continue
            }
            // Digits glued to letters before them name something ("G7", "U23", "QL1A").
            if numeric, i > 0, !tok.spaceBefore, tokens[i - 1].kind == .word, tokens[i - 1].end == tok.start {
                i = skipIdentifier(from: i, groups: false)
                continue
            }
            // A number right after a capitalized word inside a sentence is part of a name
            // ("cầu Bình Triệu 2", "thủy điện Ia Me 3", "tàu Hoàng Đạt 35").
            // A scale word or a year says it is an amount after all ("cho Tuấn 20 triệu đồng",
            // "Tết Mậu Thân 1968").
            if numeric, i > 0, tok.spaceBefore, tokens[i - 1].kind == .word, tokens[i - 1].capitalized,
               !isSentenceStart(i - 1), !isISOCode(tokens[i - 1]), tok.kind == .digits, suffix(at: digitAmount(i)?.end ?? i + 1) == nil,
               match(tables.scales, at: i + 1) == nil, !startsDateOrAmount(i - 1), !isYearAlone(i),
               !phrase(tables.weekdays, endsAt: i) {  // "thứ Tư 21 - 12 - 2005" is a date
                i = skipIdentifier(from: i, groups: false)
                continue
            }
            // "Trung tâm số 2", "Công ty Xây dựng số 4": the number of a name; "đội số 3", "sân số
            // 2": a number after the word for "number" identifies, unless the word is part of a
            // noun ("trong số 12 dự án", "tổng số", "con số") or the number counts or measures.
            if numeric, i >= 1, tables.lexicon.numberSigns.contains(tokens[i - 1].lower),
               (i >= 2 && namedBefore(i - 1)) || numberSignIdentifies(i) {
                i = skipIdentifier(from: i, groups: true)
                continue
            }
            // A house number: "số 12 đường Lê Lợi", "45 phố Hàng Bài".
            if tok.kind == .digits, let (_, e) = match(tables.streetWords, at: i + 1), e < tokens.count, tokens[e].capitalized {
                i += 1
                continue
            }
            if tok.kind == .digits, isLabel(i) {
                i += 1
                continue
            }
            if numeric, isIdentifierLike(i) {
                i = skipIdentifier(from: i, groups: true)
                continue
            }
            // "từ năm lên 7": the year word of an age phrase ("năm lên", the year one turned …)
            // counts nothing.
            if startsAgePhrase(i) { i += 1; continue }
            // "one of the three", "một trong những": a count of a whole, before any idiom.
            if let m = countOfWhole(at: i) { found.append(m.quantity); i = m.next; continue }
            // "at first", "no one", "một mình": number words that count nothing.
            if let (_, e) = match(tables.idioms, at: i) { i = e; continue }
            // "in his 60s": an age by the decade.
            if let m = decadeAge(at: i) { found.append(m.quantity); i = m.next; continue }
            if var m = parse(at: i) {
                // Letters glued after the digits that the amount did not read as a unit, scale
                // or suffix make a code ("54N-7", "3G"): "20km", "1990s", "21st" read theirs.
                if m.next < tokens.count, m.next > i, !tokens[m.next].spaceBefore, tokens[m.next].kind == .word,
                   isNumberToken(m.next - 1) {
                    i = skipIdentifier(from: m.next - 1, groups: false)
                    continue
                }
                // "7,5% một năm", "một tháng 200.000 đồng": one of a time unit beside an amount
                // is its rate ("a year"), not a duration of its own.
                if isRate(m, at: i, after: found.last) { i = m.next; continue }
                if let age = ageReading(m.quantity, from: i, next: m.next) ?? listedAge(m.quantity, after: found.last) { m.quantity = age }
                found.append(m.quantity)
                i = Swift.max(m.next, i + 1)
                continue
            }
            // "won 3-1": two numbers joined by a dash downwards are a score, no range.
            if let pair = descendingPair(at: i) { found.append(contentsOf: pair); i += 1; continue }
            // A weekday that read as no ordinal ("vào thứ hai ,") holds no number either.
            if let (_, e) = match(tables.weekdays, at: i) { i = e; continue }
            i += 1
        }
        shareDateParts(&found)
        shareDayPeriods(&found)
        shareDurationUnits(&found)
        shareAmountUnits(&found)
        return found
    }

    func parse(at i: Int) -> Match? {
        var k = i
        // The hedge as the lexicon keys it (its text is built only when it is kept).
        var qualifier: (key: String, meaning: String)?
        // A vague word on the scale after the hedge ("lên đến vài triệu"): the scale stands alone.
        var vagueScale = false
        if let (meaning, e) = match(tables.approximate, at: k), e < tokens.count {
            // "nhiệt độ 40", "độ tuổi 20": a word that ends or begins like a hedge; "tuyến trên lúc
            // 23 g": a range opener or "lúc" after a preposition-like hedge says it hedges nothing.
            if phrase(tables.notHedges, endsAt: e) || (match(tables.notHedges, at: k)?.1 ?? e) > e { return nil }
            if tables.lexicon.weakHedges.contains(key(k, e)), match(tables.rangeOpeners, at: e) != nil || match(tables.timePrefixes, at: e) != nil { return nil }
            qualifier = (key(k, e), meaning)
            k = e
            // Two hedges on one amount ("chừng vài chục", "khoảng hơn"): the second a vague word
            // on the scale, the surface holds both.
            if let (second, e2) = match(tables.approximate, at: k), e2 < tokens.count,
               tables.lexicon.bareScaleQualifiers.contains(key(k, e2)), match(tables.rangeOpeners, at: e2) == nil, isBareScale(at: e2) {
                k = e2
                // Only a vague count ("vài", "mấy", "hàng") makes the scale the amount; after
                // "ước tính", "hơn" is the hedge and the span starts there.
                guard second == "a few" || second == "order of" else { return nil }
                vagueScale = true
            }
        }
        let bareScaleAllowed = vagueScale || (qualifier.map { tables.lexicon.bareScaleQualifiers.contains($0.key) } ?? false)
        // A hedge only before a scale word ("cả trăm"): elsewhere the word means something else
        // ("cả hai", both), and the amount after it stands alone.
        if let qualifier, tables.lexicon.bareScaleOnlyQualifiers.contains(qualifier.key), !isBareScale(at: k) {
            return nil
        }
        // The readings in order, the first that matches wins.
        func reading() -> Match? {
            if let m = dateRange(at: k) ?? date(at: k) ?? fraction(at: k) ?? time(at: k) ?? ordinal(at: k) { return m }
            if let m = multiplier(at: k) ?? prefixedDuration(at: k) ?? openedDate(at: k) ?? ageWord(at: k) { return m }
            return amountExpression(at: k, bareScale: bareScaleAllowed) ?? unitAndAHalf(at: k)
        }
        guard var m = reading() else { return nil }
        // "trên hai bờ" (on), "ngoài hai người" (besides): a weak hedge before a small spelled
        // count is a preposition, outside the span.
        if let qualifier, tables.lexicon.weakHedges.contains(qualifier.key), m.quantity.kind == .number,
           tokens[k].kind == .word, (m.quantity.value ?? 0) < 10 {
            return m
        }
        // "5 luật sư trên 100 . 000 dân": after a count, a weak hedge before a power of ten is
        // "per", a rate's base, not "over".
        if let qualifier, tables.lexicon.weakHedges.contains(qualifier.key), let v = m.quantity.value, v >= 100,
           Amount.exponent(of: v) != nil, countJustBefore(i) {
            return m
        }
        // "over three years" (across), "above 600 metres": a hedge kept for other kinds only.
        if let qualifier, let kinds = tables.lexicon.hedgesOnlyFor[qualifier.key],
           !kinds.contains((m.quantity.kind == .range ? m.quantity.rangeOf ?? .number : m.quantity.kind).rawValue) {
            return m
        }
        if let qualifier, m.quantity.kind != .ordinal {
            m.quantity.start = tokens[i].start
            m.quantity.approximate = textOf(i, k)
            m.quantity.qualifier = qualifier.meaning
        }
        return m
    }

    // MARK: Amounts

    /// A date after a range opener that nothing closes, or whose close the scan reads next
    /// ("from 1 April 2026"): the opener stays outside.
    func openedDate(at k: Int) -> Match? {
        guard let (_, e) = match(tables.rangeOpeners, at: k), e < tokens.count else { return nil }
        return date(at: e)
    }

    /// What may follow an amount: a currency, a unit (percent included) or a duration word.
    enum Suffix {
        case currency(String)
        /// A coin of a currency: the code and the part of it (`5p`: GBP, 0.01).
        case subunit(String, Double)
        case unit(String)
        case duration(String)
    }

    /// `[từ|between] [$] amount [scale] [unit|currency|duration] [connector [$] amount [scale] [unit]]`.
    func amountExpression(at start: Int, bareScale: Bool) -> Match? {
        var k = start
        var closers: Set<String>?
        if let (connectors, e) = match(tables.rangeOpeners, at: k), e < tokens.count {
            closers = connectors
            k = e
        }
        let openerEnd = k
        if startsAgePhrase(k) { return nil }
        var prefixCurrency = currencyPrefix(at: k)
        if let p = prefixCurrency { k = p.end }
        guard var first = scaledAmount(at: k, bareScale: bareScale, afterCurrency: prefixCurrency != nil) else { return nil }
        var end = first.end
        var suffix: Suffix?
        // "bốn năm tiếng", "bốn năm tấm": a number word that is also a unit ("năm", five or
        // years) is the range's second number when a unit or a counted noun follows it.
        let pairedWord = prefixCurrency == nil && closers == nil ? sideBySide(first) : nil
        if let p = prefixCurrency {
            suffix = .currency(p.code)
        } else if pairedWord == nil, first.appliedScale == nil, let (_, h) = match(tables.halves, at: end), let (s, e) = self.suffix(at: h) {
            // "three and a half hours": a half of the unit, said before it.
            first.value += 0.5
            first.decimal = Amount.decimalString(first.value)
            suffix = s
            end = e
        } else if pairedWord == nil, let (s, e) = self.suffix(at: end) {
            suffix = s
            end = e
            // "hai tiếng rưỡi", "ba năm rưỡi": a half of the unit, said after it.
            if first.appliedScale == nil, let (_, h) = match(tables.halves, at: end) {
                first.value += 0.5
                first.decimal = Amount.decimalString(first.value)
                end = h
            }
            // "1 m 60", "7 m 45", "11 giây 49": metres with their centimetres, seconds with their
            // hundredths, two digits after the unit that nothing else claims.
            if first.appliedScale == nil, !first.spelled, first.high == nil, isHundredthsUnit(s), let n = hundredths(at: end) {
                first.value += n / 100
                first.decimal = Amount.decimalString(first.value)
                end += 1
            }
        }
        var high: Amount?
        var highSuffix: Suffix?
        var dashed = false
        // "ba bốn cây số", "ba , bốn chiếc xe": two number words side by side, one apart,
        // before a unit or a counted noun are a range.
        if let pair = pairedWord {
            high = pair.high; highSuffix = pair.suffix; end = pair.end
            if pair.scale != 1 { first.scale(by: pair.scale) }
        }
        // A lone spelled word is a number only when something vouches for it: a range, or a
        // noun it counts ("ba đứa trẻ") — not for one, which is then the article, nor for zero,
        // then "not" — or, for one too, a word that makes it a count ("chỉ một", "một … duy nhất",
        // "hai người … một người").
        if first.spelled, suffix == nil, high == nil, !first.scaled, first.words == 1,
           tables.lexicon.numberWords?.notAlone.contains(tokens[first.start].lower) ?? (first.value == 1) {
            // A noun with its own number after it is a label, not what is counted ("năm lớp 6").
            let counts = first.value >= 2 && match(tables.countNouns, at: end).map { $0.1 >= tokens.count || !isNumberToken($0.1) } ?? false
            // An age word before it ("mới lên ba") vouches too: the age reading follows.
            let age = first.value >= 2 && phrase(tables.agesAfter, endsAt: first.start)
            // "cả ba", "cả chín đều …": all of a group — not "cả năm", the whole year, unless the
            // sentence counted that many before ("có năm con thì cả năm …").
            let all = first.value >= 2 && phrase(tables.allOf, endsAt: first.start)
                && (self.suffix(at: first.start) == nil || countedBefore(first.start))
            if closers == nil && !counts && !age && !all && !countedAlone(first.start, end) { return nil }
        }
        if first.spelled, isName(first.start) { return nil }
        if first.spelled, first.words == 1, !first.scaled, high == nil,
           tables.lexicon.numberWords?.neverAlone.contains(tokens[first.start].lower) == true { return nil }

        // A range: "30 - 50 tỷ Euro", "từ 5 đến 7%", "between $5 and $7 billion".
        // A unit written after the low end makes its value whole ("700 . 000 đồng đến 1 triệu").
        let unitAfterLow = suffix != nil && prefixCurrency == nil
        if first.high == nil, high == nil, end < tokens.count, let (joint, c) = connector(at: end, closers: closers) {
            var m = c
            let secondCurrency = currencyPrefix(at: m)
            if let p = secondCurrency { m = p.end }
            if var second = scaledAmount(at: m, bareScale: false, afterCurrency: secondCurrency != nil), !(second.spelled && isName(second.start)) {
                var e2 = second.end
                var s2: Suffix? = secondCurrency.map { .currency($0.code) }
                if s2 == nil, let (s, e) = self.suffix(at: e2) { s2 = s; e2 = e }
                if prefixCurrency == nil, secondCurrency != nil, suffix == nil { prefixCurrency = secondCurrency }
                // A year and an amount are no range ("from 12,000 in 2023 to 19,500").
                // "rose 0.2 points to 4.4 percent", "grew 2.5 per cent to 27.2 million": a word
                // after an amount that wrote its unit starts something else ("10 to 15 cm" writes
                // the unit once, at the end).
                let eachWritten = closers == nil && suffix != nil && prefixCurrency == nil
                    && !["-", "–", "—"].contains(joint)
                let compatible = (suffix == nil || s2 == nil || sameSuffix(suffix!, s2!))
                    && (suffix != nil || s2 != nil || isYear(first) == isYear(second)) && !eachWritten
                // The scale of the high end applies to the low one when only it has one and the
                // low one writes no unit of its own ("từ 700 . 000 đồng đến 1 triệu đồng").
                // After an opener, not to a low end that, scaled, would pass the high one a
                // hundredfold: it wrote its thousands out ("từ 800 . 000 đến 1 , 2 triệu đồng").
                // (Without one, such a pair is no range: "rose by 100,000 to 4.5 million".)
                let takesScale = !first.scaled && !unitAfterLow && second.scaled
                    && (closers == nil || second.appliedScale.map { first.value * $0 <= second.value * 100 } == true)
                var low = first
                if takesScale, let factor = second.appliedScale { low.scale(by: factor) }
                dashed = ["-", "–", "—"].contains(joint)
                // "từ 5 đến 7 triệu đồng", "from 4.6 to 4.1 percent": an opener closed by a word
                // gives two amounts, the first in the unit and scale of the second ("5 triệu đồng").
                if compatible, !dashed, closers != nil, tables.lexicon.splitOpeners.contains(key(start, openerEnd)) {
                    var one = first
                    if takesScale, let factor = second.appliedScale { one.scale(by: factor) }
                    let (kind, unit, factor) = kindAndUnit(suffix ?? s2)
                    var q = Quantity(start: tokens[openerEnd].start, end: tokens[first.end - 1].end, kind: kind)
                    q.unit = unit
                    q.value = one.value * factor
                    if kind == .duration, let unit { q.iso = Self.duration(one.value, unit) }
                    if kind == .number, isYear(first) { q.kind = .date; q.value = nil; q.iso = first.decimal }
                    if suffix != nil { q.end = tokens[end - 1].end }
                    return Match(quantity: q, next: Swift.max(end, first.end))
                }
                // "thua 0 - 2": no range of bare numbers starts at nothing; a score ("0 - 6 tuổi" is a range).
                if compatible, low.value < second.value, low.value > 0 || !dashed || closers != nil || suffix != nil || s2 != nil {
                    first = low
                    second.end = e2
                    high = second
                    highSuffix = s2
                    end = e2
                }
            }
        }
        if closers != nil && high == nil && first.high == nil {
            // "từ 2020" without its "đến": not a range; read again without the opener.
            return openerEnd > start ? amountExpression(at: openerEnd, bareScale: bareScale) : nil
        }
        let unitSuffix = suffix ?? highSuffix
        // "từ 35 - 52 tấn", "between 60 and 100": the opener stays outside the range it opens.
        let from = closers != nil && (high != nil || first.high != nil) ? openerEnd : start
        var q = Quantity(start: tokens[from].start, end: tokens[end - 1].end, kind: .number)
        let (kind, unit, factor) = kindAndUnit(unitSuffix)
        q.unit = unit
        if factor != 1 {
            first.value *= factor
            if var h = high { h.value *= factor; high = h }
            if let h = first.high { first.high = h * factor }
        }
        // "năm 2000 - 2001", "1971 - 1973": two years joined by a dash are two dates; the scan
        // reads the second after the dash (a year context).
        if let second = high, unitSuffix == nil, isYear(first), isYear(second) {
            var year = Quantity(start: tokens[first.start].start, end: tokens[first.end - 1].end, kind: .date)
            year.iso = first.decimal
            return Match(quantity: year, next: first.end)
        }
        if let words = first.vague, q.approximate == nil {
            q.approximate = words
            q.qualifier = "order of"
        }
        if let hi = high?.value ?? first.high {
            q.kind = .range
            q.rangeOf = kind
            q.min = first.value
            q.max = hi
            if kind == .duration, let d = q.unit { q.iso = Self.duration(first.value, d) + "/" + Self.duration(hi, d) }
        } else {
            q.kind = kind
            q.value = first.value
            if kind == .duration, let d = q.unit { q.iso = Self.duration(first.value, d) }
            // A bare four-digit number after "in", "since", "từ" is a year; where the language
            // says so, one from 1800 to 2100 is a year anywhere ("its 2008 peak"). Not one whose
            // thousands are grouped ("đến 1 . 000 sản phẩm"): no year is written so.
            if kind == .number, isYear(first), first.high == nil,
               (first.start > 0 && tables.lexicon.dates.yearContext.contains(tokens[first.start - 1].lower))
                || (isYearAlone(first.start) && match(tables.countNouns, at: end) == nil) {
                q.kind = .date
                q.value = nil
                q.iso = first.decimal
                q.start = tokens[first.start].start
            }
        }
        return Match(quantity: q, next: end)
    }

    /// The second of two number words side by side, one apart ("ba bốn", "ba , bốn"), with
    /// the unit after it, when a unit or a counted noun follows.
    /// Digits need the comma between them, and an age word after: "15 , 16 tuổi".
    func sideBySide(_ first: Amount) -> (high: Amount, suffix: Suffix?, end: Int, scale: Double)? {
        guard !first.scaled, first.high == nil else { return nil }
        var j = first.end
        if j < tokens.count, tokens[j].raw == "," { j += 1 }
        if !first.spelled {
            guard j > first.end, first.end == first.start + 1, tokens[first.start].kind == .digits, j < tokens.count, tokens[j].kind == .digits,
                  var b = digitAmount(j), b.end == j + 1, b.value == first.value + 1, b.end < tokens.count, match(tables.durationPrefixes, at: b.end) != nil,
                  let (s2, e2) = self.suffix(at: b.end) else { return nil }
            b.end = e2
            return (b, s2, e2, 1)
        }
        // Two words each ("mười bốn , mười lăm tuổi") only with the comma between them.
        let comma = j > first.end
        guard first.words == 1 || (comma && first.words == 2), j < tokens.count, tokens[j].kind == .word, var b = spelledAmount(j),
              b.end == j + b.words else { return nil }
        // "năm sáu chục bức", "ba , bốn chục": a scale after the second word counts both ends.
        var scale = 1.0
        if first.words == 1, b.words >= 2 {
            // "năm , sáu chục ngàn đồng": every word after the second number a scale.
            for m in (j + 1)..<b.end {
                if let s = tables.scales.single(tokens[m].id) { scale *= s }
                else if tables.lexicon.numberWords?.hundred.contains(tokens[m].lower) == true { scale *= 100 }
                else { scale = 1; break }
            }
        }
        guard b.words == first.words || scale != 1 else { return nil }
        // Neighbours ("ba bốn"), or a pair the language says so apart ("năm bảy", a handful;
        // "năm , mười ngàn" only with its comma: "Năm mười tuổi" is the year one was ten).
        let high = b.value / scale
        guard high == first.value + 1 || (first.words == 1 && tables.lexicon.numberWords?.rangePairs.contains(key(first.start, j + 1)) == true) else { return nil }
        if let (s2, e2) = self.suffix(at: b.end) {
            b.end = e2
            return (b, s2, e2, scale)
        }
        return match(tables.countNouns, at: b.end) != nil ? (b, nil, b.end, scale) : nil
    }

    /// An amount with the scale words after it: "109 tỷ", "1,5 nghìn tỷ", "2 triệu 500 nghìn",
    /// "hai triệu rưỡi", "$5m"; after a bare-scale qualifier also "tỷ" alone (`hàng tỷ`).
    func scaledAmount(at k: Int, bareScale: Bool, afterCurrency: Bool) -> Amount? {
        guard k < tokens.count else { return nil }
        var amount: Amount
        if let a = digitAmount(k) {
            amount = a
        } else if let (v, e) = match(tables.fractions, at: k) {
            amount = Amount(value: v, start: k, end: e, decimal: nil)
            amount.spelled = true
            amount.words = e - k
            amount.scaled = true  // a fraction stands on its own
            // "half a million", "half a century": the article before what the fraction is of.
            if e + 1 < tokens.count, tables.lexicon.numberWords?.article.contains(tokens[e].lower) == true,
               match(tables.scales, at: e + 1) != nil || suffix(at: e + 1) != nil {
                amount.end = e + 1
            }
        } else if let a = spelledAmount(k), a.end >= (match(tables.vagueScales, at: k)?.1 ?? k) {
            amount = a
        } else if let (v, e) = match(tables.vagueScales, at: k) {
            // ("mười mấy", ten-odd, is longer than the number it begins with.)
            // "hundreds of protesters", "tens of thousands": the scale's value, approximately.
            amount = Amount(value: v, start: k, end: e, decimal: Amount.decimalString(v))
            amount.scaled = true
            amount.appliedScale = v
            amount.vague = textOf(k, e)
            return amount
        } else if bareScale, let (s, e) = match(tables.scales, at: k) {
            // "hàng triệu", "cả chục tỉ đồng": the bare scale, times any scale after it.
            amount = Amount(value: s, start: k, end: e, decimal: Amount.decimalString(s))
            var applied = s
            while amount.end < tokens.count, let (s2, e2) = match(tables.scales, at: amount.end), s2 > applied {
                amount.value *= s2
                applied *= s2
                amount.end = e2
            }
            amount.decimal = Amount.decimalString(amount.value)
            amount.scaled = true
            amount.appliedScale = applied
            return amount
        } else if let (v, e) = match(tables.standaloneTens, at: k), e < tokens.count,
                  suffix(at: e) != nil || match(tables.countNouns, at: e) != nil || match(tables.scales, at: e) != nil {
            // "chục mét", "mươi bước", "mươi ngàn đồng": a ten said alone, before what it counts
            // or the scale it multiplies (read below).
            amount = Amount(value: v, start: k, end: e, decimal: Amount.decimalString(v))
            amount.scaled = true
        } else {
            return nil
        }
        guard !amount.spelled || amount.words > 0 else { return nil }
        // Scale words after the number, multiplied in turn ("nghìn tỷ" = 10¹²).
        var applied = 1.0
        while amount.end < tokens.count {
            if let (s, e) = match(tables.scales, at: amount.end), !(amount.spelled && amount.scaled && s <= applied) {
                amount.scale(by: s)
                applied *= s
                amount.end = e
                continue
            }
            if afterCurrency, !amount.scaled, !tokens[amount.end].spaceBefore, let (s, e) = match(tables.currencyScales, at: amount.end) {
                amount.scale(by: s)
                applied *= s
                amount.end = e
                continue
            }
            break
        }
        if applied > 1 {
            amount.appliedScale = applied
            // "2 triệu 500 nghìn": a smaller scaled amount right after adds to this one.
            if amount.end < tokens.count, tokens[amount.end].kind == .digits, let next = digitAmount(amount.end),
               let (s, e) = match(tables.scales, at: next.end), s < applied {
                amount.value += next.value * s
                amount.decimal = Amount.decimalString(amount.value)
                amount.end = e
            }
            // "hai triệu rưỡi", "2 triệu rưỡi": half the scale more.
            if amount.end < tokens.count, let half = tables.lexicon.numberWords?.half, half.contains(tokens[amount.end].lower) {
                amount.value += applied / 2
                amount.decimal = Amount.decimalString(amount.value)
                amount.end += 1
            }
        }
        return amount
    }

    /// The kind and unit a suffix gives an amount, and the factor its value takes: a unit given
    /// in another comes out in that one ("2 tạ" = 200 kg).
    func kindAndUnit(_ suffix: Suffix?) -> (kind: Quantity.Kind, unit: String?, factor: Double) {
        switch suffix {
        case .currency(let code)?: return (.money, code, 1)
        case .subunit(let code, let factor)?: return (.money, code, factor)
        case .unit(let symbol)?:
            let definition = tables.lexicon.unitDefinitions[symbol]
            let kind: Quantity.Kind = definition?.dimension == "percent" ? .percent : .measure
            if let to = definition?.to, let factor = definition?.factor { return (kind, to, factor) }
            return (kind, symbol, 1)
        case .duration(let designator)?: return (.duration, designator, 1)
        case nil: return (.number, nil, 1)
        }
    }

    func suffix(at k: Int) -> (Suffix, Int)? {
        guard k < tokens.count else { return nil }
        // "hai đồng đội", "một bảng giá": a word that only begins like a unit.
        if match(tables.notUnitWords, at: k) != nil { return nil }
        // "a 50-hectare farm", "a 17-year-old": a hyphen joins a number to its unit.
        if tokens[k].id == tables.hyphenID, !tokens[k].spaceBefore, k + 1 < tokens.count, !tokens[k + 1].spaceBefore, tokens[k + 1].kind == .word {
            return suffix(at: k + 1)
        }
        if let (code, e) = currencySuffix(at: k) { return (.currency(code), e) }
        if let (coin, e) = match(tables.currencySubunits, at: k), unitFits(k, e) { return (.subunit(coin.code, coin.factor), e) }
        if let (symbol, e) = match(tables.units, at: k), unitFits(k, e), !(e == k + 1 && isOtherCase(k, symbol)) { return (.unit(symbol), e) }
        // "7 millions de tonnes": the connector of currencies serves units too.
        if let (_, c) = match(tables.currencyConnectors, at: k), let (symbol, e) = match(tables.units, at: c), unitFits(c, e) { return (.unit(symbol), e) }
        if let (d, e) = match(tables.durations, at: k) {
            // "bão số 6 năm 2006": a unit word that marks a year right before one is that year's.
            if match(tables.yearMarkers, at: k)?.1 == e, yearNumber(at: e) != nil { return nil }
            // "vào năm năm mươi tư tuổi": a unit word that opens a longer spelled number is its
            // first word (not before a half: "ba năm rưỡi").
            if e < tokens.count, tokens[e].kind == .word, tokens[e].id >= 0, tables.starterIDs.contains(tokens[e].id),
               match(tables.halves, at: e) == nil, let a = spelledAmount(k), a.end > e { return nil }
            return (.duration(d), e)
        }
        return nil
    }

    /// A one-letter unit written in the other case is something else: `5G` and `4G` are
    /// networks, not grams; `W` stays watts.
    private func isOtherCase(_ k: Int, _ symbol: String) -> Bool {
        tokens[k].end - tokens[k].start == 1 && tokens[k].raw != symbol && symbol.unicodeScalars.count == 1
    }

    /// A unit of letters must not be the start of a longer word ("5 m" but not "5 mới").
    private func unitFits(_ k: Int, _ e: Int) -> Bool {
        guard e < tokens.count else { return true }
        return tokens[e].spaceBefore || tokens[e].kind == .other || tokens[e - 1].kind == .other
    }

    func currencySuffix(at k: Int) -> (String, Int)? {
        var j = k
        if let (_, e) = match(tables.currencyConnectors, at: j), e < tokens.count { j = e }
        if isISOCode(tokens[j]) { return (tokens[j].raw, j + 1) }
        if let (code, e) = match(tables.currencies, at: j) { return (code, e) }
        return nil
    }

    /// A currency written before its amount: "$500", "US$ 5", "€109bn", "USD 20".
    func currencyPrefix(at k: Int) -> (code: String, end: Int)? {
        guard k < tokens.count else { return nil }
        var found: (String, Int)?
        if isISOCode(tokens[k]) { found = (tokens[k].raw, k + 1) }
        // A currency written before the amount is a sign, a code or a name written as one
        // ("$5", "USD 5", "Euro 5"); a lower-case word there names something ("Nhi đồng 2").
        // After a capitalized word it is the name's ("Bệnh viện Nhi Đồng 1").
        else if tokens[k].kind != .word || tokens[k].raw.unicodeScalars.first.map({ !$0.properties.isLowercase }) == true,
                !(tokens[k].kind == .word && k > 0 && tokens[k - 1].kind == .word && tokens[k - 1].capitalized && !isSentenceStart(k - 1)),
                let (code, e) = match(tables.currencies, at: k) { found = (code, e) }
        guard let (code, e) = found, e < tokens.count, tokens[e].kind == .digits || tokens[e].kind == .numeral else { return nil }
        return (code, e)
    }

    func connector(at k: Int, closers: Set<String>?) -> (String, Int)? {
        if let closers {
            for n in stride(from: Swift.min(3, tokens.count - k), through: 1, by: -1) where closers.contains(key(k, k + n)) {
                return (key(k, k + n), k + n)
            }
            return nil
        }
        if let (_, e) = match(tables.rangeConnectors, at: k) { return (key(k, e), e) }
        return nil
    }

    func sameSuffix(_ a: Suffix, _ b: Suffix) -> Bool {
        switch (a, b) {
        case (.currency(let x), .currency(let y)), (.unit(let x), .unit(let y)), (.duration(let x), .duration(let y)): return x == y
        case (.subunit(let x, let f), .subunit(let y, let g)): return x == y && f == g
        default: return false
        }
    }

    static func duration(_ value: Double, _ designator: String) -> String {
        func n(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
        switch designator {
        case "H": return "PT\(n(value))H"
        case "MIN": return "PT\(n(value))M"
        case "S": return "PT\(n(value))S"
        case "DECADE": return "P\(n(value * 10))Y"
        case "CENTURY": return "P\(n(value * 100))Y"
        default: return "P\(n(value))\(designator)"
        }
    }

    /// `gấp đôi` (2), `gấp rưỡi` (1.5), `gấp ba`, `gấp 3`: a multiplier is a number.
    func multiplier(at k: Int) -> Match? {
        if let (v, e) = match(tables.multiplierAlone, at: k) {
            var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .number)
            q.value = v
            return Match(quantity: q, next: e)
        }
        // "three times as many", "ten times more": an amount, "times", a comparison. ("times"
        // is looked for first: reading an amount at every token costs.)
        if !tables.multiplierSuffixes.isEmpty, ((k + 1)..<Swift.min(k + 5, tokens.count)).contains(where: { match(tables.multiplierSuffixes, at: $0) != nil }),
           let a = digitAmount(k) ?? spelledAmount(k), let (_, e) = match(tables.multiplierSuffixes, at: a.end),
           match(tables.multiplierComparisons, at: e) != nil {
            var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .number)
            q.value = a.value
            return Match(quantity: q, next: e)
        }
        guard let (_, p) = match(tables.multiplierPrefixes, at: k), p < tokens.count else { return nil }
        // "gấp hơn 300 lần": a hedge between the multiplier and its amount is inside the span; a vague
        // count ("gấp mấy trăm lần") is the amount itself, read as one elsewhere.
        var e = p
        var hedge: (text: String, meaning: String)?
        if let (meaning, h) = match(tables.approximate, at: p), h < tokens.count, meaning != "a few", meaning != "order of" {
            hedge = (textOf(p, h), meaning)
            e = h
        }
        let value: Double
        let end: Int
        if let (v, e2) = match(tables.multiplierWords, at: e) { (value, end) = (v, e2) }
        else if let a = digitAmount(e) ?? spelledAmount(e), a.value > 0 { (value, end) = (a.value, a.end) }
        else { return nil }
        // "gấp 10 - 15 lần": a range of multiples.
        if isDash(end), end + 1 < tokens.count, let b = digitAmount(end + 1) ?? spelledAmount(end + 1), b.value > value {
            var q = Quantity(start: tokens[k].start, end: tokens[b.end - 1].end, kind: .range)
            q.rangeOf = .number
            q.min = value
            q.max = b.value
            if let hedge { q.approximate = hedge.text; q.qualifier = hedge.meaning }
            return Match(quantity: q, next: b.end)
        }
        var q = Quantity(start: tokens[k].start, end: tokens[end - 1].end, kind: .number)
        q.value = value
        if let hedge { q.approximate = hedge.text; q.qualifier = hedge.meaning }
        return Match(quantity: q, next: end)
    }

    /// A duration word before its amount: `tuổi 35`, `tuổi ngoài 60` (ages).
    func prefixedDuration(at k: Int) -> Match? {
        guard let (designator, e) = match(tables.durationPrefixes, at: k), e < tokens.count else { return nil }
        // "tuổi từ 18 đến 25": two ages, as "từ 5 đến 7 triệu" is two amounts; the first is read
        // here, the second as an age listed after it.
        if let (closers, o) = match(tables.rangeOpeners, at: e), tables.lexicon.splitOpeners.contains(key(e, o)),
           let a = digitAmount(o) ?? spelledAmount(o), a.value > 0, a.value < 200, a.end < tokens.count,
           closers.contains(tokens[a.end].lower), a.end + 1 < tokens.count, let b = digitAmount(a.end + 1) ?? spelledAmount(a.end + 1),
           b.value > a.value, b.value < 200, b.end >= tokens.count || self.suffix(at: b.end) == nil {
            var q = Quantity(start: tokens[o].start, end: tokens[a.end - 1].end, kind: .number)
            q.value = a.value
            return Match(quantity: asDuration(q, designator), next: a.end)
        }
        var j = e
        var hedge: (text: String, meaning: String)?
        if let (meaning, e2) = match(tables.approximate, at: j), e2 < tokens.count { hedge = (textOf(j, e2), meaning); j = e2 }
        // "tuổi ngoài đôi mươi": a ten or twenty said alone is an age there too.
        let alone = match(tables.standaloneTens, at: j).map { Amount(value: $0.0, start: j, end: $0.1, decimal: Amount.decimalString($0.0)) }
        guard let a = scaledAmount(at: j, bareScale: false, afterCurrency: false) ?? alone, a.value > 0, a.value < 200,
              a.end >= tokens.count || self.suffix(at: a.end) == nil else { return nil }
        var end = a.end
        // "độ tuổi 28 - 30": a range of ages.
        var high: Double?
        if isDash(end), let b = digitAmount(end + 1), b.value > a.value, b.value < 200, b.end >= tokens.count || self.suffix(at: b.end) == nil {
            high = b.value
            end = b.end
        }
        var q = Quantity(start: tokens[k].start, end: tokens[end - 1].end, kind: high == nil ? .number : .range)
        if let high {
            q.rangeOf = .number
            q.min = a.value
            q.max = high
        } else {
            q.value = a.value
        }
        q = asDuration(q, designator)
        if let hedge { q.approximate = hedge.text; q.qualifier = hedge.meaning }
        return Match(quantity: q, next: end)
    }

    /// Whether the words around the lone number at `k` (ending at `end`) make it a count: one
    /// of `countAfter` right before it, one of `countBefore` within three words after it, or —
    /// when it counts a noun — another count of the same noun in the same sentence ("hai người
    /// mới đến và một người …"; not "một tòa nhà cao tới bảy tầng"), or of any noun beside it
    /// in a list ("mất hai cánh tay , một mắt").
    func countedAlone(_ k: Int, _ end: Int) -> Bool {
        if phrase(tables.countAfter, endsAt: k) { return true }
        for j in end..<Swift.min(end + 3, tokens.count) where match(tables.countBefore, at: j) != nil { return true }
        guard let (_, nounEnd) = match(tables.countNouns, at: end) else { return false }
        // The same noun, compared by vocabulary numbers (no string is built).
        func sameNoun(_ a: Int, _ b: Int) -> Bool {
            b - a == nounEnd - end && (0..<(b - a)).allSatisfy { tokens[a + $0].id == tokens[end + $0].id }
        }
        // Only list marks between two counts: "hai cánh tay , một mắt", "hai lão nông - một …".
        func listed(_ a: Int, _ b: Int) -> Bool {
            a <= b && (a..<b).allSatisfy { tokens[$0].kind == .other ? [",", "-", "–", ";"].contains(tokens[$0].raw) : tables.lexicon.dates.listConnectors.contains(tokens[$0].lower) }
        }
        // Cheap tests first: most tokens are neither digits nor number words.
        func countOfNoun(_ j: Int) -> Bool {
            guard j != k, j + 1 < tokens.count else { return false }
            let t = tokens[j]
            guard t.kind == .digits || (t.kind == .word && t.id >= 0 && tables.starterIDs.contains(t.id)) else { return false }
            // The same noun anywhere in the sentence, or any counted noun right beside in a list.
            guard let (_, e) = match(tables.countNouns, at: j + 1),
                  sameNoun(j + 1, e) || (j < k ? listed(e, k) : listed(nounEnd, j)) else { return false }
            if t.kind == .digits { return true }
            guard let a = spelledAmount(j), a.end == j + 1 else { return false }
            return a.value >= 2
        }
        var j = k - 1
        while j >= 0 && k - j <= 12 && !endsClause(j) { if countOfNoun(j) { return true }; j -= 1 }
        j = end
        while j < tokens.count && j - k <= 12 && !endsClause(j) { if countOfNoun(j) { return true }; j += 1 }
        return false
    }

    /// Whether the number at `k`, after the word for "number" (`số`), identifies something: the
    /// word is not part of a noun (`trong số`, `tổng số`, `con số`) and nothing after the number
    /// says it counts or measures.
    func numberSignIdentifies(_ k: Int) -> Bool {
        guard !phrase(tables.notNumberSigns, endsAt: k) else { return false }
        return !countsOrMeasures(at: digitAmount(k)?.end ?? k + 1)
    }

    /// Whether the words at `k` say the number before them counts or measures: a unit, a scale
    /// or a counted noun.
    func countsOrMeasures(at k: Int) -> Bool {
        suffix(at: k) != nil || match(tables.scales, at: k) != nil || countsNoun(k)
    }

    /// Whether a number word at `k` opens a phrase that says an age follows (`năm lên` in `từ
    /// năm lên 7`, "from the year one turned seven"): it is then no number itself.
    func startsAgePhrase(_ k: Int) -> Bool {
        guard k < tokens.count, tokens[k].kind == .word, let (_, e) = match(tables.agesAfter, at: k), e > k + 1, e < tokens.count else { return false }
        return isNumberToken(e) || spelledAmount(e) != nil
    }

    /// Whether token `j` ends a sentence or clause (`.`, `!`, `?`, `;`): counts are compared
    /// within one.
    func endsClause(_ j: Int) -> Bool { tokens[j].kind == .other && [".", "!", "?", ";"].contains(tokens[j].raw) }

    /// Whether the number word at `k` counted a noun earlier in the sentence (`năm con` before
    /// `cả năm`), within twelve tokens.
    func countedBefore(_ k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && k - j <= 12 {
            if endsClause(j) { return false }
            if tokens[j].id == tokens[k].id, match(tables.countNouns, at: j + 1) != nil { return true }
            j -= 1
        }
        return false
    }

    /// Whether digits stand within the three tokens before `k`, with no punctuation between
    /// (`5 luật sư` before `trên`).
    func countJustBefore(_ k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && k - j <= 3 {
            if tokens[j].kind == .digits { return true }
            if tokens[j].kind == .other { return false }
            j -= 1
        }
        return false
    }

    /// Whether a phrase of `table` ends right before token `k`.
    func phrase(_ table: PhraseTable<Bool>, endsAt k: Int) -> Bool {
        guard !table.isEmpty else { return false }
        for n in 1...table.maxTokens where k - n >= 0 {
            if let (_, e) = match(table, at: k - n), e == k { return true }
        }
        return false
    }

    /// A hyphen or an en dash, as a separate token.
    func isDash(_ j: Int) -> Bool { j < tokens.count && (tokens[j].id == tables.hyphenID || tokens[j].id == tables.dashID) }
    func isSlash(_ j: Int) -> Bool { j < tokens.count && tokens[j].raw == "/" }

    /// Whether a word written before a number belongs with it: a month, a currency, a date or
    /// time word, a qualifier ("July 2024", "Euro 5", "Tháng 5", German "Jahr 1998").
    func startsDateOrAmount(_ k: Int) -> Bool {
        match(tables.monthNames, at: k) != nil || currencyPrefix(at: k) != nil || match(tables.monthMarkers, at: k) != nil
            || match(tables.dayMarkers, at: k) != nil || match(tables.yearMarkers, at: k) != nil || match(tables.timePrefixes, at: k) != nil
            || match(tables.approximate, at: k) != nil || match(tables.rangeOpeners, at: k) != nil || match(tables.ordinalPrefixes, at: k) != nil
            || match(tables.durations, at: k) != nil
    }

    /// A duration of one written with a rate word (`một năm`) right after a money, percent or
    /// measure amount, or right before one.
    func isRate(_ m: Match, at i: Int, after previous: Quantity?) -> Bool {
        guard m.quantity.kind == .duration, m.quantity.value == 1, m.quantity.approximate == nil,
              tables.lexicon.rateWords.contains(tokens[i].lower) else { return false }
        let amounts: Set<Quantity.Kind> = [.money, .percent, .measure]
        if let p = previous, amounts.contains(p.kind), i > 0, tokens[i - 1].end == p.end { return true }
        if m.next < tokens.count, let n = parse(at: m.next), amounts.contains(n.quantity.kind) { return true }
        return false
    }

    /// Two digits at `j` that nothing after claims: no unit, scale or counted noun, and no dash,
    /// slash or group mark going on to more digits ("1 m 60 - 70", "45 . 000").
    func hundredths(at j: Int) -> Double? {
        guard j < tokens.count, tokens[j].kind == .digits, tokens[j].raw.utf8.count == 2, tokens[j].spaceBefore,
              let n = Double(tokens[j].raw) else { return nil }
        let k = j + 1
        guard k < tokens.count else { return n }
        if tokens[k].kind == .other {
            if isDash(k) || isSlash(k) { return nil }
            return k + 1 < tokens.count && tokens[k + 1].kind == .digits && [".", ","].contains(tokens[k].raw) ? nil : n
        }
        return suffix(at: k) == nil && match(tables.countNouns, at: k) == nil && match(tables.scales, at: k) == nil ? n : nil
    }

    /// Units whose hundredths Vietnamese writes as two digits after them (`1 m 60`, `11 giây 49`).
    func isHundredthsUnit(_ s: Suffix) -> Bool {
        switch s {
        case .unit(let u): return u == "m"
        case .duration(let d): return d == "S"
        default: return false
        }
    }

    /// Four digits, no decimals, 1000–2199: a year when nothing says otherwise.
    func isYear(_ a: Amount) -> Bool {
        // Written in one group of four digits: "2 . 000", "2.000" group thousands, as no year does.
        !a.spelled && a.appliedScale == nil && a.decimal.map { $0.count == 4 && !$0.contains(".") } == true && (1000...2199).contains(a.value)
            && a.end == a.start + 1 && tokens[a.start].raw.unicodeScalars.allSatisfy(QuantityTokenizer.isDigit)
    }

    /// A scale word or a hundred with no number before it (`trăm`, `chục`, `triệu`).
    func isBareScale(at k: Int) -> Bool {
        guard k < tokens.count else { return false }
        return match(tables.scales, at: k) != nil || tables.lexicon.numberWords?.hundred.contains(tokens[k].lower) == true
    }

    // MARK: Names and identifiers

    /// A capitalized number word inside a sentence, or one followed by another capitalized
    /// word, is a name: `Ba Đình`, `Hai Bà Trưng`, `Năm Căn`.
    func isName(_ k: Int) -> Bool {
        guard tokens[k].capitalized else { return false }
        if !isSentenceStart(k) { return true }
        // German capitalizes every noun: a capital after a number says nothing there.
        guard tables.lexicon.numberWords != nil else { return false }
        if k + 1 < tokens.count && tokens[k + 1].capitalized && tokens[k + 1].kind == .word { return true }
        // A name and the age set off after it, as court and police reports write a defendant:
        // "Tám , 47 tuổi , ngụ …".
        guard k + 4 < tokens.count, tokens[k].kind == .word, tokens[k + 1].raw == ",", tokens[k + 2].kind == .digits,
              let (unit, e) = match(tables.durations, at: k + 3), unit == "Y", e < tokens.count, tokens[e].raw == "," else { return false }
        return true
    }

    func isSentenceStart(_ k: Int) -> Bool {
        guard k > 0 else { return true }
        let gap = tokens[k - 1].end..<tokens[k].start
        if gap.contains(where: { scalars[$0] == "\n" }) { return true }
        return [".", "!", "?", "…", ":", "\"", "“", "(", "-", "–", "—", "•"].contains(tokens[k - 1].raw)
    }

    /// Three capital letters that name a currency ("USD", "VND"), as written.
    func isISOCode(_ t: QuantityToken) -> Bool {
        t.end - t.start == 3 && t.capitalized && t.raw.utf8.count == 3 && tables.isoCodes.contains(t.raw)
    }

    func isNumberToken(_ k: Int) -> Bool { tokens[k].kind == .digits || tokens[k].kind == .numeral }

    static let spreadsheetMonths: Set<String> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Whether a name ends right before `k`: one of the three words before it is capitalized
    /// and not the sentence's first, with only words between (`Trung tâm`, `Công ty Xây dựng`).
    func namedBefore(_ k: Int) -> Bool {
        var j = k - 1
        while j >= 0, j >= k - 3, tokens[j].kind == .word {
            if tokens[j].capitalized && !isSentenceStart(j) { return true }
            j -= 1
        }
        return false
    }

    /// Whether the words at `k` are a noun that a number before them counts: not a name
    /// ("điều 139 Bộ luật"), nor a word that only begins like one ("bệnh viện 115 cấp cứu"),
    /// nor another identifier's head.
    func countsNoun(_ k: Int) -> Bool {
        guard k < tokens.count, !tokens[k].capitalized, match(tables.countNouns, at: k) != nil else { return false }
        return match(tables.notUnitWords, at: k) == nil && match(tables.notQuantityAfter, at: k) == nil
    }

    /// Phone numbers and codes: a leading zero before more digits ("0912 345 678",
    /// "024.3825.1234"), or a "+" right before the digits ("+84 …").
    func isIdentifierLike(_ k: Int) -> Bool {
        let s = tokens[k].raw.unicodeScalars
        if s.contains(where: { $0 == "/" || $0 == ":" }) { return false }
        // Two digits after a duration's number and unit are its next unit, zero and all ("4 phút
        // 02 giây 16", a race time).
        if s.count >= 2, s.first == "0", QuantityTokenizer.isDigit(s[s.index(after: s.startIndex)]),
           !(s.count == 2 && k >= 2 && tokens[k - 2].kind == .digits && match(tables.durations, at: k - 1)?.1 == k) { return true }
        if k > 0, tokens[k - 1].raw == "+", !tokens[k].spaceBefore { return true }
        // Seven digits or more, ungrouped: a phone or account number (amounts are grouped).
        if tokens[k].kind == .digits, s.count >= 7 { return true }
        // A number plate's last part ("51C - 234 . 56"): dots group thousands in threes, so a
        // group of four after one is a phone number ("3862 . 4127").
        if isPlateEnd(k) { return true }
        // A plate by its shape alone, with no `biển số` before it: two digits, the series
        // spaced after them, a dash and the serial ("29 S5 - 2468", "29 S5 - 246 . 81").
        if tokens[k].kind == .digits, s.count == 2, k + 1 < tokens.count, tokens[k + 1].spaceBefore,
           tokens[k + 1].raw.unicodeScalars.count <= 3, let c = seriesEnd(k + 1), c + 1 < tokens.count, isDash(c),
           tokens[c + 1].kind == .digits, tokens[c + 1].raw.count >= 3 { return true }
        // Glued, after a code with digits: "59F1 - 276.81".
        if k >= 2, isDash(k - 1), tokens[k].kind == .numeral, s.count == 6, Array(s)[3] == ".",
           s.filter(QuantityTokenizer.isDigit).count == 5, isPlateCode(endingAt: k - 2) { return true }
        if tokens[k].kind == .digits, s.count >= 3, k + 2 < tokens.count, tokens[k + 1].raw == ".",
           tokens[k + 2].kind == .digits, tokens[k + 2].raw.count == 4 { return true }
        // A document number: "17 / 2008 / QH12", "92 / 2009 / NĐ - CP", "64 / CP".
        if tokens[k].kind == .digits, isSlash(k + 1), k + 2 < tokens.count,
           isCode(k + 2) || (tokens[k + 2].kind == .digits && tokens[k + 2].raw.count == 4 && isSlash(k + 3)) { return true }
        // A model or a series: a name, a dash, a number ("Vinasat - 1", "Su - 30", "U - 19").
        if tokens[k].kind == .digits, k >= 2, isDash(k - 1), tokens[k - 2].kind == .word, tokens[k - 2].capitalized,
           !isSentenceStart(k - 2), !startsDateOrAmount(k - 2), !isISOCode(tokens[k - 2]) { return true }
        let digitCount = s.filter(QuantityTokenizer.isDigit).count
        return digitCount >= 9 && s.contains(where: { $0 == "." || $0 == "-" || $0 == " " }) && numeral(tokens[k].raw) == nil
    }

    /// Whether the pieces glued together up to `j` mix letters and digits, as a number
    /// plate's first part does ("59F1", "51B").
    func isPlateCode(endingAt j: Int) -> Bool {
        var k = j
        while k > 0, !tokens[k].spaceBefore, tokens[k - 1].kind != .other { k -= 1 }
        let pieces = tokens[k...j]
        return pieces.contains { $0.kind == .word } && pieces.contains { $0.kind == .digits }
    }

    /// Whether digits at `j`, after a dot, are no group of thousands: four digits or more
    /// ("3733 . 6214"), or fewer than three where no word follows ("phiên bản 4 . 0 ,"; in
    /// "quốc lộ 1 . 5 người" the dot may end a sentence).
    func groupsNoThousands(_ j: Int) -> Bool {
        guard j < tokens.count, tokens[j].kind == .digits else { return false }
        let n = tokens[j].raw.count
        return n >= 4 || (n < 3 && (j + 1 >= tokens.count || tokens[j + 1].kind != .word))
    }

    /// A code in capitals, digits allowed ("CP", "QH12", "HSST", "NĐ"): part of a document number.
    func isCode(_ j: Int) -> Bool {
        guard j < tokens.count, tokens[j].kind == .word else { return false }
        let s = tokens[j].raw.unicodeScalars
        return s.count >= 2 && s.allSatisfy { $0.properties.isUppercase || QuantityTokenizer.isDigit($0) } && s.contains { $0.properties.isUppercase }
    }

    /// The end of a plate's series letters at `j`, capitals with digits glued ("S5", "LD"), or nil.
    func seriesEnd(_ j: Int) -> Int? {
        guard tokens[j].kind == .word, tokens[j].raw.unicodeScalars.allSatisfy(\.properties.isUppercase) else { return nil }
        var c = j + 1
        while c < tokens.count, !tokens[c].spaceBefore,
              tokens[c].kind == .digits || (tokens[c].kind == .word && tokens[c].raw.unicodeScalars.allSatisfy(\.properties.isUppercase)) { c += 1 }
        return c
    }

    /// Three digits after a dash, a dot and two digits, tokenized apart: the end of a number
    /// plate ("51C - 234 . 56"), never an amount (dots group thousands in threes).
    func isPlateEnd(_ k: Int) -> Bool {
        k >= 1 && k + 2 < tokens.count && isDash(k - 1) && tokens[k].kind == .digits && tokens[k].raw.count == 3
            && tokens[k + 1].raw == "." && tokens[k + 2].kind == .digits && tokens[k + 2].raw.count == 2
    }

    /// Skips an identifier, the letters glued to it ("1A") and, with `groups`, the digit
    /// groups spaced after it ("0912 345 678", "08 . 3822 . 4567").
    func skipIdentifier(from k: Int, groups: Bool, lists: Bool = false) -> Int {
        var e = k + 1
        // Glued pieces, also across a hyphen or a dot glued on both sides ("54N-7", "QL1A.2").
        while e < tokens.count, !tokens[e].spaceBefore {
            if tokens[e].kind != .other { e += 1; continue }
            guard tokens[e].raw == "-" || tokens[e].raw == ".", e + 1 < tokens.count, !tokens[e + 1].spaceBefore,
                  tokens[e + 1].kind != .other else { break }
            e += 2
        }
        // "( 84 . 4 ) 8529126", "5727780 - ( 84 . 4 )": marks between the groups of one number;
        // a dot only inside brackets, where it cannot end the sentence ("quốc lộ 1 . 5 người").
        var open = k > 0 && tokens[k - 1].raw == "("
        // A phone number opening with its zero, or a plate, is grouped with dots too.
        let dotted = tokens[k].raw.hasPrefix("0") || isPlateEnd(k)
        // Whether the dot at `d` joins the groups around it.
        func dotJoins(_ d: Int) -> Bool { tokens[d].raw == "." && (open || dotted || isPlateEnd(d - 1) || groupsNoThousands(d + 1)) }
        while groups, e < tokens.count {
            let raw = tokens[e].raw
            if tokens[e].kind == .digits, tokens[e].spaceBefore,
               isNumberToken(e - 1) || ["-", "(", ")", "/"].contains(tokens[e - 1].raw) || dotJoins(e - 1) { e += 1; continue }
            // A code after a slash or dash ("/ QH12", "- CP") belongs to a document number, and
            // one spaced after its digits to a plate ("52 S5 - 1234").
            if (raw == "/" || raw == "-"), isCode(e + 1) { e += 2; continue }
            if tokens[e].spaceBefore, tokens[e - 1].kind == .digits, let c = seriesEnd(e), c + 1 < tokens.count, isDash(c), isNumberToken(c + 1) { e = c; continue }
            guard raw == "-" || raw == "(" || raw == ")" || raw == "/" || dotJoins(e), e + 1 < tokens.count else { break }
            if raw == ")", isNumberToken(e - 1) { open = false; e += 1; continue }
            guard isNumberToken(e + 1) || (tokens[e + 1].raw == "(" && e + 2 < tokens.count && isNumberToken(e + 2)) else { break }
            if raw == "(" { open = true }
            e += 1
        }
        // With `lists`, more of the same head's numbers listed after it ("các quận 1 , 3 , 5"),
        // while none counts, measures or begins a date or a grouped amount.
        while lists, e + 1 < tokens.count, tokens[e].raw == "," || tables.lexicon.dates.listConnectors.contains(tokens[e].lower),
              tokens[e + 1].kind == .digits, tokens[e + 1].raw.count <= 3 {
            let after = e + 2
            if after < tokens.count {
                let grouped = tokens[after].raw == "." && after + 1 < tokens.count && tokens[after + 1].kind == .digits && tokens[after + 1].raw.count == 3
                guard !countsOrMeasures(at: after), !isDash(after), !isSlash(after), !grouped else { break }
            }
            e = after
        }
        return e
    }

    // MARK: Phrase matching

    /// The longest phrase of `table` that starts at token `k`, and the token after it.
    func match<T>(_ table: PhraseTable<T>, at k: Int) -> (T, Int)? {
        guard k < tokens.count, !table.isEmpty else { return nil }
        return table.longest(tokens, at: k)
    }

    /// Tokens [k, e) as a lexicon key: lower case, one space where the text has white space.
    func key(_ k: Int, _ e: Int) -> String {
        if e == k + 1 { return tokens[k].lower }
        var s = tokens[k].lower
        for j in (k + 1)..<e {
            if tokens[j].spaceBefore { s += " " }
            s += tokens[j].lower
        }
        return s
    }

    /// The text of tokens [k, e) as written.
    func textOf(_ k: Int, _ e: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[tokens[k].start..<tokens[e - 1].end])
        return String(v)
    }
}
