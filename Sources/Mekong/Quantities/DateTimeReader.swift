/// Dates, times and ordinals. Dates come out in ISO 8601 with unknown parts left open:
/// `2025-02-09`, `2025-02`, `--02-09` (no year), `--02` (a month), `---03` (a day), `1998`,
/// and `192X` for a decade (ISO 8601-2's unspecified digit).
extension QuantityRecognizer {
    // MARK: Dates

    func date(at k: Int) -> Match? {
        guard k < tokens.count else { return nil }
        let tok = tokens[k]
        // "quý I/2009", "quý 3/2008": a quarter of a year is a date in that year, not a month.
        if let (_, e) = match(tables.quarterMarkers, at: k), let (year, end) = quarterYear(at: e) {
            return dateMatch(k, end, Self.four(year))
        }
        // "những năm 1920", "thập niên 90"
        if let (_, e) = match(tables.decadeMarkers, at: k), e < tokens.count, tokens[e].kind == .digits {
            let d = tokens[e].raw
            var iso: String?
            if d.count == 4, d.hasSuffix("0"), let y = Int(d), (1000...2190).contains(y) { iso = String(d.dropLast()) + "X" }
            if d.count == 2, d.hasSuffix("0") { iso = "19" + String(d.first!) + "X" }
            if let iso {
                var end = e + 1
                if end < tokens.count, tokens[end].lower == "s", !tokens[end].spaceBefore { end += 1 }
                return dateMatch(k, end, iso)
            }
        }
        // "ngày 9/2/2025", "ngày 9 tháng 2 năm 2025", "mồng 3"
        if let (_, e) = match(tables.dayMarkers, at: k), e < tokens.count {
            if tokens[e].kind == .numeral, let iso = slashDate(tokens[e].raw) ?? dashedDate(tokens[e].raw) { return dateMatch(k, e + 1, iso) }
            if let (iso, e2) = spacedDate(at: e, dayKnown: true) { return dateMatch(k, e2, iso) }
            if let (day, e2) = smallNumber(at: e), (1...31).contains(day) {
                if let (month, year, e3) = monthAfterMarker(at: e2), Self.valid(day: day, month: month) {
                    return dateMatch(k, e3, Self.iso(year: year, month: month, day: day))
                }
                if tokens[e].kind == .digits || tables.lexicon.dates.spelledDayMarkers.contains(key(k, e)) {
                    return dateMatch(k, e2, "---" + Self.two(day))
                }
            }
        }
        // "30 tháng 4", "30 tháng chạp năm 1959": a day before a month marker and its month
        // ("3 tháng 5 ngày" is a duration: a unit or a counted noun after the month says so).
        if tok.kind == .digits, let (day, e) = smallNumber(at: k), (1...31).contains(day), match(tables.monthMarkers, at: e) != nil,
           let (month, year, e3) = monthAfterMarker(at: e), Self.valid(day: day, month: month),
           suffix(at: e3) == nil, match(tables.countNouns, at: e3) == nil {
            return dateMatch(k, e3, Self.iso(year: year, month: month, day: day))
        }
        // "tháng 2/2025", "tháng 2 năm 2025", "tháng 12"
        if match(tables.monthMarkers, at: k) != nil, let (month, year, e) = monthAfterMarker(at: k) {
            return dateMatch(k, e, Self.iso(year: year, month: month, day: nil))
        }
        // "năm 1998"
        if let (_, e) = match(tables.yearMarkers, at: k), e < tokens.count, tokens[e].kind == .digits,
           (3...4).contains(tokens[e].raw.count), let y = Int(tokens[e].raw), (100...2199).contains(y) {
            return dateMatch(k, e + 1, Self.four(y))
        }
        // "9/2", "1/8/2014", "2025-02-09"; "23-3" where a word before says it is a day
        if tok.kind == .numeral, slashFraction(tok.raw, at: k) == nil, let iso = slashDate(tok.raw) ?? dashedDate(tok.raw).flatMap({ afterDayContext(k) || dayAlone(Self.parts($0).day ?? 0) ? $0 : nil }) {
            return dateMatch(k, k + 1, iso)
        }
        // "22 - 10 – 2003", "11 - 2000"; "sáng 29 - 10"
        if let (iso, e) = spacedDate(at: k, dayKnown: nil) { return dateMatch(k, e, iso) }
        // "khuya 13", "rạng sáng 14": a bare day of the month after a part of the day, where
        // nothing after it is counted or measured.
        if tok.kind == .digits, tok.raw.count <= 2, let day = Int(tok.raw), (1...31).contains(day), afterDayContext(k),
           k + 1 >= tokens.count || (suffix(at: k + 1) == nil && match(tables.countNouns, at: k + 1) == nil
                                     && match(tables.scales, at: k + 1) == nil && !isDash(k + 1) && !isSlash(k + 1)) {
            return dateMatch(k, k + 1, "---" + Self.two(day))
        }
        // "1920s"
        if tok.kind == .digits, tok.raw.count == 4, tok.raw.hasSuffix("0"), k + 1 < tokens.count,
           tokens[k + 1].lower == "s", !tokens[k + 1].spaceBefore, let y = Int(tok.raw), (1000...2190).contains(y) {
            // "the 1200s" is a century, "the 1960s" a decade.
            return dateMatch(k, k + 2, tok.raw.hasSuffix("00") ? String(tok.raw.dropLast(2)) + "XX" : String(tok.raw.dropLast()) + "X")
        }
        // "February 9, 2025", "Feb. 9", "February 2025"
        if let (month, e) = monthName(at: k) {
            var j = e
            if j < tokens.count, let (day, e2) = dayNumber(at: j), Self.valid(day: day, month: month) {
                j = e2
                var year: Int?
                var y = j
                if y < tokens.count, tokens[y].raw == "," { y += 1 }
                if let yy = yearNumber(at: y) { year = yy; j = y + 1 }
                return dateMatch(k, j, Self.iso(year: year, month: month, day: day))
            }
            if let yy = yearNumber(at: j) { return dateMatch(k, j + 1, Self.iso(year: yy, month: month, day: nil)) }
        }
        // "9 February 2025", "9. Februar", "1er mars"
        if tok.kind == .digits, let (day, e) = dayNumber(at: k) {
            var j = e
            if j < tokens.count, tables.lexicon.dates.dayTerminators.contains(tokens[j].lower) { j += 1 }
            if let (month, e2) = monthName(at: j), Self.valid(day: day, month: month) {
                var end = e2
                var year: Int?
                if let yy = yearNumber(at: end) { year = yy; end += 1 }
                return dateMatch(k, end, Self.iso(year: year, month: month, day: day))
            }
        }
        return nil
    }

    /// Dates of one list share what the last one writes out: in `22 và 23 - 3` and `3 and 4
    /// July` the bare day before takes the month (and year), in `tháng 10 , 11 - 2000` the month
    /// before takes the year. Runs backwards so that a longer list (`2, 3 và 4 - 5`) fills in.
    func shareDateParts(_ found: inout [Quantity]) {
        guard found.count > 1 else { return }
        for j in stride(from: found.count - 2, through: 0, by: -1) {
            let next = found[j + 1]
            guard next.kind == .date, let full = next.iso, joinsDates(found[j].end, next.start) else { continue }
            let (nextYear, nextMonth, nextDay) = Self.parts(full)
            guard let nextMonth else { continue }
            var q = found[j]
            if q.kind == .number, nextDay != nil, q.approximate == nil, let v = q.value, v == v.rounded(), (1...31).contains(v),
               scalars[q.start..<q.end].allSatisfy(QuantityTokenizer.isDigit), Self.valid(day: Int(v), month: nextMonth) {
                q.kind = .date
                q.value = nil
                q.iso = Self.iso(year: nextYear, month: nextMonth, day: Int(v))
            } else if q.kind == .date, let iso = q.iso, Self.parts(iso).month == nil, let day = Self.parts(iso).day, nextDay != nil,
                      Self.valid(day: day, month: nextMonth) {
                // "từ ngày 5 đến ngày 20 - 4": the first day is of the second's month.
                q.iso = Self.iso(year: nextYear, month: nextMonth, day: day)
            } else if q.kind == .date, let iso = q.iso, nextYear != nil {
                let (year, month, day) = Self.parts(iso)
                guard year == nil, let month, (day == nil) == (nextDay == nil) else { continue }
                q.iso = Self.iso(year: nextYear, month: month, day: day)
            } else {
                continue
            }
            found[j] = q
        }
        // Forward too: a day written as an ordinal after a day of the month ("on the 22nd and 23rd").
        for j in 1..<found.count {
            let p = found[j - 1], q = found[j]
            guard p.kind == .date, p.iso?.hasPrefix("---") == true, q.kind == .ordinal, let v = q.value, (1...31).contains(v),
                  QuantityTokenizer.isDigit(scalars[q.start]), joinsList(p.end, q.start) else { continue }
            found[j].kind = .date
            found[j].value = nil
            found[j].iso = "---" + Self.two(Int(v))
        }
    }

    /// Two clock times joined by a range word share the part of the day that only one of them
    /// writes: `từ 6 giờ đến 10 giờ tối` is 18:00 to 22:00, `từ 7 giờ tối đến gần 10 giờ` 19:00
    /// to 22:00 — where that keeps the first before the second.
    func shareDayPeriods(_ found: inout [Quantity]) {
        guard found.count > 1 else { return }
        func hour(_ q: Quantity) -> (Int, Int)? {
            guard q.kind == .time, let iso = q.iso, iso.count == 6, let h = Int(iso.dropFirst().prefix(2)), let m = Int(iso.suffix(2)) else { return nil }
            return (h, m)
        }
        // Whether the time writes a part of the day, inside its span ("6 a.m.") or right after it.
        func hasPeriod(_ q: Quantity) -> Bool {
            var lo = 0, hi = tokens.count
            while lo < hi { let mid = (lo + hi) / 2; if tokens[mid].end <= q.start { lo = mid + 1 } else { hi = mid } }
            var k = lo + 1
            while k < tokens.count, tokens[k].start < q.end {
                if dayPeriod(at: k) != nil { return true }
                k += 1
            }
            return k < tokens.count && dayPeriod(at: k) != nil
        }
        for j in 1..<found.count {
            let a = found[j - 1]
            // "từ 7 giờ tối đến gần 10 giờ": hours after a clock time and a range word are one too.
            // So are grams, the unit `g` shares with the hour: "lúc 5 g 30 và 13 g".
            if a.kind == .time, (found[j].kind == .duration && found[j].unit == "H") || (found[j].kind == .measure && found[j].unit == "g"),
               let v = found[j].value, v == v.rounded(), (0...24).contains(v), joinsTimes(a.end, found[j].start) {
                found[j].kind = .time
                found[j].value = nil
                found[j].unit = nil
                found[j].iso = "T\(Self.two(Int(v) % 24)):00"
            }
            let b = found[j]
            guard let (h1, m1) = hour(a), let (h2, m2) = hour(b), joinsTimes(a.end, b.start) else { continue }
            let pa = hasPeriod(a), pb = hasPeriod(b)
            if pb, !pa, h1 < 12, h2 >= 12, h1 + 12 <= h2 {
                found[j - 1].iso = "T\(Self.two(h1 + 12)):\(Self.two(m1))"
            } else if pa, !pb, h2 < 12, h1 >= 12, h2 + 12 > h1, h2 + 12 < 24 {
                found[j].iso = "T\(Self.two(h2 + 12)):\(Self.two(m2))"
            }
        }
    }

    /// The words between two offsets, in lower case.
    func wordsBetween(_ a: Int, _ b: Int) -> [String] {
        String(scalars: scalars[a..<b].map(QuantityVocabulary.lower)).split(separator: " ").map(String.init)
    }

    /// Whether two times are joined by a range or list word or a comma alone, parts of the day
    /// aside ("7 giờ tối đến gần 10 giờ", "5 g 30 và 13 g", "lúc 5 giờ 30 , 11 giờ và 17 giờ").
    func joinsTimes(_ a: Int, _ b: Int) -> Bool {
        guard a <= b, b - a <= 24 else { return false }
        let words = wordsBetween(a, b)
            .filter { tables.lexicon.times.dayPeriods[$0] == nil }
        return words.count == 1 && (tables.lexicon.rangeConnectors.contains(words[0]) || tables.lexicon.dates.listConnectors.contains(words[0])
            || words[0] == ",")
    }

    /// Whether two dates are joined as a list or a range, the second's day word and part of
    /// the day aside ("ngày 5 đến ngày 20 - 4", "chiều 26 - 4 đến trưa 30 - 4 - 1975").
    func joinsDates(_ a: Int, _ b: Int) -> Bool {
        if joinsList(a, b, orRange: true) { return true }
        guard a <= b, b - a <= 24 else { return false }
        var words = wordsBetween(a, b)
        while let last = words.last, tables.lexicon.dates.dayMarkers.contains(last) || tables.lexicon.dates.dayContext.contains(last) {
            words.removeLast()
        }
        guard words.count == 1, let word = words.first else { return false }
        return tables.lexicon.dates.listConnectors.contains(word) || tables.lexicon.rangeConnectors.contains(word)
    }

    /// Whether only a comma or a list word stands between two offsets.
    func joinsList(_ a: Int, _ b: Int, orRange: Bool = false, comma: Bool = true) -> Bool {
        guard a <= b, b - a <= 8 else { return false }
        var gap = String.UnicodeScalarView()
        for s in scalars[a..<b] where !CharacterClass.lookup.of(s).contains(.whitespace) && s != " " {
            gap.append(QuantityVocabulary.lower(s))
        }
        let word = String(gap)
        return (comma && word == ",") || tables.lexicon.dates.listConnectors.contains(word)
            || (orRange && word.unicodeScalars.allSatisfy(QuantityTokenizer.isLetter) && tables.lexicon.rangeConnectors.contains(word))
    }

    /// Year, month and day of an ISO date with parts left open (`--03-23`, `2000-11`, `--10`).
    static func parts(_ iso: String) -> (year: Int?, month: Int?, day: Int?) {
        if iso.hasPrefix("---") { return (nil, nil, Int(iso.dropFirst(3))) }
        if iso.hasPrefix("--") {
            let rest = iso.dropFirst(2).split(separator: "-")
            return (nil, rest.first.flatMap { Int($0) }, rest.count > 1 ? Int(rest[1]) : nil)
        }
        let p = iso.split(separator: "-")
        guard let y = p.first, y.count == 4, let year = Int(y) else { return (nil, nil, nil) }
        return (year, p.count > 1 ? Int(p[1]) : nil, p.count > 2 ? Int(p[2]) : nil)
    }

    /// Two dates joined by a range connector, or an opener and its closer ("từ 9/2 đến 12/2",
    /// "from February 9 to February 12"), or days sharing a month ("ngày 10-11/2"): a range of
    /// dates whose value is an ISO 8601 interval (`--02-10/--02-11`).
    func dateRange(at start: Int) -> Match? {
        var k = start
        var closers: Set<String>?
        if let (c, e) = match(tables.rangeOpeners, at: k), e < tokens.count { closers = c; k = e }
        var marker = k
        if let (_, e) = match(tables.dayMarkers, at: k) { marker = e }
        // "10-11/2", "10–11/2/2025"
        if marker < tokens.count, tokens[marker].kind == .numeral, closers == nil {
            let raw = tokens[marker].raw
            if let dash = raw.firstIndex(where: { $0 == "-" || $0 == "–" }), let slash = raw.firstIndex(of: "/"), dash < slash,
               let first = Int(raw[..<dash]), let end = slashDate(String(raw[raw.index(after: dash)...])),
               let endDay = Int(end.suffix(2)), first < endDay {
                let month = end.dropLast(2)
                return rangeMatch(start, marker + 1, month + Self.two(first), end)
            }
        }
        guard closers != nil || start == k, let low = date(at: k), low.quantity.iso?.hasPrefix("---") == false else { return nil }
        guard let (joint, c) = connector(at: low.next, closers: closers), let high = date(at: c), let a = low.quantity.iso, let b = high.quantity.iso,
              a.count == b.count, a < b else { return nil }
        // "from March 2019 to October 2022", "từ 9/2 đến 12/2": an opener closed by a word gives
        // two dates (the guidelines' two mentions), the opener outside; the scan reads the second.
        if start < k, !["-", "–", "—"].contains(joint), tables.lexicon.splitOpeners.contains(key(start, k)) { return low }
        return rangeMatch(start, high.next, a, b)
    }

    private func rangeMatch(_ k: Int, _ e: Int, _ low: String, _ high: String) -> Match {
        var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .range)
        q.rangeOf = .date
        q.iso = "\(low)/\(high)"
        return Match(quantity: q, next: e)
    }

    private func dateMatch(_ k: Int, _ e: Int, _ iso: String) -> Match {
        var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .date)
        q.iso = iso
        return Match(quantity: q, next: e)
    }

    /// After a quarter's marker: its number (1 to 4, or I to IV) glued by a slash to a year.
    private func quarterYear(at e: Int) -> (year: Int, end: Int)? {
        guard e < tokens.count else { return nil }
        let t = tokens[e]
        if t.kind == .numeral {
            let parts = t.raw.split(separator: "/")
            guard parts.count == 2, let q = Int(parts[0]), (1...4).contains(q), parts[1].count == 4, let y = Int(parts[1]),
                  (1000...2199).contains(y) else { return nil }
            return (y, e + 1)
        }
        // "quý I/2009", and spaced or with a dash or a year word: "quý 3 / 2005", "quý I - 2005",
        // "quý III năm 2005". Words in no phrase keep no string: the numeral is read from the text.
        let roman = String(scalars: scalars[t.start..<t.end])
        guard (1...4).contains(Self.romanNumerals[roman] ?? 0) || (t.kind == .digits && ["1", "2", "3", "4"].contains(t.raw)),
              e + 2 < tokens.count else { return nil }
        if isSlash(e + 1) || isDash(e + 1), let y = yearNumber(at: e + 2) { return (y, e + 3) }
        if let (_, ye) = match(tables.yearMarkers, at: e + 1), let y = yearNumber(at: ye) { return (y, ye + 1) }
        return nil
    }

    /// After a month marker at `k` ("tháng"): the month and maybe the year.
    private func monthAfterMarker(at k: Int) -> (month: Int, year: Int?, end: Int)? {
        guard let (_, e) = match(tables.monthMarkers, at: k), e < tokens.count else { return nil }
        let t = tokens[e]
        if t.kind == .numeral {
            let parts = t.raw.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
            guard parts.count == 2, let m = Int(parts[0]), (1...12).contains(m), parts[1].count == 4, let y = Int(parts[1]) else { return nil }
            return (m, y, e + 1)
        }
        var month: Int?
        var end = e + 1
        if t.kind == .digits, t.raw.count <= 2, let m = Int(t.raw), (1...12).contains(m) { month = m }
        else if let (m, e2) = match(tables.monthNames, at: e) { month = m; end = e2 }
        // "9 tháng năm 2008" is nine months of 2008: a spelled `năm` (five) right before a year
        // number is the year's marker, not May.
        else if let (m, e2) = smallNumber(at: e), (1...12).contains(m),
                !(match(tables.yearMarkers, at: e).map { $0.1 == e2 } == true && yearNumber(at: e2) != nil) { month = m; end = e2 }
        // "tháng Bảy": a month spelled with a capital, as it is named.
        else if t.kind == .word, t.capitalized, let a = spelledAmount(e), a.end == e + 1, a.value == a.value.rounded(), (1...12).contains(Int(a.value)) {
            month = Int(a.value); end = a.end
        }
        // "tháng tư": the month in its ordinal form — not `nhất`, `nhì` (January is "tháng một",
        // "tháng giêng"; "non tháng nhất" is the most premature).
        else if t.kind == .word, let m = tables.lexicon.ordinalWords[t.lower], (3...12).contains(m) { month = m }
        guard let month else { return nil }
        // "Lương tháng 6 triệu": a scale after the number makes it an amount, and the marker
        // the word for "monthly" (a currency word may be another word: "tháng 12 đồng loạt").
        if t.kind == .digits, end < tokens.count, match(tables.scales, at: end) != nil { return nil }
        if let (_, ye) = match(tables.yearMarkers, at: end), let y = yearNumber(at: ye) { return (month, y, ye + 1) }
        if end + 1 < tokens.count, ["/", "-", "–"].contains(tokens[end].raw), let y = yearNumber(at: end + 1) { return (month, y, end + 2) }
        return (month, nil, end)
    }

    /// A day or month number in digits or (for "mồng ba") in words.
    private func smallNumber(at k: Int) -> (Int, Int)? {
        guard k < tokens.count else { return nil }
        if tokens[k].kind == .digits, tokens[k].raw.count <= 2, let v = Int(tokens[k].raw) { return (v, k + 1) }
        if tokens[k].kind == .word, !tokens[k].capitalized, let a = spelledAmount(k), a.value == a.value.rounded(), a.value < 32 { return (Int(a.value), a.end) }
        return nil
    }

    /// A day number with an optional ordinal suffix glued on ("9", "21st", "1er").
    private func dayNumber(at k: Int) -> (Int, Int)? {
        guard k < tokens.count, tokens[k].kind == .digits, tokens[k].raw.count <= 2, let d = Int(tokens[k].raw), (1...31).contains(d) else { return nil }
        var e = k + 1
        if e < tokens.count, !tokens[e].spaceBefore, tables.lexicon.ordinalSuffixes.contains(tokens[e].lower) { e += 1 }
        return (d, e)
    }

    func yearNumber(at k: Int) -> Int? {
        guard k < tokens.count, tokens[k].kind == .digits, tokens[k].raw.count == 4, let y = Int(tokens[k].raw), (1000...2199).contains(y) else { return nil }
        return y
    }

    /// A month name from CLDR or the lexicon, with the period of its abbreviation.
    private func monthName(at k: Int) -> (Int, Int)? {
        guard k < tokens.count, tokens[k].kind == .word, let (m, e) = match(tables.monthNames, at: k) else { return nil }
        // "may", "mars", "march" are words too: a month name is only read next to a day or a year.
        if e < tokens.count, tokens[e].raw == ".", !tokens[e].spaceBefore, !tables.wideMonthNames.contains(key(k, e)) { return (m, e + 1) }
        return (m, e)
    }

    /// The numerator and denominator of one token `a/b` at `k` that is a fraction (see `fractionLike`).
    func slashFraction(_ raw: String, at k: Int) -> (Int, Int)? {
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) }), let a = Int(parts[0]), let b = Int(parts[1]),
              fractionLike(a, b, at: k) else { return nil }
        return (a, b)
    }

    /// A fraction written with a slash, as one token or spaced: `1/3`, `2 / 3`.
    func fraction(at k: Int) -> Match? {
        guard k < tokens.count else { return nil }
        var a = 0, b = 0, end = k + 1
        if tokens[k].kind == .numeral, let (x, y) = slashFraction(tokens[k].raw, at: k) {
            (a, b) = (x, y)
        } else if tokens[k].kind == .digits, tokens[k].raw.count <= 2, isSlash(k + 1), k + 2 < tokens.count, tokens[k + 2].kind == .digits,
                  tokens[k + 2].raw.count <= 2, let x = Int(tokens[k].raw), let y = Int(tokens[k + 2].raw), fractionLike(x, y, at: k) {
            (a, b, end) = (x, y, k + 3)
        } else {
            return nil
        }
        // "1/3/2009" is a date; "2/3 số hộ" a fraction of something counted.
        if isSlash(end) || isDash(end) { return nil }
        var q = Quantity(start: tokens[k].start, end: tokens[end - 1].end, kind: .number)
        q.value = Double(a) / Double(b)
        return Match(quantity: q, next: end)
    }

    /// "9/2", "1/8/2014", "2/2025", "2025-02-09", "9-2-2025" in the language's order.
    func slashDate(_ raw: String) -> String? {
        let slash = raw.contains("/")
        let parts = raw.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        // No part of a date has more than four digits; a longer one would not even fit an Int
        // (the fuzzer's "25/12/2026666666666666666666666" lost a part and read past the end).
        guard parts.allSatisfy({ (1...4).contains($0.count) && $0.unicodeScalars.allSatisfy(QuantityTokenizer.isDigit) }) else { return nil }
        let n = parts.compactMap { Int($0) }
        guard n.count == parts.count else { return nil }
        if parts.count == 3 {
            if parts[0].count == 4 { return Self.valid(day: n[2], month: n[1]) ? Self.iso(year: n[0], month: n[1], day: n[2]) : nil }
            guard parts[2].count == 4 || parts[2].count == 2, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
            let year = parts[2].count == 4 ? n[2] : (n[2] < 50 ? 2000 + n[2] : 1900 + n[2])
            let (d, m) = tables.dateOrder == .mdy ? (n[1], n[0]) : (n[0], n[1])
            return Self.valid(day: d, month: m) ? Self.iso(year: year, month: m, day: d) : nil
        }
        guard parts.count == 2, slash, parts[0].count <= 2 else { return nil }
        if parts[1].count == 4 { return (1...12).contains(n[0]) ? Self.iso(year: n[1], month: n[0], day: nil) : nil }
        guard parts[1].count <= 2 else { return nil }
        let (d, m) = tables.dateOrder == .mdy ? (n[1], n[0]) : (n[0], n[1])
        return Self.valid(day: d, month: m) ? Self.iso(year: nil, month: m, day: d) : nil
    }

    /// A date written as separate numbers joined by dashes, as tokenized text has them:
    /// day, month and year (`22 - 10 – 2003`) and month and year (`11 - 2000`) anywhere; day
    /// and month (`29 - 10`) only when `dayKnown` (a day marker or a part of the day before it),
    /// since elsewhere that is a range.
    private func spacedDate(at k: Int, dayKnown known: Bool?) -> (String, Int)? {
        func small(_ j: Int) -> Int? {
            guard j < tokens.count, tokens[j].kind == .digits, tokens[j].raw.count <= 2 else { return nil }
            return Int(tokens[j].raw)
        }
        // Slashes as tokenized text spaces them ("30 / 4 / 1975", "dịp 20 / 11") join what
        // dashes join, and a day and month anywhere: a slash makes no range.
        let slash = isSlash(k + 1)
        guard let a = small(k), slash || isDash(k + 1) else { return nil }
        func joined(_ j: Int) -> Bool { slash ? isSlash(j) : isDash(j) }
        if let y = yearNumber(at: k + 2), (1...12).contains(a) { return (Self.iso(year: y, month: a, day: nil), k + 3) }
        guard let b = small(k + 2), Self.valid(day: a, month: b) else { return nil }
        if joined(k + 3), let y = yearNumber(at: k + 4) { return (Self.iso(year: y, month: b, day: a), k + 5) }
        // "29 - 10 - 5" is no date; nor is a day and month before a unit ("10 - 12 km"), nor
        // a fraction ("giảm 1 / 3") — but where a word before says a day is meant, a year
        // word after begins the year ("Quốc khánh 2 - 9 năm nay").
        guard !joined(k + 3) else { return nil }
        let dayMeant = known ?? (afterDayContext(k) || closesDayRange(a, at: k))
        guard suffix(at: k + 3) == nil || (dayMeant && !slash && match(tables.yearMarkers, at: k + 3) != nil) else { return nil }
        if slash {
            guard known == true || !fractionLike(a, b, at: k) else { return nil }
        } else {
            guard dayMeant || dayAlone(a) else { return nil }
        }
        return (Self.iso(year: nil, month: b, day: a), k + 3)
    }

    /// Whether the day `a` at `k` closes a range of days opened before it with a smaller bare
    /// day and nothing counted after ("từ 4 đến 6 - 7": the 4th to the 6th of July).
    private func closesDayRange(_ a: Int, at k: Int) -> Bool {
        guard k >= 3, tokens[k - 2].kind == .digits, tokens[k - 2].raw.count <= 2, let low = Int(tokens[k - 2].raw), low < a,
              let (closers, e) = match(tables.rangeOpeners, at: k - 3), e == k - 2, closers.contains(tokens[k - 1].lower) else { return false }
        return k + 3 >= tokens.count || match(tables.countNouns, at: k + 3) == nil
    }

    /// "23-3" as one token: day and month joined by a dash (a range elsewhere).
    private func dashedDate(_ raw: String) -> String? {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) }), let d = Int(parts[0]), let m = Int(parts[1]),
              Self.valid(day: d, month: m) else { return nil }
        return Self.iso(year: nil, month: m, day: d)
    }

    /// Whether `a / b` at token `k` reads as a fraction, not a day and month: a proper fraction
    /// with a small denominator (`1 / 3`, `3/4`), unless a word before says a day is meant.
    func fractionLike(_ a: Int, _ b: Int, at k: Int) -> Bool {
        a >= 1 && a < b && b <= 10 && !afterDayContext(k)
    }

    /// A day no month can be, where the language writes day–month with a dash (`23 - 3`): a
    /// range runs upwards and a month stops at 12, so it reads as a date.
    private func dayAlone(_ day: Int) -> Bool { tables.lexicon.dates.dashedDaysAlone && day > 12 }

    /// Whether a word before token `k` makes a day (and month) there a date: a part of the day
    /// (`sáng`, `hôm`), a weekday, or a list of days that a day word opens ("hai ngày 2 và 3 - 11").
    private func afterDayContext(_ k: Int) -> Bool {
        if phrase(tables.dayContext, endsAt: k) { return true }
        // A weekday and a comma: "sáng chủ nhật , 1 - 10".
        if k >= 2, tokens[k - 1].raw == ",", phrase(tables.weekdays, endsAt: k - 1) { return true }
        // A weekday and a bracket: "sáng thứ hai ( 4 - 12 )".
        if k >= 2, ["(", "LBKT"].contains(tokens[k - 1].raw), phrase(tables.weekdays, endsAt: k - 1) { return true }
        guard k >= 3, tokens[k - 2].kind == .digits, tokens[k - 2].raw.count <= 2,
              tokens[k - 1].raw == "," || tables.lexicon.dates.listConnectors.contains(tokens[k - 1].lower) else { return false }
        return match(tables.dayMarkers, at: k - 3).map { $0.1 == k - 2 } ?? false
    }

    static func valid(day: Int, month: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func four(_ n: Int) -> String { String(repeating: "0", count: Swift.max(0, 4 - String(n).count)) + String(n) }

    static func iso(year: Int?, month: Int, day: Int?) -> String {
        switch (year, day) {
        case let (y?, d?): return "\(four(y))-\(two(month))-\(two(d))"
        case let (y?, nil): return "\(four(y))-\(two(month))"
        case let (nil, d?): return "--\(two(month))-\(two(d))"
        case (nil, nil): return "--\(two(month))"
        }
    }

    // MARK: Times

    /// The part of the day at `k` (`sáng`, `tối`, `pm`), unless the word only begins like one
    /// (`tối đa`, `sáng kiến`: the lexicon's `notUnitWords`).
    func dayPeriod(at k: Int) -> (String, Int)? {
        guard let found = match(tables.dayPeriods, at: k), match(tables.notUnitWords, at: k) == nil else { return nil }
        return found
    }

    /// "8 giờ 30", "8h30", "8:30", "8 giờ sáng", "lúc 8 giờ", "8 pm", "8 o'clock", "8 Uhr".
    func time(at start: Int) -> Match? {
        var k = start
        var licensed = false
        if let (_, e) = match(tables.timePrefixes, at: k), e < tokens.count { k = e; licensed = true }
        guard k < tokens.count else { return nil }
        let tok = tokens[k]
        var hour: Int
        var minute = 0
        var end: Int
        var clock = false
        var marked = false
        if tok.kind == .numeral {
            let parts = tok.raw.split(separator: ":", omittingEmptySubsequences: false)
            let dotted = tok.raw.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h <= 24, m < 60 {
                hour = h; minute = m; end = k + 1; clock = true
            } else if dotted.count == 2, dotted[1].count == 2, let h = Int(dotted[0]), let m = Int(dotted[1]), h <= 24, m < 60,
                      k + 1 < tokens.count, match(tables.hourMarkers, at: k + 1) != nil || dayPeriod(at: k + 1) != nil {
                hour = h; minute = m; end = k + 1; clock = true
            } else {
                return nil
            }
            if let (_, e) = match(tables.hourMarkers, at: end) { end = e; marked = true }
        } else if tok.kind == .digits, tok.raw.count <= 2, let h = Int(tok.raw), h <= 24 {
            hour = h
            end = k + 1
            // A capital "G" glued on is a generation ("3G"), not an hour.
            if end < tokens.count, !tokens[end].spaceBefore, tokens[end].raw == "G" { return nil }
            if let (_, e) = match(tables.hourMarkers, at: end) {
                // A glued "h" ("8h", "8h30") is a clock time.
                if !tokens[end].spaceBefore, tokens[end].lower == "h" { clock = true }
                end = e
                marked = true
                if end < tokens.count, tokens[end].kind == .digits, tokens[end].raw.count <= 2, let m = Int(tokens[end].raw), m < 60 {
                    minute = m; end += 1; clock = true
                    if let (_, e2) = match(tables.minuteMarkers, at: end) { end = e2 }
                } else if end < tokens.count, tables.lexicon.times.half.contains(tokens[end].lower) {
                    minute = 30; end += 1; clock = true
                }
                // A marker with nothing more ("8 giờ") is clock time only after "lúc", before a day
                // period or before a date.
                // One that is also a unit ("9 g", gram) is one too where nothing is weighed:
                // before punctuation, at a sentence start, after a hedge or a time word.
                // A date after it makes it the hour of that day ("8 g ngày 15 - 6").
                if !clock && !licensed && dayPeriod(at: end) == nil && date(at: end) == nil {
                    guard tables.lexicon.times.markersLikeUnits.contains(tokens[e - 1].lower), clockAlone(k, end) else { return nil }
                }
            } else if dayPeriod(at: end) == nil || hour > 12 {
                // An hour with only the part of the day after it is on the twelve-hour clock
                // ("9 tối"): "20 đêm diễn" counts nights.
                return nil
            }
            // "trong 2 giờ 35 phút", "mất 1 giờ 20 phút": how long, not what time.
            if marked, !licensed, dayPeriod(at: end) == nil, phrase(tables.timeDurationContext, endsAt: k) { return nil }
        } else if tok.kind == .word, let a = spelledAmount(k), a.value >= 1, a.value <= 12, a.value == a.value.rounded(),
                  let (_, e) = match(tables.hourMarkers, at: a.end), dayPeriod(at: e) != nil {
            // "Bốn giờ chiều": a spelled hour with the part of the day.
            hour = Int(a.value)
            end = e
            marked = true
        } else {
            return nil
        }
        if let (period, e) = dayPeriod(at: end) {
            switch period {
            case "pm": if hour < 12 { hour += 12 }
            case "am": if hour == 12 { hour = 0 }
            case "noon": if hour < 6 { hour += 12 }
            case "night": if hour >= 6 && hour < 12 { hour += 12 } else if hour == 12 { hour = 0 }
            default: break
            }
            // The part of the day sets the hour; after an hour word it is a word of its own,
            // outside the span ("11 giờ đêm" → "11 giờ", 23:00), unlike "8 pm" or "8:30 am".
            if !marked { end = e }
        }
        guard hour <= 24 else { return nil }
        var q = Quantity(start: tokens[k].start, end: tokens[end - 1].end, kind: .time)
        q.iso = "T\(Self.two(hour)):\(Self.two(minute))"
        return Match(quantity: q, next: end)
    }

    /// Whether an hour written with a marker that is also a unit (`9 g`) reads as a clock time:
    /// punctuation comes after it (nothing is weighed), or it opens the sentence, or a hedge or
    /// a time word stands before it.
    private func clockAlone(_ k: Int, _ end: Int) -> Bool {
        if end >= tokens.count || tokens[end].kind == .other { return true }
        if isSentenceStart(k) { return true }
        if phrase(tables.timePrefixes, endsAt: k) { return true }
        // "khoảng 9 g", "gần 9 g"; but a bound ("không quá 5 g muối") weighs.
        for n in 1...3 where k - n >= 0 {
            if let (meaning, e) = match(tables.approximate, at: k - n), e == k { return !Self.bounds.contains(meaning) }
        }
        return false
    }

    /// Hedges that bound an amount rather than round it: said of weights, not of hours.
    static let bounds: Set<String> = ["at most", "at least", "under"]

    // MARK: Ordinals

    /// Roman numerals from 1 to 89 in their usual spelling (`IV`, not `IIII`), by their text.
    static let romanNumerals: [String: Int] = {
        let tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"], ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
        var out: [String: Int] = [:]
        for n in 1...89 { out[tens[n / 10] + ones[n % 10]] = n }
        return out
    }()

    /// Whether `thứ` + a number word at `k` (a weekday's shape) names the day of the week by
    /// what is around it.
    private func namesWeekday(_ k: Int) -> Bool {
        guard let (_, we) = match(tables.weekdays, at: k) else { return false }
        // "sáng thứ hai", "vào thứ bảy", "thứ tư hằng tuần": the day of the week.
        if phrase(tables.weekdayBefore, endsAt: k) || (we < tokens.count && match(tables.weekdayAfter, at: we) != nil) { return true }
        guard we < tokens.count else { return false }
        let next = tokens[we]
        // A date right after it, or in brackets or after a comma: "thứ bảy 30 - 9", "thứ tư ( 13 - 12 )",
        // "Dự báo thứ tư , 15 - 10".
        if next.kind == .digits || next.kind == .numeral, date(at: we) != nil { return true }
        if ["(", ",", "LBKT"].contains(next.raw), we + 1 < tokens.count, tokens[we + 1].kind == .digits || tokens[we + 1].kind == .numeral,
           date(at: we + 1) != nil { return true }
        // "Thứ hai , dù sao …" opening a sentence — or a clause after a semicolon,
        // "… ; thứ hai , …" — counts its points ("secondly"); a date after the comma
        // makes it the weekday ("Thứ hai , 5/3").
        let opensPoint = (isSentenceStart(k) && tokens[k].capitalized) || (k > 0 && tokens[k - 1].raw == ";")
        let enumerating = opensPoint && [",", ":"].contains(next.raw)
            && !(we + 1 < tokens.count && (date(at: we + 1) != nil || match(tables.dayMarkers, at: we + 1) != nil))
        // After a word in lower case the comma closes the phrase the ordinal ranks in
        // ("Trong trận đấu thứ hai , …"); after `là`, `ngày`, a conjunction, or alone, it
        // names the day.
        let ranksAWord = k > 0 && tokens[k - 1].kind == .word && !tokens[k - 1].capitalized && !phrase(tables.weekdayBeforeComma, endsAt: k)
        return !enumerating && ((next.raw == "," && !ranksAWord) || match(tables.dayMarkers, at: we) != nil
            || (next.kind == .numeral && slashDate(next.raw) != nil))
    }

    /// Whether the weekday-shaped phrase at `k` is listed (by a comma, `và`, `hoặc`, `hay`) with
    /// a day of the week — `chủ nhật`, or a `thứ …` that names one: "thứ ba và thứ năm hằng
    /// tuần", "cả thứ bảy và chủ nhật", "sáng thứ hai , thứ tư , thứ sáu".
    private func listedWithWeekday(_ k: Int) -> Bool {
        func joins(_ j: Int) -> Bool { tokens[j].raw == "," || tables.lexicon.dates.listConnectors.contains(tokens[j].lower) }
        func isDay(_ j: Int) -> Bool { match(tables.ordinalPrefixes, at: j) == nil || namesWeekday(j) }
        // Leftwards: members ending right before a joiner.
        var end = k
        for _ in 0..<6 {
            guard end >= 2, joins(end - 1), let start = (Swift.max(0, end - 4)...(end - 2)).first(where: { match(tables.weekdays, at: $0)?.1 == end - 1 }) else { break }
            if isDay(start) { return true }
            end = start
        }
        // Rightwards: members starting right after a joiner.
        var at = k
        for _ in 0..<6 {
            guard let (_, e) = match(tables.weekdays, at: at), e + 1 < tokens.count, joins(e), match(tables.weekdays, at: e + 1) != nil else { break }
            if isDay(e + 1) { return true }
            at = e + 1
        }
        return false
    }

    /// "thứ ba", "thứ 3", "thứ nhất", "21st", "1er", "first" — not "thứ Ba" (Tuesday).
    func ordinal(at k: Int) -> Match? {
        guard k < tokens.count else { return nil }
        let lx = tables.lexicon
        if let (_, e) = match(tables.ordinalPrefixes, at: k), e < tokens.count {
            // After a rank noun it ranks ("lần thứ ba ,"), though it reads like a weekday.
            if !phrase(tables.ordinalRankNouns, endsAt: k), !phrase(tables.ordinalNounsBeforePrefix, endsAt: k), match(tables.weekdays, at: k) != nil {
                if tokens[e].capitalized { return nil }
                if namesWeekday(k) || listedWithWeekday(k) { return nil }
            }
            var value: Double?
            var end = e
            if tokens[e].kind == .digits, tokens[e].raw.count <= 4, let v = Double(tokens[e].raw) { value = v; end = e + 1 }
            else if let v = lx.ordinalWords[tokens[e].lower] { value = Double(v); end = e + 1 }
            // "lần thứ V", "Đại hội lần thứ IX": a Roman numeral, written in capitals.
            else if tokens[e].kind == .word, let v = Self.romanNumerals[String(scalars: scalars[tokens[e].start..<tokens[e].end])] {
                value = Double(v); end = e + 1
            }
            else if let a = spelledAmount(e), a.value >= 1, a.value == a.value.rounded() { value = a.value; end = a.end }
            guard let value else { return nil }
            return ordinalMatch(k, end, value)
        }
        // "a third daily flight", "a second heart attack": an article, an ordinal word and the
        // word it ranks (before "of", "more" it is a fraction: "a third of them").
        if let articles = lx.numberWords?.article, articles.contains(tokens[k].lower), k + 2 < tokens.count,
           let v = lx.ordinalWords[tokens[k + 1].lower], tokens[k + 2].kind == .word, !lx.fractionFollowers.isEmpty,
           !lx.fractionFollowers.contains(tokens[k + 2].lower) {
            return ordinalMatch(k + 1, k + 2, Double(v))
        }
        // "giải nhì", "hạng ba": after a prize or rank noun an ordinal or digit word ranks.
        // A unit after it makes it an amount ("trong vòng hai giờ", within two hours).
        // A number word that opens a longer number counts ("trong vòng hai mươi năm", within twenty years).
        if tokens[k].kind == .word, phrase(tables.ordinalRankNouns, endsAt: k), suffix(at: k + 1) == nil,
           let v = lx.ordinalWords[tokens[k].lower] ?? lx.numberWords?.digits[tokens[k].lower], v >= 1,
           (spelledAmount(k)?.end ?? k + 1) <= k + 1 {
            return ordinalMatch(k, k + 1, Double(v))
        }
        // "về nhất", "về nhì": after these only an ordinal word ranks, and not one that is
        // mostly another word's syllable ("về tư tưởng").
        if tokens[k].kind == .word, phrase(tables.ordinalWordRankNouns, endsAt: k), let v = lx.ordinalWords[tokens[k].lower], v >= 1,
           !lx.ordinalAmbiguous.contains(tokens[k].lower), suffix(at: k + 1) == nil {
            return ordinalMatch(k, k + 1, Double(v))
        }
        if lx.ordinalPrefixes.isEmpty, tokens[k].kind == .word, let v = lx.ordinalWords[tokens[k].lower],
           !lx.ordinalAmbiguous.contains(tokens[k].lower) || (k > 0 && lx.ordinalDeterminers.contains(tokens[k - 1].lower)),
           !isName(k) || isSentenceStart(k) {
            return ordinalMatch(k, k + 1, Double(v))
        }
        // "21st", "1,000th" (grouped digits too); "on the 21st" is a day of the month.
        if tokens[k].kind == .digits || tokens[k].kind == .numeral, k + 1 < tokens.count, !tokens[k + 1].spaceBefore,
           lx.ordinalSuffixes.contains(tokens[k + 1].lower), let v = tokens[k].kind == .digits ? Double(tokens[k].raw) : numeral(tokens[k].raw)?.value,
           v == v.rounded(),
           k + 2 >= tokens.count || tokens[k + 2].spaceBefore || tokens[k + 2].kind == .other {
            if (1...31).contains(v), phrase(tables.dayOrdinalsAfter, endsAt: k) { return dateMatch(k, k + 2, "---" + Self.two(Int(v))) }
            return ordinalMatch(k, k + 2, v)
        }
        return nil
    }

    private func ordinalMatch(_ k: Int, _ e: Int, _ value: Double) -> Match {
        var q = Quantity(start: tokens[k].start, end: tokens[e - 1].end, kind: .ordinal)
        q.value = value
        return Match(quantity: q, next: e)
    }
}
