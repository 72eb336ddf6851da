import CLibXML2

/// Whether a line of a page reads as a date — `20/03/2009 08:15`, `Cập nhật: 05/09/2012`,
/// `2014-08-15`, `March 4, 2013`, `ngày 5 tháng 9 năm 2012`: a year (1900–2099) with a day and
/// a month, or a day and a month's name, beside it. A news article dates itself next to its
/// headline; a section front, a product page and a service page do not, which is what tells a
/// brief from a page of teasers.
enum DateLine {
    static let monthWords = WordMatcher([(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                                           "tháng", "thg"], 1)])

    /// A text node's UTF-8 (without allocating unless a month's name must be looked for).
    static func matches(_ text: UnsafePointer<UInt8>) -> Bool {
        let length = Int(xmlStrlen(text))
        // A line that is mostly its date: a sentence that mentions one is not a date line.
        guard length <= 100 else { return false }
        var hasYear = false
        // Words of letters: a date line has a few (`Cập nhật lúc`, `Thứ Ba`, `Last updated`),
        // an announcement that names a date has a sentence of them.
        var words = 0
        var inWord = false
        var days = 0
        var value = 0
        var digits = 0
        func end() {
            if digits == 4 && value >= 1900 && value <= 2099 && !hasYear { hasYear = true }
            else if digits >= 1 && digits <= 2 && value >= 1 && value <= 31 { days += 1 }
            value = 0
            digits = 0
        }
        for i in 0..<length {
            let b = text[i]
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80
            if letter && !inWord { words += 1 }
            inWord = letter
            if b >= 0x30 && b <= 0x39 {
                if digits < 5 { value = value * 10 + Int(b - 0x30) }
                digits += 1
            } else if digits > 0 {
                end()
            }
        }
        if digits > 0 { end() }
        guard hasYear, days >= 1, words <= 8 else { return false }
        return days >= 2 || monthWords.tags(in: String(cString: text)) != 0
    }
}
